"""Role templates (kept by HR admins) and job descriptions (drafted by HR staff).

Both share their content fields through abstract models, so a draft is a faithful copy of the
template it started from and the one document template can render either of them.
"""

from datetime import timedelta

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

# Content limits, declared once: the models, forms and formsets all read them from here.
TITLE_MAX_LENGTH = 200
SHORT_TEXT_MAX_LENGTH = 200
ITEM_MAX_LENGTH = 1000
PARAGRAPH_MAX_LENGTH = 3000
MAX_ITEMS = 40
SALARY_MAX_VALUE = 100_000_000
#: Deleted drafts wait this long in the trash, restorable, before `purge_trash` removes them.
TRASH_RETENTION_DAYS = 30


class Level(models.TextChoices):
    VP = "vp", "Vice President"
    DIRECTOR = "director", "Director"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUALLY = "annually", "Annually"


class QualificationKind(models.TextChoices):
    REQUIRED = "required", "Required"
    PREFERRED = "preferred", "Preferred"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    INTERIM = "interim", "Interim"


class Currency(models.TextChoices):
    USD = "USD", "USD – US dollar"
    EUR = "EUR", "EUR – Euro"
    GBP = "GBP", "GBP – Pound sterling"
    CAD = "CAD", "CAD – Canadian dollar"
    AUD = "AUD", "AUD – Australian dollar"
    CHF = "CHF", "CHF – Swiss franc"
    SEK = "SEK", "SEK – Swedish krona"
    JPY = "JPY", "JPY – Japanese yen"
    INR = "INR", "INR – Indian rupee"
    SGD = "SGD", "SGD – Singapore dollar"


def paragraph_field(
    verbose_name: str, *, blank: bool = True, help_text: str = ""
) -> models.TextField:
    return models.TextField(
        verbose_name,
        blank=blank,
        max_length=PARAGRAPH_MAX_LENGTH,
        validators=[MaxLengthValidator(PARAGRAPH_MAX_LENGTH)],
        help_text=help_text,
    )


class PaperSize(models.TextChoices):
    A4 = "A4", "A4 (210 × 297 mm)"
    LETTER = "letter", "US Letter (8.5 × 11 in)"


DEFAULT_EQUAL_OPPORTUNITY = (
    "We are an equal opportunity employer. We welcome applications from everyone and make hiring "
    "decisions without regard to race, colour, religion, sex, sexual orientation, gender identity, "
    "national origin, age, disability or any other characteristic protected by law. If you need "
    "an adjustment during the hiring process, tell us and we will make it."
)


class OrganisationProfile(models.Model):
    """The organisation whose name, logo and statements every document carries. There is one."""

    name = models.CharField(
        "organisation name",
        max_length=SHORT_TEXT_MAX_LENGTH,
        blank=True,
        help_text="New drafts start with this as their company.",
    )
    logo = models.FileField(
        upload_to="logos/",
        blank=True,
        help_text="PNG, JPEG or SVG, at most 1 MB. Pictures are re-encoded and scaled on upload.",
    )
    accent_colour = models.CharField(
        max_length=7,
        default="#0f4c81",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #RRGGBB, e.g. #0f4c81.")
        ],
        help_text="Used sparingly: headings and rules. Pick a dark colour; text is set on white.",
    )
    about = paragraph_field("about the organisation")
    equal_opportunity = paragraph_field(
        "equal-opportunity statement", blank=True, help_text="Printed at the end of every document."
    )
    paper_size = models.CharField(max_length=8, choices=PaperSize.choices, default=PaperSize.A4)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "organisation profile"

    def __str__(self) -> str:
        return self.name or "Organisation profile"

    @classmethod
    def load(cls) -> "OrganisationProfile":
        profile = cls.objects.order_by("pk").first()
        if profile is None:
            profile = cls.objects.create(equal_opportunity=DEFAULT_EQUAL_OPPORTUNITY)
        return profile


class DocumentContent(models.Model):
    """What a job description says about the role; shared by templates and drafts."""

    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    level = models.CharField(max_length=16, choices=Level.choices)
    reports_to = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    summary = paragraph_field(
        "summary", blank=False, help_text="One paragraph: why the role exists."
    )
    scope = paragraph_field("scope", help_text="What the role is accountable for, and how widely.")
    impact = paragraph_field("impact on the business")
    collaboration = paragraph_field("collaboration and stakeholders")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    # These read the prefetched lists, so a page that prefetches qualifications stays at one query.
    def required_qualifications(self) -> list:
        return [q for q in self.qualifications.all() if q.kind == QualificationKind.REQUIRED]

    def preferred_qualifications(self) -> list:
        return [q for q in self.qualifications.all() if q.kind == QualificationKind.PREFERRED]


class RoleTemplateQuerySet(models.QuerySet):
    def active(self) -> "RoleTemplateQuerySet":
        return self.filter(is_active=True)

    def with_items(self) -> "RoleTemplateQuerySet":
        return self.prefetch_related("responsibilities", "kpis", "qualifications")


class RoleTemplate(DocumentContent):
    slug = models.SlugField(max_length=80, unique=True)
    display_order = models.PositiveSmallIntegerField(
        default=0, help_text="Where the role appears on the start page; lower comes first."
    )
    is_active = models.BooleanField(
        default=True,
        help_text="Inactive templates are hidden from HR staff; drafts keep their copy.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoleTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]

    def get_preview_url(self) -> str:
        return reverse("roles:template_preview", args=[self.pk])


class JobDescriptionQuerySet(models.QuerySet):
    def owned_by(self, user) -> "JobDescriptionQuerySet":
        return self.filter(owner=user)

    def live(self) -> "JobDescriptionQuerySet":
        return self.filter(deleted_at__isnull=True)

    def trashed(self) -> "JobDescriptionQuerySet":
        return self.filter(deleted_at__isnull=False)

    def purgeable(self, now) -> "JobDescriptionQuerySet":
        return self.filter(deleted_at__lt=now - timedelta(days=TRASH_RETENTION_DAYS))

    def search(self, query: str) -> "JobDescriptionQuerySet":
        return self.filter(title__icontains=query) if query else self

    def with_items(self) -> "JobDescriptionQuerySet":
        return self.prefetch_related("responsibilities", "kpis", "qualifications")


class JobDescription(DocumentContent):
    """An HR user's draft: a copy of a role template, tailored and exported as a PDF."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_descriptions"
    )
    source_template = models.ForeignKey(
        RoleTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="job_descriptions",
        help_text="The template this draft was copied from; later template edits do not change it.",
    )
    company = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    department = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    location = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    employment_type = models.CharField(
        max_length=16, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    salary_min = models.PositiveIntegerField(
        "salary minimum", null=True, blank=True, validators=[MaxValueValidator(SALARY_MAX_VALUE)]
    )
    salary_max = models.PositiveIntegerField(
        "salary maximum", null=True, blank=True, validators=[MaxValueValidator(SALARY_MAX_VALUE)]
    )
    salary_currency = models.CharField(
        "currency", max_length=3, choices=Currency.choices, default=Currency.USD
    )
    #: Optimistic lock: every save checks and bumps it, so a stale editor cannot overwrite a newer
    #: save without seeing it first (see services.jobdescription_save).
    version = models.PositiveIntegerField(default=1)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobDescriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        # "My drafts": one owner's live drafts, newest edit first (the ordering, whole).
        indexes = [
            models.Index(
                fields=["owner", "-updated_at", "-id"],
                condition=models.Q(deleted_at__isnull=True),
                name="jd_owner_live_recent_idx",
            )
        ]
        permissions = [("read_all_jobdescriptions", "Can read every draft of the organisation")]

    def get_absolute_url(self) -> str:
        return reverse("roles:edit", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            raise ValidationError(
                {"salary_max": "The maximum salary must be at least the minimum salary."}
            )

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

    @property
    def purge_after(self):
        """When a draft in the trash is removed for good."""
        return self.deleted_at + timedelta(days=TRASH_RETENTION_DAYS) if self.deleted_at else None

    @property
    def pdf_filename(self) -> str:
        return f"{slugify(self.title)[:80] or 'job-description'}.pdf"


class OrderedItem(models.Model):
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class ResponsibilityContent(OrderedItem):
    text = models.CharField("responsibility", max_length=ITEM_MAX_LENGTH)

    class Meta(OrderedItem.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.text


class KPIContent(OrderedItem):
    name = models.CharField("KPI", max_length=SHORT_TEXT_MAX_LENGTH)
    measure = models.CharField("how it is measured", max_length=ITEM_MAX_LENGTH)
    target = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH)
    cadence = models.CharField(
        "review cadence", max_length=16, choices=Cadence.choices, default=Cadence.MONTHLY
    )

    class Meta(OrderedItem.Meta):
        abstract = True
        verbose_name = "KPI"
        verbose_name_plural = "KPIs"

    def __str__(self) -> str:
        return self.name


class QualificationContent(OrderedItem):
    text = models.CharField("qualification", max_length=ITEM_MAX_LENGTH)
    kind = models.CharField(
        max_length=16, choices=QualificationKind.choices, default=QualificationKind.REQUIRED
    )

    class Meta(OrderedItem.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.text


class TemplateResponsibility(ResponsibilityContent):
    template = models.ForeignKey(
        RoleTemplate, on_delete=models.CASCADE, related_name="responsibilities"
    )

    class Meta(ResponsibilityContent.Meta):
        verbose_name_plural = "responsibilities"


class TemplateKPI(KPIContent):
    template = models.ForeignKey(RoleTemplate, on_delete=models.CASCADE, related_name="kpis")

    class Meta(KPIContent.Meta):
        pass


class TemplateQualification(QualificationContent):
    template = models.ForeignKey(
        RoleTemplate, on_delete=models.CASCADE, related_name="qualifications"
    )

    class Meta(QualificationContent.Meta):
        pass


class Responsibility(ResponsibilityContent):
    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="responsibilities"
    )

    class Meta(ResponsibilityContent.Meta):
        verbose_name_plural = "responsibilities"


class KPI(KPIContent):
    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="kpis"
    )

    class Meta(KPIContent.Meta):
        pass


class Qualification(QualificationContent):
    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="qualifications"
    )

    class Meta(QualificationContent.Meta):
        pass


# The three item lists, each as (related name, content base, template model, draft model):
# copying, formsets and the document all walk this one table.
ITEM_LISTS = (
    ("responsibilities", ResponsibilityContent, TemplateResponsibility, Responsibility),
    ("kpis", KPIContent, TemplateKPI, KPI),
    ("qualifications", QualificationContent, TemplateQualification, Qualification),
)


def content_values(instance: models.Model, content_model: type[models.Model]) -> dict:
    """The values of the fields ``content_model`` declares, read from ``instance``."""
    return {
        field.name: getattr(instance, field.name)
        for field in content_model._meta.get_fields()
        if field.concrete and not field.primary_key
    }


# Revision history (django-reversion): a draft or template is saved together with its lists, so
# one revision holds the whole document as it was.
for _item_list in ITEM_LISTS:
    reversion.register(_item_list[2])
    reversion.register(_item_list[3])
reversion.register(RoleTemplate, follow=[name for name, *_ in ITEM_LISTS])
reversion.register(JobDescription, follow=[name for name, *_ in ITEM_LISTS])
