"""Review and approval: the states a job description moves through, the one table of who may move
it where, the rounds of review with their reviewers' decisions, the approved documents frozen as
files, and the audit trail of every step."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models


class ReviewState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    ARCHIVED = "archived", "Archived"


class ReviewAction(models.TextChoices):
    SUBMIT = "submit", "Sent for approval"
    WITHDRAW = "withdraw", "Withdrawn from approval"
    APPROVE = "approve", "Approved"
    REQUEST_CHANGES = "request_changes", "Requested changes"
    REOPEN = "reopen", "Reopened"
    EDIT_APPROVED = "edit_approved", "Edited after approval"
    ARCHIVE = "archive", "Archived"
    HAND_OVER = "hand_over", "Handed over"
    UNARCHIVE = "unarchive", "Unarchived"


class Actor(models.TextChoices):
    """Who may take an action: the JD's owner, one of the round's reviewers, or an HR manager
    (who holds the read-all permission)."""

    OWNER = "owner"
    REVIEWER = "reviewer"
    OWNER_OR_MANAGER = "owner_or_manager"
    MANAGER = "manager"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    #: The state after the action; an approval that the round's rule does not yet complete (all
    #: must approve, some have not) leaves the state as it is.
    target: str
    actor: str


_S = ReviewState
#: The one table of allowed transitions. Services look an action up here and refuse anything
#: else; views and templates ask the services what a person may do, never decide it.
TRANSITIONS: dict[str, Transition] = {
    ReviewAction.SUBMIT: Transition(
        frozenset({_S.DRAFT, _S.CHANGES_REQUESTED}), _S.IN_REVIEW, Actor.OWNER
    ),
    ReviewAction.WITHDRAW: Transition(frozenset({_S.IN_REVIEW}), _S.DRAFT, Actor.OWNER),
    ReviewAction.APPROVE: Transition(frozenset({_S.IN_REVIEW}), _S.APPROVED, Actor.REVIEWER),
    ReviewAction.REQUEST_CHANGES: Transition(
        frozenset({_S.IN_REVIEW}), _S.CHANGES_REQUESTED, Actor.REVIEWER
    ),
    ReviewAction.REOPEN: Transition(frozenset({_S.APPROVED}), _S.DRAFT, Actor.OWNER_OR_MANAGER),
    # An edit of an approved JD starts a new round: the approved version stays, labelled.
    ReviewAction.EDIT_APPROVED: Transition(frozenset({_S.APPROVED}), _S.DRAFT, Actor.OWNER),
    ReviewAction.ARCHIVE: Transition(
        frozenset({_S.DRAFT, _S.IN_REVIEW, _S.CHANGES_REQUESTED, _S.APPROVED}),
        _S.ARCHIVED,
        Actor.OWNER_OR_MANAGER,
    ),
    # Archiving was a mistake, or the role is back: a draft again, to edit and send for approval.
    ReviewAction.UNARCHIVE: Transition(frozenset({_S.ARCHIVED}), _S.DRAFT, Actor.OWNER_OR_MANAGER),
    ReviewAction.HAND_OVER: Transition(
        frozenset({_S.DRAFT, _S.IN_REVIEW, _S.CHANGES_REQUESTED, _S.APPROVED, _S.ARCHIVED}),
        # A hand-over keeps the state: "target" is the source (see services.review).
        "",
        Actor.MANAGER,
    ),
}
#: States in which the text may be edited (an approved JD may, and becomes a draft again).
EDITABLE_STATES = frozenset({_S.DRAFT, _S.CHANGES_REQUESTED, _S.APPROVED})
REVIEW_PERMISSION = "roles.review_jobdescription"
#: Whose members may own a JD (the groups of roles/groups.py): a hand-over
#: gives it to one of them only. A reviewers-only account reads what it is asked to review.
OWNER_GROUPS = ("HR staff", "HR managers", "HR admins")


def person_name(user) -> str:
    """How the product names a person to HR users: their full name, else their username."""
    return user.get_full_name().strip() or user.get_username()


class ReviewRound(models.Model):
    """One submission for review: who is asked, and whether one approval or all are needed."""

    job_description = models.ForeignKey(
        "roles.JobDescription", on_delete=models.CASCADE, related_name="review_rounds"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField()
    #: The draft's version when it was submitted: decisions are on this version only.
    version = models.PositiveIntegerField()
    require_all = models.BooleanField(
        "every reviewer must approve",
        default=False,
        help_text="Off: the first approval approves the JD.",
    )
    message = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    #: How it ended: approved, changes requested, withdrawn or archived.
    outcome = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"Review of {self.job_description_id} (version {self.version})"


class ReviewDecision(models.TextChoices):
    PENDING = "pending", "Waiting"
    APPROVED = "approved", "Approved"
    CHANGES_REQUESTED = "changes_requested", "Requested changes"
    CANCELLED = "cancelled", "No longer needed"


class ReviewRequest(models.Model):
    """One reviewer of one round, and their decision."""

    review_round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="requests")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="review_requests",
    )
    decision = models.CharField(
        max_length=20, choices=ReviewDecision.choices, default=ReviewDecision.PENDING
    )
    message = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review_round", "reviewer"], name="reviewrequest_one_per_reviewer"
            )
        ]
        indexes = [
            models.Index(fields=["reviewer", "decision"], name="reviewrequest_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id}: {self.decision}"


class Approval(models.Model):
    """An approved version, frozen: the history revision it was, and its PDF as a file with its
    SHA-256. Never re-rendered, never deleted with the JD (it protects the JD from the trash
    purge) or with a person."""

    job_description = models.ForeignKey(
        "roles.JobDescription", on_delete=models.PROTECT, related_name="approvals"
    )
    review_round = models.OneToOneField(
        ReviewRound, on_delete=models.PROTECT, related_name="approval"
    )
    revision = models.ForeignKey("reversion.Revision", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    pdf = models.FileField(upload_to="approvals/")
    sha256 = models.CharField(max_length=64)
    approved_at = models.DateTimeField()
    #: The reviewers whose approvals completed the round, by name as they were then.
    approved_by = models.CharField(max_length=500)
    #: Why the approver approved while a required finding was open ("" when none was): what
    #: an HR director reads before standing behind the approval.
    open_required_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-approved_at", "-pk"]
        get_latest_by = "approved_at"

    def __str__(self) -> str:
        return f"{self.title} approved {self.approved_at:%Y-%m-%d}"


class AuditEntry(models.Model):
    """One transition or decision. Written by the review services only; the app never edits or
    deletes one (the admin shows them read-only). Kept when the JD is purged or a person deleted:
    the JD's id and title and the actor's name are stored with it."""

    job_description = models.ForeignKey(
        "roles.JobDescription",
        on_delete=models.SET_NULL,
        null=True,
        related_name="audit_entries",
    )
    job_description_number = models.PositiveIntegerField()
    job_description_title = models.CharField(max_length=200)
    #: The round the step belongs to (its e-mail goes to that round's reviewers).
    review_round = models.ForeignKey(
        ReviewRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=20, choices=ReviewAction.choices)
    from_state = models.CharField(max_length=20, choices=ReviewState.choices)
    to_state = models.CharField(max_length=20, choices=ReviewState.choices)
    version = models.PositiveIntegerField()
    message = models.TextField(blank=True)
    #: The approved PDF's SHA-256, on the approval that froze it: the trail proves the file.
    fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["job_description", "-created_at"], name="audit_jd")]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.get_action_display().lower()} {self.created_at:%Y-%m-%d}"


#: Where a comment points: the whole JD, one of its sections, or one item of a list.
COMMENT_SECTIONS = {
    "summary": "About the role",
    "scope": "Scope",
    "impact": "Impact on the business",
    "collaboration": "Collaboration and stakeholders",
    "responsibilities": "Key responsibilities",
    "kpis": "Key performance indicators",
    "qualifications": "Qualifications",
    "posting": "Pay, location and how to apply",
}
COMMENT_MAX_LENGTH = 4000


class Comment(models.Model):
    """A remark on a JD during its review: on the whole of it, a section, or one responsibility,
    KPI or qualification (by the item's row, which keeps its id through edits and reorders; if
    the item is deleted the comment stays, with the item's text as it was). Replies hang off a
    thread's first comment."""

    job_description = models.ForeignKey(
        "roles.JobDescription", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    section = models.CharField(max_length=20, blank=True)
    responsibility = models.ForeignKey(
        "roles.Responsibility", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kpi = models.ForeignKey(
        "roles.KPI", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    qualification = models.ForeignKey(
        "roles.Qualification", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The item's text when the comment was made: shown if the item is later deleted.
    item_snapshot = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=150)
    body = models.TextField(max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["job_description", "parent"], name="comment_threads")]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"

    @property
    def item(self):
        return self.responsibility or self.kpi or self.qualification


class NotificationSettings(models.Model):
    """A person's choices about e-mail. Review steps always send; comments can be turned off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    comment_emails = models.BooleanField("e-mail me about comments and mentions", default=True)
    #: When the person last cleared the start page's approvals ("Needs your action"): approvals
    #: of their JDs after it stay there, e-mail or not.
    approvals_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Notification settings of {self.user_id}"
