"""Who may see which draft, decided in one place: every view that takes a draft id asks here."""

from django.db.models import F, Q, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .models import (
    ITEM_LISTS,
    READ_ALL_PERMISSION,
    REVIEW_PERMISSION,
    Approval,
    BulkExport,
    JobDescription,
    ReviewDecision,
    ReviewRequest,
    ReviewRound,
    ShareLink,
    WebhookEvent,
    WebhookSubscription,
)
from .models.drafts import reviewing_ids
from .models.tokens import hash_token
from .selectors.careers import Posting, public_posting


def get_job_description_for_user(
    request: HttpRequest,
    pk: int,
    *,
    with_items: bool = False,
    read_only: bool = False,
    in_trash: bool = False,
    with_template_title: bool = True,
) -> JobDescription:
    """The draft ``pk`` if the signed-in user may have it; 404 for anyone else.

    Owners may do anything with their drafts. With ``read_only`` (preview, exports, the
    review page), HR managers, who hold the read-all permission, may also read everyone's, and
    a reviewer the JDs they were asked to review. A draft in the trash is found only with
    ``in_trash``, and only by its owner. Without ``with_template_title``, the draft has no
    ``source_template_title`` (a download, which names no template, joins one table less).
    """
    drafts = JobDescription.objects.trashed() if in_trash else JobDescription.objects.live()
    read_only = read_only and not in_trash
    # The editor's header names the template a draft came from: its title is all it needs.
    queryset = drafts.select_related("level")
    if with_template_title:
        queryset = queryset.annotate(source_template_title=F("source_template__title"))
    job_description = get_object_or_404(queryset, pk=pk)
    # The owner's own draft needs no permission lookup (a query): check ownership first.
    if job_description.owner_id != request.user.pk and not (
        read_only and (request.user.has_perm(READ_ALL_PERMISSION) or is_reviewer(request.user, pk))
    ):
        raise Http404("No such draft.")
    if with_items:
        prefetch_related_objects([job_description], *(name for name, *_ in ITEM_LISTS))
    return job_description


def get_job_description_to_share(request: HttpRequest, pk: int) -> JobDescription:
    """The draft ``pk`` for making or revoking its share links: its owner or an HR manager only
    (a reviewer reads it, but does not publish it); 404 for anyone else."""
    job_description = get_job_description_for_user(request, pk, read_only=True)
    if job_description.owner_id != request.user.pk and not request.user.has_perm(
        READ_ALL_PERMISSION
    ):
        raise Http404("No such draft.")
    return job_description


def is_reviewer(user, job_description_id: int) -> bool:
    """Whether ``user`` may review and is asked to review the JD in a round still open, the
    request not cancelled (they may read it, never edit it). The rule of
    ``JobDescription.objects.readable_by``."""
    return (
        user.has_perm(REVIEW_PERMISSION)
        and JobDescription.objects.filter(
            pk=job_description_id, pk__in=reviewing_ids(user)
        ).exists()
    )


def get_past_review_round(request: HttpRequest, pk: int) -> ReviewRound:
    """The latest ended round of the live JD ``pk`` in which the signed-in user, who may still
    review, gave a decision: its page shows the JD as it was sent to them, nothing newer. 404
    for anyone else (a request cancelled before they decided included)."""
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise Http404("No such review.")
    decided = ReviewRequest.objects.filter(
        reviewer=request.user.pk,
        decision__in=[ReviewDecision.APPROVED, ReviewDecision.CHANGES_REQUESTED],
    ).values("review_round_id")
    rounds = ReviewRound.objects.filter(
        job_description_id=pk,
        job_description__deleted_at__isnull=True,
        closed_at__isnull=False,
        pk__in=decided,
    ).select_related("job_description", "submitted_by")
    review_round = rounds.order_by("-closed_at", "-pk").first()
    if review_round is None:
        raise Http404("No such review.")
    return review_round


def get_approval_for_user(request: HttpRequest, pk: int, approval_id: int) -> Approval:
    """An approval of the live JD ``pk``, for whoever may read the JD, and for a reviewer (who
    may still review) whose approval made it, after their round ended; 404 for anyone else."""
    approval = get_object_or_404(
        Approval.objects.filter(job_description__deleted_at__isnull=True),
        pk=approval_id,
        job_description_id=pk,
    )
    approved_it = request.user.has_perm(REVIEW_PERMISSION) and (
        approval.review_round.requests.filter(
            reviewer=request.user.pk, decision=ReviewDecision.APPROVED
        ).exists()
    )
    if not approved_it:
        get_job_description_for_user(request, pk, read_only=True)
    return approval


def get_share_link(token: str, *, with_items: bool = False) -> ShareLink:
    """The open share link ``token`` with its draft, for someone without an account; 404 for
    a token that is unknown, revoked or past its expiry date, or whose draft is in the trash,
    alike, so a page never tells which."""
    share_link = get_object_or_404(
        ShareLink.objects.open().select_related("job_description__level"),
        token_hash=hash_token(token),
    )
    if with_items:
        prefetch_related_objects([share_link.job_description], *(name for name, *_ in ITEM_LISTS))
    return share_link


def get_public_posting(pk: int) -> Posting:
    """JD ``pk``'s public posting, for anyone, signed in or not; 404 for a JD that is not one
    (never approved, internal, not marked for the careers page, archived, in the trash, past its
    closing date) exactly as for a number that was never used, so the page tells no one which."""
    posting = public_posting(pk)
    if posting is None:
        raise Http404("No such job.")
    return posting


def get_bulk_export_for_user(
    request: HttpRequest, pk: int, *, to_download: bool = False
) -> BulkExport:
    """A bulk export, for the person who asked for it only; 404 for anyone else. With
    ``to_download``, also 404 if they may no longer read every draft the ZIP holds (a manager
    who has lost the read-all permission, a draft given to someone else since)."""
    bulk_export = get_object_or_404(BulkExport, pk=pk, requested_by=request.user.pk)
    if to_download:
        included = bulk_export.items.filter(error="").values_list("job_description_id", flat=True)
        readable = JobDescription.objects.readable_by(request.user).filter(pk__in=included)
        if None in included or readable.count() != len(included):
            raise Http404("This export holds drafts you may no longer read.")
    return bulk_export


#: Who may keep anyone's webhook subscriptions (the admin's own permission): superusers and HR
#: admins.
MANAGE_ALL_WEBHOOKS_PERMISSION = "roles.change_webhooksubscription"


def webhook_subscriptions_for_user(user) -> QuerySet[WebhookSubscription]:
    """The subscriptions ``user`` keeps: their own, or all for an admin of webhooks."""
    subscriptions = WebhookSubscription.objects.all()
    if user.has_perm(MANAGE_ALL_WEBHOOKS_PERMISSION):
        return subscriptions
    return subscriptions.filter(owner=user.pk)


def get_webhook_subscription_for_user(user, pk: int) -> WebhookSubscription:
    """A subscription its owner (or an admin of webhooks) keeps; 404 for anyone else."""
    return get_object_or_404(webhook_subscriptions_for_user(user), pk=pk)


def events_readable_by(user) -> QuerySet[WebhookEvent]:
    """The logged events ``user`` may read: the global ones (a template changed) and those
    about a live draft they may read now, by the rule of ``get_job_description_for_user``
    (``JobDescription.objects.readable_by`` is that rule for many drafts at once)."""
    return WebhookEvent.objects.filter(
        Q(job_description__isnull=True)
        | Q(job_description__in=JobDescription.objects.readable_by(user).values("pk"))
    )
