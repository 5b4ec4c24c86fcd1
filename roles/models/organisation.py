"""The organisation whose name, logo and statements every document carries."""

from django.core.validators import RegexValidator
from django.db import models

from .content import SHORT_TEXT_MAX_LENGTH, paragraph_field


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
    logo_png = models.FileField(
        "logo as PNG",
        upload_to="logos/",
        blank=True,
        editable=False,
        help_text="A PNG copy of an SVG logo, made at upload, for the formats that cannot take "
        "SVG (Word). Empty when the logo is a PNG or JPEG already.",
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
    headcount = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Employees in total, for the pay-transparency rules that start at a size. "
        "Blank means every size threshold is taken as met.",
    )
    # Delaware's law reaches the remote roles of Delaware-based employers only.
    home_region = models.CharField(
        "head office's state or province",
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z]{2,3}$", "Enter the state or province code.")],
        help_text="Its code (DE, ON). Some pay laws reach remote roles only of employers based "
        "there.",
    )
    home_country = models.CharField(
        "head office's country",
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", "Enter the country's ISO code (US, CA).")],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "organisation profile"

    def __str__(self) -> str:
        return self.name or "Organisation profile"

    @property
    def browser_logo(self):
        """The logo as browsers are served it: a PNG (the copy an SVG logo gets at upload, or
        the uploaded picture, which uploads re-encode as PNG); None if there is none. The SVG
        itself goes only to the PDF renderer, behind its fetcher: opened in a browser, an SVG
        is a document that could run what a filter missed."""
        if self.logo_png:
            return self.logo_png
        if self.logo and not self.logo.name.lower().endswith(".svg"):
            return self.logo
        return None

    @classmethod
    def load(cls) -> "OrganisationProfile":
        profile = cls.objects.order_by("pk").first()
        if profile is None:
            profile = cls.objects.create(equal_opportunity=DEFAULT_EQUAL_OPPORTUNITY)
        return profile
