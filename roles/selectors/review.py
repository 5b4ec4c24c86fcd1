"""Reads for the review pages: the inbox on the start page, who may be asked to review or be
handed a JD, a round's version, the approvals, the audit trail, and a person's e-mail choices.
Separate to mirror ``roles/services/review.py``: the people it offers are those the service
accepts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from reversion.models import Version

from roles.models import JobDescription, NotificationSettings, ReviewDecision, ReviewState
from roles.models.review import OWNER_GROUPS
from roles.selectors.history import jobdescription_versions


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
        .order_by("username")
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


def waiting_for_review(user):
    """The live JDs the person is asked to review and has not decided on yet."""
    return (
        JobDescription.objects.live()
        .filter(
            review_state=ReviewState.IN_REVIEW,
            review_rounds__closed_at__isnull=True,
            review_rounds__requests__reviewer=user,
            review_rounds__requests__decision=ReviewDecision.PENDING,
        )
        .select_related("owner", "level")
        .distinct()
    )


def in_review_owned_by(user):
    return (
        JobDescription.objects.live()
        .filter(owner=user, review_state=ReviewState.IN_REVIEW)
        .select_related("level")
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
