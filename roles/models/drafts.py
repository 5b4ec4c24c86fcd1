"""Job descriptions: an HR user's draft, copied from a role template, with its ordered lists."""

from datetime import timedelta

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse

from .content import (
    SHORT_TEXT_MAX_LENGTH,
    DocumentContent,
    KPIContent,
    LocationContent,
    QualificationContent,
    ResponsibilityContent,
)
from .library import (
    RoleTemplate,
    TemplateKPI,
    TemplateQualification,
    TemplateResponsibility,
    TemplateWorkLocation,
)
from .review import REVIEW_PERMISSION, ReviewDecision, ReviewRequest, ReviewState

#: Deleted drafts wait this long in the trash, restorable, before `purge_trash` removes them.
TRASH_RETENTION_DAYS = 30


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    INTERIM = "interim", "Interim"


class FLSAClassification(models.TextChoices):
    EXEMPT = "exempt", "Exempt"
    NON_EXEMPT = "non_exempt", "Non-exempt"


class EducationLevel(models.TextChoices):
    """Google's values for a JobPosting's credentialCategory."""

    HIGH_SCHOOL = "high school", "High school"
    ASSOCIATE = "associate degree", "Associate degree"
    BACHELOR = "bachelor degree", "Bachelor's degree"
    CERTIFICATE = "professional certificate", "Professional certificate"
    POSTGRADUATE = "postgraduate degree", "Postgraduate degree"


class PostingAudience(models.TextChoices):
    EXTERNAL = "external", "External"
    INTERNAL = "internal", "Internal"
    BOTH = "both", "Internal and external"


#: HR managers hold it: they may read (never edit) everyone's drafts.
READ_ALL_PERMISSION = "roles.read_all_jobdescriptions"


def reviewing_ids(user):
    """The JDs ``user`` is reviewing now: asked in a round still open, the request not cancelled.
    Once the round ends (approved, changes requested, withdrawn, archived) they read no newer
    version through it: only their round's page and the PDF they approved (``roles.access``).
    Whether they may still review at all (the permission) is the caller's to check."""
    return (
        ReviewRequest.objects.filter(reviewer=user.pk, review_round__closed_at__isnull=True)
        .exclude(decision=ReviewDecision.CANCELLED)
        .values("review_round__job_description_id")
    )


class JobDescriptionQuerySet(models.QuerySet):
    def owned_by(self, user) -> "JobDescriptionQuerySet":
        return self.filter(owner=user)

    def live(self) -> "JobDescriptionQuerySet":
        return self.filter(deleted_at__isnull=True)

    def readable_by(self, user) -> "JobDescriptionQuerySet":
        """The live drafts ``user`` may read: their own, those they were asked to review, or
        everyone's with the read-all permission. The rule of ``roles.access`` for many drafts at
        once (bulk export, mentions)."""
        live = self.live()
        if user.has_perm(READ_ALL_PERMISSION):
            return live
        if not user.has_perm(REVIEW_PERMISSION):
            return live.filter(owner=user)
        return live.filter(models.Q(owner=user) | models.Q(pk__in=reviewing_ids(user)))

    def trashed(self) -> "JobDescriptionQuerySet":
        return self.filter(deleted_at__isnull=False)

    def purgeable(self, now) -> "JobDescriptionQuerySet":
        """In the trash past the retention time, and never approved: an approved JD's approvals
        protect it (it is archived, never purged)."""
        return self.filter(
            deleted_at__lt=now - timedelta(days=TRASH_RETENTION_DAYS), approvals__isnull=True
        )

    def search(self, query: str) -> "JobDescriptionQuerySet":
        return self.filter(title__icontains=query) if query else self

    def with_items(self) -> "JobDescriptionQuerySet":
        return self.prefetch_related("responsibilities", "kpis", "qualifications", "locations")


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
    review_state = models.CharField(
        max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT, db_index=True
    )
    #: The template's history revision the draft was copied from: "what changed" compares with
    #: the template as it was then, and template updates with what came since.
    source_template_revision = models.ForeignKey(
        "reversion.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    #: The template revision the owner last went through the updates up to ("I am done"); the
    #: updates offered are the template's changes since this, or since the copy.
    template_revision_seen = models.ForeignKey(
        "reversion.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    company = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    department = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    employment_type = models.CharField(
        max_length=16, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    # The posting: what job boards and pay-transparency laws ask of it (pay is in
    # DocumentContent: a template carries its role's pay band).
    posting_date = models.DateField(
        null=True,
        blank=True,
        help_text="The date of this posting or reposting: pay laws are checked as of it (today "
        "if blank), and some (Maryland) apply again to a reposting.",
    )
    closing_date = models.DateField(null=True, blank=True)
    applications_rolling = models.BooleanField(
        "applications reviewed on a rolling basis",
        default=False,
        help_text="Instead of a closing date.",
    )
    apply_url = models.URLField("where to apply (link)", blank=True)
    apply_instructions = models.CharField(
        "how to apply", max_length=SHORT_TEXT_MAX_LENGTH, blank=True
    )
    requisition_id = models.CharField("job code or requisition id", max_length=64, blank=True)
    flsa_classification = models.CharField(
        "FLSA classification (US)",
        max_length=16,
        choices=FLSAClassification.choices,
        blank=True,
    )
    audience = models.CharField(
        "posted",
        max_length=16,
        choices=PostingAudience.choices,
        default=PostingAudience.EXTERNAL,
        help_text="Some pay laws cover public postings only, others internal ones too.",
    )
    pay_basis = models.CharField(
        "how the pay is earned",
        max_length=12,
        choices=[("commission", "Commission only"), ("tipped", "Tipped: a base wage plus tips")],
        blank=True,
        help_text="Blank: a salary or wage. Some laws (New York, Vermont, Delaware, Maine) let a "
        "commission-only job say so instead of giving a range; a tipped job states it and its "
        "base wage.",
    )
    other_compensation_offered = models.CharField(
        "other compensation offered",
        max_length=4,
        choices=[("yes", "Yes"), ("no", "No")],
        blank=True,
        help_text="Bonus, commission or other pay besides the salary. Some laws (Colorado) ask "
        "the posting to describe it; “No” needs no description.",
    )
    reporting_office_region = models.CharField(
        "reports to an office in (state or province)",
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z]{2,3}$", "Enter the state or province code.")],
        help_text="For a remote role: New York and Vermont reach remote roles that report to an "
        "office there.",
    )
    ai_screening = models.CharField(
        "AI used to screen applicants",
        max_length=4,
        choices=[("yes", "Yes"), ("no", "No")],
        blank=True,
        help_text="Some places (Ontario) require the posting to say.",
    )
    existing_vacancy = models.CharField(
        "for an existing vacancy",
        max_length=4,
        choices=[("yes", "Yes"), ("no", "No")],
        blank=True,
        help_text="Some places (Ontario) require the posting to say.",
    )
    # For job boards' structured data (schema.org JobPosting): the education a candidate needs
    # and the experience that can stand in for it.
    education_required = models.CharField(
        "education required",
        max_length=32,
        choices=EducationLevel.choices,
        blank=True,
    )
    experience_months = models.PositiveSmallIntegerField(
        "experience required (months)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(600)],
    )
    experience_in_place_of_education = models.BooleanField(
        "experience can stand in for the education", default=False
    )
    # An opt-in, never derived from ``audience``: "external" is the default there, and an
    # approved JD is not an advertised vacancy (a JD also describes filled roles, for the HRIS).
    # The careers page reads it from the approved version and from the live row: publishing
    # waits for an approval, taking down does not (roles/selectors/careers.py).
    publish_on_careers_page = models.BooleanField(
        "publish on the careers page",
        default=False,
        help_text="Once approved, the job is listed on the public careers page, in its feed for "
        "job boards (Indeed) and in its sitemap, as approved, until its closing date. External "
        "postings only. Untick it, or archive the JD, to take the job down at once.",
    )
    #: Open guidance findings when the draft was last saved, for the lists (never per row).
    open_findings = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    #: Optimistic lock: every save checks and bumps it, so a stale editor cannot overwrite a newer
    #: save without seeing it first (see services.drafts.jobdescription_save).
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
            ),
            # The careers page, its feed and sitemap: the few live JDs marked for publishing.
            models.Index(
                fields=["id"],
                condition=models.Q(publish_on_careers_page=True, deleted_at__isnull=True),
                name="jd_careers_idx",
            ),
        ]
        permissions = [
            ("read_all_jobdescriptions", "Can read every draft of the organisation"),
            ("review_jobdescription", "Can be asked to review and approve job descriptions"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("roles:edit", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.closing_date and self.applications_rolling:
            errors["applications_rolling"] = "Give a closing date or a rolling basis, not both."
        if self.closing_date and self.posting_date and self.closing_date < self.posting_date:
            errors["closing_date"] = "The closing date cannot be before the posting date."
        if self.publish_on_careers_page and self.audience == PostingAudience.INTERNAL:
            errors["publish_on_careers_page"] = (
                "An internal posting is not published: set “Posted” to external first."
            )
        if self.publish_on_careers_page and self.posting_date is None:
            errors["posting_date"] = (
                "Give the posting date: the careers page and job boards show when the job was "
                "posted."
            )
        if self.publish_on_careers_page and not self.company.strip():
            errors["company"] = "Give the company: a published job names its employer."
        if errors:
            raise ValidationError(errors)

    @property
    def purge_after(self):
        """When a draft in the trash is removed for good."""
        return self.deleted_at + timedelta(days=TRASH_RETENTION_DAYS) if self.deleted_at else None


#: What a person edits on a draft (the editor's form, ``jobdescription_save``), in form order.
EDITABLE_FIELDS = (
    "title",
    "company",
    "department",
    "employment_type",
    "reports_to",
    "summary",
    "scope",
    "impact",
    "collaboration",
    "salary_min",
    "salary_max",
    "salary_currency",
    "pay_period",
    "benefits",
    "other_compensation",
    "posting_date",
    "closing_date",
    "applications_rolling",
    "apply_url",
    "apply_instructions",
    "requisition_id",
    "flsa_classification",
    "audience",
    "pay_basis",
    "other_compensation_offered",
    "reporting_office_region",
    "ai_screening",
    "existing_vacancy",
    "education_required",
    "experience_months",
    "experience_in_place_of_education",
    "publish_on_careers_page",
)


def source_item_field(template_model) -> models.ForeignKey:
    """The template item a draft's item was copied from ("what changed", template updates). A
    record, not a live link: it keeps the item's id after the template drops the item, so the
    draft can be offered that removal too (no database constraint, nothing cascades)."""
    return models.ForeignKey(
        template_model,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


class Responsibility(ResponsibilityContent):
    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="responsibilities"
    )
    source_item = source_item_field(TemplateResponsibility)

    class Meta(ResponsibilityContent.Meta):
        verbose_name_plural = "responsibilities"


class KPI(KPIContent):
    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="kpis"
    )
    source_item = source_item_field(TemplateKPI)

    class Meta(KPIContent.Meta):
        pass


class Qualification(QualificationContent):
    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="qualifications"
    )
    source_item = source_item_field(TemplateQualification)

    class Meta(QualificationContent.Meta):
        pass


class WorkLocation(LocationContent):
    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="locations"
    )
    source_item = source_item_field(TemplateWorkLocation)

    class Meta(LocationContent.Meta):
        pass


# The item lists, each as (related name, content base, template model, draft model):
# copying, formsets, saving and the document all walk this one table.
ITEM_LISTS = (
    ("responsibilities", ResponsibilityContent, TemplateResponsibility, Responsibility),
    ("kpis", KPIContent, TemplateKPI, KPI),
    ("qualifications", QualificationContent, TemplateQualification, Qualification),
    ("locations", LocationContent, TemplateWorkLocation, WorkLocation),
)


# Revision history (django-reversion): a draft or template is saved together with its lists, so
# one revision holds the whole document as it was.
for _item_list in ITEM_LISTS:
    reversion.register(_item_list[2])
    reversion.register(_item_list[3])
reversion.register(RoleTemplate, follow=[name for name, *_ in ITEM_LISTS])
reversion.register(JobDescription, follow=[name for name, *_ in ITEM_LISTS])
