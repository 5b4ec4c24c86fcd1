"""Reads for the review pages: the inbox on the start page, who may be asked to review or be
handed a JD, a round's version, the approvals, the audit trail, and a person's e-mail choices.
Separate to mirror ``roles/services/review.py``: the people it offers are those the service
accepts."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import DateTimeField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from reversion.models import Version

from roles.checks.findings import CATEGORIES, Finding
from roles.documents.data import document_from_draft
from roles.models import (
    Approval,
    JobDescription,
    NotificationSettings,
    ReviewDecision,
    ReviewRequest,
    ReviewState,
)
from roles.models.review import OWNER_GROUPS
from roles.selectors.guidance import draft_guidance
from roles.selectors.history import jobdescription_versions


def suggestions_phrase(total: int, required: int) -> str:
    """The guidance counts in HR's words: "6 suggestions, 2 required"."""
    if not total:
        return "No open suggestions"
    words = f"{total} suggestion{'s' if total != 1 else ''}"
    return f"{words}, {required} required" if required else words


def by_severity(findings) -> list[Finding]:
    """Required first, then the rest, each in the panel's order of groups (a stable sort)."""
    order = list(CATEGORIES)
    return sorted(
        findings,
        key=lambda f: (
            f.severity != "required",
            order.index(f.category) if f.category in order else len(order),
        ),
    )


@dataclass(frozen=True)
class OpenFindings:
    """What the checks found open on a draft, for the people deciding on it: required first,
    and how many in each group."""

    findings: tuple[Finding, ...]
    #: (group label, open findings, of which required), for the groups with any.
    groups: tuple[tuple[str, int, int], ...]

    @property
    def total(self) -> int:
        return len(self.findings)

    @property
    def required(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "required")

    @property
    def required_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "required")

    @property
    def phrase(self) -> str:
        return suggestions_phrase(self.total, self.required)


def review_open_findings(job_description: JobDescription) -> OpenFindings:
    """The draft's open findings as saved (prefetch its lists), by severity."""
    guidance = draft_guidance(job_description, document_from_draft(job_description))
    findings = tuple(by_severity(guidance.open))
    groups = []
    for category, label in CATEGORIES.items():
        in_group = [f for f in findings if f.category == category]
        if in_group:
            required = sum(1 for f in in_group if f.severity == "required")
            groups.append((label, len(in_group), required))
    return OpenFindings(findings=findings, groups=tuple(groups))


def review_trail(job_description: JobDescription):
    """The JD's review and approval steps, newest first (the audit trail)."""
    return job_description.audit_entries.order_by("-created_at", "-pk")


def reviewer_candidates(job_description: JobDescription):
    """Active people who may be asked to review the JD: the review permission, not its owner."""
    review = Permission.objects.filter(
        content_type__app_label="roles", codename="review_jobdescription"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__in=review)
            | Q(user_permissions__in=review)
            | Q(is_superuser=True)
        )
        .exclude(pk=job_description.owner_id)
        .distinct()
        .order_by("first_name", "last_name", "username")
        .prefetch_related("groups")
    )


def owner_candidates(job_description: JobDescription):
    """Active people a JD may be handed over to: in an HR group, not its owner."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=OWNER_GROUPS)
        .exclude(pk=job_description.owner_id)
        .distinct()
        .order_by("username")
    )


def user_by_id(pk: int | None):
    """The account with id ``pk`` (None for none, or no such account): whom a hand-over names.
    Whether they may take the JD is the review service's to decide."""
    return get_user_model().objects.filter(pk=pk).first() if pk is not None else None


#: The columns the start page's inbox shows of a JD: its title and level (and for the reviewer,
#: whose it is). Read only these: the draft has some forty columns, and compiling and building
#: all of them for four short lists on every visit of the start page was most of their cost.
INBOX_FIELDS = ("title", "level__name")


def waiting_for_review(user):
    """The live JDs the person is asked to review and has not decided on yet (for the inbox)."""
    # A semi-join (EXISTS), not a join made unique by DISTINCT over every column of the draft:
    # the start page runs it on every visit (1.7 → 1.4 ms in one process on PostgreSQL).
    pending = ReviewRequest.objects.filter(
        review_round__job_description=OuterRef("pk"),
        review_round__closed_at__isnull=True,
        reviewer=user,
        decision=ReviewDecision.PENDING,
    )
    return (
        JobDescription.objects.live()
        .filter(Exists(pending), review_state=ReviewState.IN_REVIEW)
        .select_related("owner", "level")
        .only(*INBOX_FIELDS, "owner__username", "owner__first_name", "owner__last_name")
    )


def in_review_owned_by(user):
    """The person's live JDs waiting for a reviewer (for the inbox)."""
    return (
        JobDescription.objects.live()
        .filter(owner=user, review_state=ReviewState.IN_REVIEW)
        .select_related("level")
        .only(*INBOX_FIELDS)
    )


#: How far back "approved since your last visit" looks for someone who never cleared it.
APPROVALS_NEWS_DAYS = 30


def changes_requested_owned_by(user):
    """The person's live JDs that reviewers sent back with changes requested (for the inbox)."""
    return (
        JobDescription.objects.live()
        .filter(owner=user, review_state=ReviewState.CHANGES_REQUESTED)
        .select_related("level")
        .only(*INBOX_FIELDS)
        .order_by("-updated_at")
    )


def approvals_not_seen(user):
    """Approvals of the person's live JDs since they last cleared them on the start page (or in
    the last ``APPROVALS_NEWS_DAYS`` days): the start page keeps them, e-mail or not."""
    # When they last cleared them, read in the same query (the start page runs on every visit).
    seen_at = NotificationSettings.objects.filter(user=user).values("approvals_seen_at")[:1]
    since = Coalesce(
        Subquery(seen_at, output_field=DateTimeField()),
        Value(timezone.now() - timedelta(days=APPROVALS_NEWS_DAYS), output_field=DateTimeField()),
    )
    return (
        Approval.objects.filter(
            job_description__owner=user,
            job_description__deleted_at__isnull=True,
            approved_at__gt=since,
        )
        .select_related("job_description")
        .only("job_description__title", "version", "approved_by", "approved_at")
        .order_by("-approved_at")
    )


def review_round_version(review_round) -> Version | None:
    """The draft's saved version a review round was asked about (its ``version``): the newest
    revision holding that version number, its lists prefetched for ``document_from_version``."""
    versions = jobdescription_versions(review_round.job_description).filter(
        revision__date_created__lte=review_round.submitted_at
    )
    for version in versions:  # newest first: the one submitted is almost always the first
        if version.field_dict.get("version") == review_round.version:
            return versions.prefetch_related("revision__version_set").get(pk=version.pk)
    return None


def latest_approval(job_description: JobDescription):
    """The JD's most recent approval with the version it pinned (for ``document_from_version``),
    or (None, None)."""
    approval = job_description.approvals.select_related("revision").first()
    if approval is None:
        return None, None
    version = (
        jobdescription_versions(job_description)
        .filter(revision=approval.revision)
        .prefetch_related("revision__version_set")
        .first()
    )
    return approval, version


def last_approvers(job_description: JobDescription) -> list:
    """Who approved the JD's latest approval and may still review it: the suggested reviewers of
    its next round, and whom an edit of the approved JD is told about."""
    approval = job_description.approvals.select_related("review_round").first()
    if approval is None:
        return []
    return [
        request.reviewer
        for request in approval.review_round.requests.select_related("reviewer")
        if request.decision == ReviewDecision.APPROVED
        and request.reviewer is not None
        and request.reviewer.is_active
        and request.reviewer.pk != job_description.owner_id
    ]


def current_approval(job_description: JobDescription):
    """The approval the JD stands on now: its latest, while it is approved; else None."""
    if job_description.review_state != ReviewState.APPROVED:
        return None
    return job_description.approvals.first()


def changes_asked(job_description: JobDescription):
    """While the JD waits for changes: the reviewer's request of its latest round (who, what
    they said), for the owner's editor; else None."""
    if job_description.review_state != ReviewState.CHANGES_REQUESTED:
        return None
    latest_round = job_description.review_rounds.first()
    if latest_round is None:
        return None
    return (
        latest_round.requests.filter(decision=ReviewDecision.CHANGES_REQUESTED)
        .select_related("reviewer")
        .order_by("-decided_at")
        .first()
    )


def suggested_reviewers(job_description: JobDescription, candidates) -> list:
    """Whom to ask first: who approved the JD last, and the reviewers the role reports to (their
    full name or username named in "reports to", as a whole word: "(CEO)" names "ceo")."""
    suggested = {person.pk: person for person in last_approvers(job_description)}
    reports_to = job_description.reports_to.casefold()
    if reports_to:
        for person in candidates:
            names = {person.get_full_name().strip().casefold(), person.get_username().casefold()}
            if any(name and _names(name, reports_to) for name in names):
                suggested.setdefault(person.pk, person)
    return list(suggested.values())


def _names(name: str, text: str) -> bool:
    # A literal, escaped: linear in the text.
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def round_requests(review_round):
    """The review requests of a round, with their reviewers."""
    return review_round.requests.select_related("reviewer")


def approved_in_round(review_round, user) -> bool:
    """Whether ``user`` approved in ``review_round``."""
    return review_round.requests.filter(reviewer=user, decision=ReviewDecision.APPROVED).exists()


def wants_comment_emails(user) -> bool:
    """The person's choice of comment e-mails (on until they turn it off)."""
    current = NotificationSettings.objects.filter(user=user).first()
    return current.comment_emails if current else True
