"""What templates and drafts share: the content limits, the choices, and the abstract models whose
fields a draft copies from its template (so the one document can be built from either)."""

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django_countries.fields import CountryField

# Content limits, declared once: the models, forms and formsets all read them from here.
TITLE_MAX_LENGTH = 200
SHORT_TEXT_MAX_LENGTH = 200
ITEM_MAX_LENGTH = 1000
PARAGRAPH_MAX_LENGTH = 3000
MAX_ITEMS = 40
SALARY_MAX_VALUE = 100_000_000


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUALLY = "annually", "Annually"


class QualificationKind(models.TextChoices):
    REQUIRED = "required", "Required"
    PREFERRED = "preferred", "Preferred"


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


class PayPeriod(models.TextChoices):
    YEAR = "year", "per year"
    MONTH = "month", "per month"
    WEEK = "week", "per week"
    DAY = "day", "per day"
    HOUR = "hour", "per hour"


def pay_field(verbose_name: str) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(SALARY_MAX_VALUE)],
    )


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
    # Stores the level's slug under the column it always had, so past versions in the history
    # (which hold "vp" or "director") read back unchanged.
    level = models.ForeignKey(
        "roles.Level",
        to_field="slug",
        db_column="level",
        on_delete=models.PROTECT,
        related_name="+",
    )
    reports_to = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    summary = paragraph_field(
        "summary", blank=False, help_text="One paragraph: why the role exists."
    )
    scope = paragraph_field("scope", help_text="What the role is accountable for, and how widely.")
    impact = paragraph_field("impact on the business")
    collaboration = paragraph_field("collaboration and stakeholders")
    # Pay, as the posting shows it; a template's is the role's band, copied to each draft.
    salary_min = pay_field("pay minimum")
    salary_max = pay_field("pay maximum")
    salary_currency = models.CharField(
        "currency", max_length=3, choices=Currency.choices, default=Currency.USD
    )
    pay_period = models.CharField(max_length=8, choices=PayPeriod.choices, default=PayPeriod.YEAR)
    benefits = paragraph_field(
        "benefits", help_text="A general description: health, retirement, leave, and so on."
    )
    other_compensation = paragraph_field(
        "other compensation", help_text="Bonus, commission, equity or allowances, if any."
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            raise ValidationError(
                {"salary_max": "The maximum pay must be at least the minimum pay."}
            )


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


class WorkArrangement(models.TextChoices):
    ON_SITE = "on_site", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class LocationContent(OrderedItem):
    """Where the work is done. A remote row with no region means anywhere in the country: its
    candidates may live in any of its places, so every place's posting law applies."""

    arrangement = models.CharField(
        max_length=16, choices=WorkArrangement.choices, default=WorkArrangement.ON_SITE
    )
    city = models.CharField(max_length=80, blank=True)
    region = models.CharField(
        "state or province",
        max_length=8,
        blank=True,
        help_text="Its code: CO, NY, ON.",
        validators=[
            RegexValidator(r"^[A-Za-z]{2,3}$", "Enter the state or province code, e.g. NY.")
        ],
    )
    # A US ZIP code decides the state and county; a Canadian postal code's first letter the
    # province (roles/checks/places.py).
    postal_code = models.CharField(
        "ZIP or postal code",
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$", "Enter a ZIP or postal code.")
        ],
    )
    country = CountryField(default="US")

    class Meta(OrderedItem.Meta):
        abstract = True
        verbose_name = "work location"

    def __str__(self) -> str:
        return ", ".join(part for part in (self.city, self.region, str(self.country)) if part)

    def clean(self) -> None:
        super().clean()
        self.region = self.region.upper()
        self.postal_code = self.postal_code.strip().upper()


def content_values(instance: models.Model, content_model: type[models.Model]) -> dict:
    """The values of the fields ``content_model`` declares, read from ``instance``."""
    return {
        field.name: getattr(instance, field.name)
        for field in content_model._meta.get_fields()
        if field.concrete and not field.primary_key
    }
