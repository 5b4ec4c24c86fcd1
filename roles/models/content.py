"""What templates and drafts share: the content limits, the choices, and the abstract models whose
fields a draft copies from its template (so the one document can be built from either)."""

from django.core.validators import MaxLengthValidator
from django.db import models

# Content limits, declared once: the models, forms and formsets all read them from here.
TITLE_MAX_LENGTH = 200
SHORT_TEXT_MAX_LENGTH = 200
ITEM_MAX_LENGTH = 1000
PARAGRAPH_MAX_LENGTH = 3000
MAX_ITEMS = 40
SALARY_MAX_VALUE = 100_000_000


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


def content_values(instance: models.Model, content_model: type[models.Model]) -> dict:
    """The values of the fields ``content_model`` declares, read from ``instance``."""
    return {
        field.name: getattr(instance, field.name)
        for field in content_model._meta.get_fields()
        if field.concrete and not field.primary_key
    }
