"""``DocumentData``: one job description as plain values, built from a draft, a role template or a
past version of a draft. The preview, every export format and every check read this and nothing
else, so none of them needs the database or knows which of the three it was built from.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import slugify
from reversion.models import Version

from roles.models import (
    ITEM_LISTS,
    Cadence,
    EmploymentType,
    JobDescription,
    Level,
    OrganisationProfile,
    QualificationKind,
    RoleTemplate,
)


@dataclass(frozen=True)
class Organisation:
    """The organisation profile as the document prints it."""

    name: str = ""
    accent_colour: str = "#0f4c81"
    about: str = ""
    equal_opportunity: str = ""
    paper_size: str = "A4"
    #: The logo's name in media storage ("" for none); ``fetcher.document_media`` reads it.
    logo_name: str = ""

    @classmethod
    def from_profile(cls, profile: OrganisationProfile) -> "Organisation":
        return cls(
            name=profile.name,
            accent_colour=profile.accent_colour,
            about=profile.about,
            equal_opportunity=profile.equal_opportunity,
            paper_size=profile.paper_size,
            logo_name=profile.logo.name or "",
        )


@dataclass(frozen=True)
class ResponsibilityItem:
    id: int | None
    text: str


@dataclass(frozen=True)
class KPIItem:
    id: int | None
    name: str
    measure: str
    target: str
    cadence: str

    @property
    def cadence_label(self) -> str:
        return _label(Cadence, self.cadence)


@dataclass(frozen=True)
class QualificationItem:
    id: int | None
    text: str
    kind: str

    @property
    def kind_label(self) -> str:
        return _label(QualificationKind, self.kind)


def _label(choices: type[models.TextChoices], value: str) -> str:
    """The label of ``value``, or the value itself if the choices no longer have it (a past
    version may hold one that has since been removed)."""
    return dict(choices.choices).get(value, value)


@dataclass(frozen=True)
class DocumentData:
    """A job description as plain values. Items keep the ids of the rows they were read from
    (``None`` for a row not saved yet), so findings and comments can point at them."""

    title: str
    level: str
    summary: str
    reports_to: str = ""
    scope: str = ""
    impact: str = ""
    collaboration: str = ""
    company: str = ""
    department: str = ""
    location: str = ""
    employment_type: str = ""
    salary_min: int | Decimal | None = None
    salary_max: int | Decimal | None = None
    salary_currency: str = ""
    responsibilities: tuple[ResponsibilityItem, ...] = ()
    kpis: tuple[KPIItem, ...] = ()
    qualifications: tuple[QualificationItem, ...] = ()
    organisation: Organisation = field(default_factory=Organisation)

    @property
    def level_label(self) -> str:
        return _label(Level, self.level)

    @property
    def employment_type_label(self) -> str:
        return _label(EmploymentType, self.employment_type) if self.employment_type else ""

    @property
    def required_qualifications(self) -> tuple[QualificationItem, ...]:
        return tuple(q for q in self.qualifications if q.kind == QualificationKind.REQUIRED)

    @property
    def preferred_qualifications(self) -> tuple[QualificationItem, ...]:
        return tuple(q for q in self.qualifications if q.kind == QualificationKind.PREFERRED)

    @property
    def salary_range(self) -> str:
        """The salary range as a candidate reads it, e.g. 'USD 180,000 – 220,000'."""
        low, high, currency = self.salary_min, self.salary_max, self.salary_currency
        if low is not None and high is not None:
            return f"{currency} {low:,} – {high:,}" if low != high else f"{currency} {low:,}"
        if low is not None:
            return f"From {currency} {low:,}"
        if high is not None:
            return f"Up to {currency} {high:,}"
        return ""

    def filename(self, extension: str) -> str:
        """A file name made from the title: 'vp-of-operations.pdf'."""
        return f"{slugify(self.title)[:80] or 'job-description'}.{extension}"


def _items(rows_by_list: dict[str, list]) -> dict[str, tuple]:
    return {
        "responsibilities": tuple(
            ResponsibilityItem(id=row.pk, text=row.text) for row in rows_by_list["responsibilities"]
        ),
        "kpis": tuple(
            KPIItem(
                id=row.pk,
                name=row.name,
                measure=row.measure,
                target=row.target,
                cadence=row.cadence,
            )
            for row in rows_by_list["kpis"]
        ),
        "qualifications": tuple(
            QualificationItem(id=row.pk, text=row.text, kind=row.kind)
            for row in rows_by_list["qualifications"]
        ),
    }


def _content(source: RoleTemplate | JobDescription) -> dict:
    return {
        "title": source.title,
        "level": source.level,
        "summary": source.summary,
        "reports_to": source.reports_to,
        "scope": source.scope,
        "impact": source.impact,
        "collaboration": source.collaboration,
    }


def _organisation(profile: OrganisationProfile | None) -> Organisation:
    return Organisation.from_profile(profile or OrganisationProfile.load())


def document_from_draft(
    draft: JobDescription,
    organisation: OrganisationProfile | None = None,
    *,
    rows_by_list: dict[str, list] | None = None,
) -> DocumentData:
    """The draft as a document; its lists are read from the draft (prefetch them) unless
    ``rows_by_list`` gives them (a past version's rows)."""
    if rows_by_list is None:
        rows_by_list = {name: list(getattr(draft, name).all()) for name, *_ in ITEM_LISTS}
    return DocumentData(
        **_content(draft),
        company=draft.company,
        department=draft.department,
        location=draft.location,
        employment_type=draft.employment_type,
        salary_min=draft.salary_min,
        salary_max=draft.salary_max,
        salary_currency=draft.salary_currency,
        **_items(rows_by_list),
        organisation=_organisation(organisation),
    )


def document_from_template(
    template: RoleTemplate, organisation: OrganisationProfile | None = None
) -> DocumentData:
    """The role template as a document (the admin's preview); its lists are read from the
    template, so prefetch them. Items carry the template rows' ids."""
    rows_by_list = {name: list(getattr(template, name).all()) for name, *_ in ITEM_LISTS}
    return DocumentData(
        **_content(template), **_items(rows_by_list), organisation=_organisation(organisation)
    )


def document_from_version(
    version: Version, organisation: OrganisationProfile | None = None
) -> DocumentData:
    """A draft as it was in one saved revision (django-reversion), with its lists as they were.
    Prefetch ``revision__version_set`` to read it without a query per list."""
    in_revision = version.revision.version_set.all()
    rows_by_list = {}
    for related_name, _content_model, _template_model, draft_model in ITEM_LISTS:
        content_type = ContentType.objects.get_for_model(draft_model)  # cached per process
        rows = [
            v._object_version.object for v in in_revision if v.content_type_id == content_type.pk
        ]
        rows_by_list[related_name] = sorted(rows, key=lambda row: (row.position, row.pk))
    return document_from_draft(
        version._object_version.object, organisation, rows_by_list=rows_by_list
    )
