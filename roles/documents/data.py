"""``DocumentData``: one job description as plain values, built from a draft, a role template or a
past version of a draft. The preview, every export format and every check read this and nothing
else, so none of them needs the database or knows which of the three it was built from.
"""

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db import models
from reversion.models import Version

from roles.http import filename_stem
from roles.models import (
    ITEM_LISTS,
    Cadence,
    EmploymentType,
    FLSAClassification,
    JobDescription,
    Level,
    OrganisationProfile,
    PayPeriod,
    QualificationKind,
    RoleTemplate,
    WorkArrangement,
)

# C0 control characters but tab and line breaks, DEL, and the two noncharacters XML forbids: the
# editor refuses them, but text can arrive by other ways (the admin, a migration, a script), and
# one in a PDF breaks the text layer of its whole font; XML (Word) cannot hold them at all. No
# format can show one, so none gets one.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class PrintableText:
    """Drops control characters from every text field of a document's dataclasses as they are
    made, so every format and check reads the same printable text."""

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if isinstance(value, str) and _CONTROL_CHARACTERS.search(value):
                object.__setattr__(self, name, _CONTROL_CHARACTERS.sub("", value))


@dataclass(frozen=True)
class Organisation(PrintableText):
    """The organisation profile as the document prints it."""

    name: str = ""
    accent_colour: str = "#0f4c81"
    about: str = ""
    equal_opportunity: str = ""
    paper_size: str = "A4"
    #: The logo's name in media storage ("" for none); ``fetcher.document_media`` reads it.
    logo_name: str = ""
    #: The logo as PNG or JPEG for the formats that cannot take SVG (Word); "" for none.
    raster_logo_name: str = ""
    #: Employees in total; None means every size threshold of a pay rule is taken as met.
    headcount: int | None = None
    #: Where the head office is (state or province code, country code): some pay laws reach
    #: only the remote roles of employers based there.
    home_region: str = ""
    home_country: str = ""
    #: Employees as a pay rule that counts only its place counts them: (jurisdiction, count).
    place_headcounts: tuple[tuple[str, int], ...] = ()

    @classmethod
    def from_profile(cls, profile: OrganisationProfile) -> "Organisation":
        columns = {name: getattr(profile, name) for name in _PROFILE_FIELDS}
        columns["logo"], columns["logo_png"] = profile.logo.name, profile.logo_png.name
        place_headcounts = (
            profile.place_headcounts.order_by("rule__jurisdiction").values_list(
                "rule__jurisdiction", "employees"
            )
            if profile.pk
            else ()
        )
        return cls._from_columns(columns, place_headcounts)

    @classmethod
    def load(cls) -> "Organisation":
        """The organisation profile as documents print it, in one query: the profile joined to
        its place headcounts, a row for each (one row with none). A cached PDF's download reads
        nothing else, and ``from_profile`` would take two."""
        rows = OrganisationProfile.objects.values_list(
            "pk",
            *_PROFILE_FIELDS,
            "place_headcounts__rule__jurisdiction",
            "place_headcounts__employees",
        ).order_by("pk", "place_headcounts__rule__jurisdiction")
        first_pk, profile, place_headcounts = None, (), []
        for pk, *fields, jurisdiction, employees in rows:
            if first_pk is None:
                first_pk, profile = pk, fields
            elif pk != first_pk:  # ``OrganisationProfile.load`` reads the first profile only
                break
            if jurisdiction is not None:
                place_headcounts.append((jurisdiction, employees))
        if first_pk is None:  # no profile yet: ``load`` makes the default one
            return cls.from_profile(OrganisationProfile.load())
        return cls._from_columns(dict(zip(_PROFILE_FIELDS, profile, strict=True)), place_headcounts)

    @classmethod
    def _from_columns(cls, columns: dict, place_headcounts) -> "Organisation":
        """From the profile's ``_PROFILE_FIELDS`` (the logos as their names in storage)."""
        columns = dict(columns)
        logo, logo_png = columns.pop("logo") or "", columns.pop("logo_png") or ""
        return cls(
            **columns,
            logo_name=logo,
            raster_logo_name=logo_png or _raster(logo),
            place_headcounts=tuple(place_headcounts),
        )


#: The profile's columns an ``Organisation`` is made of (``Organisation.load`` reads only these).
_PROFILE_FIELDS = (
    "name",
    "accent_colour",
    "about",
    "equal_opportunity",
    "paper_size",
    "logo",
    "logo_png",
    "headcount",
    "home_region",
    "home_country",
)


def _raster(name: str) -> str:
    """``name`` if it is a picture Word can take (uploads are re-encoded as PNG), else ""."""
    return "" if name.lower().endswith(".svg") else name


@dataclass(frozen=True)
class ResponsibilityItem(PrintableText):
    id: int | None
    text: str
    #: The template item a draft's item was copied from (None: not recorded, or a template's).
    source_id: int | None = None


@dataclass(frozen=True)
class KPIItem(PrintableText):
    id: int | None
    name: str
    measure: str
    target: str
    cadence: str
    source_id: int | None = None

    @property
    def cadence_label(self) -> str:
        return _label(Cadence, self.cadence)


@dataclass(frozen=True)
class QualificationItem(PrintableText):
    id: int | None
    text: str
    kind: str
    source_id: int | None = None

    @property
    def kind_label(self) -> str:
        return _label(QualificationKind, self.kind)


@dataclass(frozen=True)
class LocationItem(PrintableText):
    id: int | None
    arrangement: str
    city: str
    region: str
    country: str
    source_id: int | None = None
    postal_code: str = ""

    @property
    def arrangement_label(self) -> str:
        return _label(WorkArrangement, self.arrangement)

    @property
    def place(self) -> str:
        """'Denver, CO, US', or 'anywhere in US' for a remote role with no place named."""
        parts = [part for part in (self.city, self.region, self.country) if part]
        if self.arrangement == WorkArrangement.REMOTE and not (self.city or self.region):
            return f"anywhere in {self.country}"
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.arrangement_label} – {self.place}"


def _label(choices: type[models.TextChoices], value: str) -> str:
    """The label of ``value``, or the value itself if the choices no longer have it (a past
    version may hold one that has since been removed)."""
    return dict(choices.choices).get(value, value)


#: What every export of a JD that is not approved says it is (each PDF page's footer, the Word
#: footer, the first line of the text formats): a draft must not pass for the approved text.
DRAFT_NOTE = "Draft, not approved"


def approved_note(*, approved_by: str, approved_on: date, version: int) -> str:
    """What the approved PDF says it is, in its footer."""
    return f"Approved by {approved_by} on {approved_on:%-d %B %Y}, version {version}"


@dataclass(frozen=True)
class DocumentData(PrintableText):
    """A job description as plain values. Items keep the ids of the rows they were read from
    (``None`` for a row not saved yet), so findings and comments can point at them."""

    title: str
    #: The level's slug; ``level_name`` is how documents print it.
    level: str
    summary: str
    level_name: str = ""
    reports_to: str = ""
    scope: str = ""
    impact: str = ""
    collaboration: str = ""
    company: str = ""
    department: str = ""
    employment_type: str = ""
    salary_min: int | Decimal | None = None
    salary_max: int | Decimal | None = None
    salary_currency: str = ""
    pay_period: str = ""
    benefits: str = ""
    other_compensation: str = ""
    posting_date: date | None = None
    closing_date: date | None = None
    applications_rolling: bool = False
    apply_url: str = ""
    apply_instructions: str = ""
    requisition_id: str = ""
    flsa_classification: str = ""
    audience: str = ""
    #: "" (a salary or wage), "commission" (commission only) or "tipped".
    pay_basis: str = ""
    other_compensation_offered: str = ""
    reporting_office_region: str = ""
    ai_screening: str = ""
    existing_vacancy: str = ""
    education_required: str = ""
    experience_months: int | None = None
    experience_in_place_of_education: bool = False
    #: Whether the owner asked for the careers page (a past version from before: no).
    publish_on_careers_page: bool = False
    responsibilities: tuple[ResponsibilityItem, ...] = ()
    kpis: tuple[KPIItem, ...] = ()
    qualifications: tuple[QualificationItem, ...] = ()
    locations: tuple[LocationItem, ...] = ()
    organisation: Organisation = field(default_factory=Organisation)
    #: What the document is, for its footer: ``DRAFT_NOTE``, or "Approved by NAME on DATE,
    #: version N"; "" (a template, a past version, the preview) prints nothing.
    status_note: str = ""

    @property
    def is_unapproved_draft(self) -> bool:
        return self.status_note == DRAFT_NOTE

    @property
    def level_label(self) -> str:
        return self.level_name or self.level

    @property
    def location(self) -> str:
        """The work locations in one line, as the document's facts print them."""
        return "; ".join(str(location) for location in self.locations)

    @property
    def how_to_apply(self) -> tuple[str, ...]:
        """The "How to apply" sentences every format prints, in order."""
        lines = []
        if self.apply_instructions:
            lines.append(self.apply_instructions)
        if self.apply_url:
            lines.append(f"Apply at {self.apply_url}")
        if self.closing_date:
            lines.append(f"Applications close on {self.closing_date:%-d %B %Y}.")
        elif self.applications_rolling:
            lines.append("Applications are reviewed on a rolling basis.")
        if self.existing_vacancy in ("yes", "no"):
            negation = "" if self.existing_vacancy == "yes" else "not "
            lines.append(f"This posting is {negation}for an existing vacancy.")
        if self.ai_screening in ("yes", "no"):
            negation = "" if self.ai_screening == "yes" else "do not "
            lines.append(
                f"We {negation}use artificial intelligence to screen, assess or select applicants."
            )
        return tuple(lines)

    @property
    def pay_period_label(self) -> str:
        return _label(PayPeriod, self.pay_period) if self.pay_period else ""

    @property
    def flsa_label(self) -> str:
        return _label(FLSAClassification, self.flsa_classification)

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
        """The pay range as a candidate reads it, e.g. 'USD 180,000 – 220,000 per year'; a
        commission-only or tipped job says so (some pay laws accept that in place of a range, or
        ask for it beside the base wage)."""
        low, high, currency = self.salary_min, self.salary_max, self.salary_currency
        period = f" {self.pay_period_label}" if self.pay_period else ""
        if self.pay_basis == "commission" and low is None and high is None:
            return "Commission only"
        if self.pay_basis == "tipped" and (low is not None or high is not None):
            return f"{self._amounts(low, high, currency, period)}, plus tips"
        return self._amounts(low, high, currency, period)

    @staticmethod
    def _amounts(low, high, currency: str, period: str) -> str:
        if low is not None and high is not None:
            if low == high:
                return f"{currency} {_amount(low)}{period}"
            return f"{currency} {_amount(low)} – {_amount(high)}{period}"
        if low is not None:
            return f"From {currency} {_amount(low)}{period}"
        if high is not None:
            return f"Up to {currency} {_amount(high)}{period}"
        return ""

    def filename(self, extension: str) -> str:
        """A file name made from the title: 'vp-of-operations.pdf'."""
        return f"{filename_stem(self.title)}.{extension}"


def _amount(value: int | Decimal) -> str:
    """180000 → '180,000'; 42.5 → '42.50' (cents only where there are any)."""
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def _source(row) -> int | None:
    """The template item a draft's row was copied from; None for a template's own rows."""
    return getattr(row, "source_item_id", None)


def _items(rows_by_list: dict[str, list]) -> dict[str, tuple]:
    return {
        "responsibilities": tuple(
            ResponsibilityItem(id=row.pk, text=row.text, source_id=_source(row))
            for row in rows_by_list["responsibilities"]
        ),
        "kpis": tuple(
            KPIItem(
                id=row.pk,
                name=row.name,
                measure=row.measure,
                target=row.target,
                cadence=row.cadence,
                source_id=_source(row),
            )
            for row in rows_by_list["kpis"]
        ),
        "qualifications": tuple(
            QualificationItem(id=row.pk, text=row.text, kind=row.kind, source_id=_source(row))
            for row in rows_by_list["qualifications"]
        ),
        "locations": tuple(
            LocationItem(
                id=row.pk,
                arrangement=row.arrangement,
                city=row.city,
                region=row.region,
                country=str(row.country),
                source_id=_source(row),
                postal_code=row.postal_code,
            )
            for row in rows_by_list.get("locations", ())
        ),
    }


def _content(source: RoleTemplate | JobDescription) -> dict:
    return {
        "title": source.title,
        "level": source.level_id,
        # Select the level with the draft or template (access, the lists and the library do).
        "level_name": source.level.name,
        "summary": source.summary,
        "reports_to": source.reports_to,
        "scope": source.scope,
        "impact": source.impact,
        "collaboration": source.collaboration,
        "salary_min": source.salary_min,
        "salary_max": source.salary_max,
        "salary_currency": source.salary_currency,
        "pay_period": source.pay_period,
        "benefits": source.benefits,
        "other_compensation": source.other_compensation,
    }


def _organisation(profile: OrganisationProfile | Organisation | None) -> Organisation:
    """The organisation as documents print it. A caller building many documents (a feed) makes
    it once and passes it on: each ``from_profile`` reads the place headcounts again."""
    if isinstance(profile, Organisation):
        return profile
    return Organisation.from_profile(profile) if profile is not None else Organisation.load()


def document_from_draft(
    draft: JobDescription,
    organisation: OrganisationProfile | Organisation | None = None,
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
        employment_type=draft.employment_type,
        posting_date=draft.posting_date,
        closing_date=draft.closing_date,
        applications_rolling=draft.applications_rolling,
        apply_url=draft.apply_url,
        apply_instructions=draft.apply_instructions,
        requisition_id=draft.requisition_id,
        flsa_classification=draft.flsa_classification,
        audience=draft.audience,
        pay_basis=draft.pay_basis,
        other_compensation_offered=draft.other_compensation_offered,
        reporting_office_region=draft.reporting_office_region,
        ai_screening=draft.ai_screening,
        existing_vacancy=draft.existing_vacancy,
        education_required=draft.education_required,
        experience_months=draft.experience_months,
        experience_in_place_of_education=draft.experience_in_place_of_education,
        publish_on_careers_page=draft.publish_on_careers_page,
        **_items(rows_by_list),
        organisation=_organisation(organisation),
    )


def document_from_values(
    draft: JobDescription,
    fields: dict,
    items: dict[str, list[tuple[int | None, dict]]],
    organisation: OrganisationProfile | None = None,
) -> DocumentData:
    """The draft as the editor's unsaved values say it: ``fields`` by name, and each list's rows
    as (id of the saved row or None, values) in their order. A value the editor did not give
    (an invalid one) is the saved draft's. Nothing is saved: the guidance panel checks this."""
    unsaved = copy.copy(draft)
    for name, value in fields.items():
        setattr(unsaved, name, value)
    rows_by_list = {
        name: [SimpleNamespace(pk=pk, **{**_ROW_DEFAULTS[name], **values}) for pk, values in rows]
        for name, rows in items.items()
    }
    return document_from_draft(unsaved, organisation, rows_by_list=rows_by_list)


# What a row of each list reads as when the editor sent no valid value for a field.
_ROW_DEFAULTS = {
    "responsibilities": {"text": ""},
    "kpis": {"name": "", "measure": "", "target": "", "cadence": ""},
    "qualifications": {"text": "", "kind": ""},
    "locations": {"arrangement": "", "city": "", "region": "", "postal_code": "", "country": ""},
}


def document_from_template(
    template: RoleTemplate, organisation: OrganisationProfile | Organisation | None = None
) -> DocumentData:
    """The role template as a document (the admin's preview); its lists are read from the
    template, so prefetch them. Items carry the template rows' ids."""
    rows_by_list = {name: list(getattr(template, name).all()) for name, *_ in ITEM_LISTS}
    return DocumentData(
        **_content(template), **_items(rows_by_list), organisation=_organisation(organisation)
    )


def row_as_saved(version: Version):
    """The row as ``version`` stored it, an unsaved instance of today's model, built from
    django-reversion's public ``field_dict`` (its deserialised object is private API). Fields added
    since the version was saved take their defaults; many-to-many values are left out (no list
    row has any)."""
    model = ContentType.objects.get_for_id(version.content_type_id).model_class()
    columns = {field.attname for field in model._meta.concrete_fields}
    return model(**{name: value for name, value in version.field_dict.items() if name in columns})


def document_from_version(
    version: Version,
    organisation: OrganisationProfile | Organisation | None = None,
    *,
    level: Level | None = None,
) -> DocumentData:
    """A draft as it was in one saved revision (django-reversion), with its lists as they were.
    Prefetch ``revision__version_set`` to read it without a query per list; give its ``level``
    when reading many versions (a feed), so each does not read its own."""
    in_revision = version.revision.version_set.all()
    rows_by_list = {}
    for related_name, _content_model, _template_model, draft_model in ITEM_LISTS:
        content_type = ContentType.objects.get_for_model(draft_model)  # cached per process
        rows = [row_as_saved(v) for v in in_revision if v.content_type_id == content_type.pk]
        rows_by_list[related_name] = sorted(rows, key=lambda row: (row.position, row.pk))
    draft = row_as_saved(version)
    if level is not None and level.slug == draft.level_id:
        draft.level = level
    return document_from_draft(draft, organisation, rows_by_list=rows_by_list)


def document_from_template_version(
    version: Version, organisation: OrganisationProfile | Organisation | None = None
) -> DocumentData:
    """A role template as it was in one history revision, with its lists as they were (what a
    draft was copied from). Prefetch ``revision__version_set``."""
    in_revision = version.revision.version_set.all()
    rows_by_list = {}
    for related_name, _content_model, template_model, _draft_model in ITEM_LISTS:
        content_type = ContentType.objects.get_for_model(template_model)  # cached per process
        rows = [row_as_saved(v) for v in in_revision if v.content_type_id == content_type.pk]
        rows_by_list[related_name] = sorted(rows, key=lambda row: (row.position, row.pk))
    template = row_as_saved(version)
    return DocumentData(
        **_content(template), **_items(rows_by_list), organisation=_organisation(organisation)
    )
