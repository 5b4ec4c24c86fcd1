"""Share links: made, revoked and counted here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from roles.models import JobDescription, ShareLink, WebhookEventType
from roles.models.sharing import SHARE_TOKEN_PREFIX_LENGTH, new_share_token
from roles.models.tokens import hash_token
from roles.services.webhooks import share_link_event_emit


@transaction.atomic
def sharelink_create(
    *, job_description: JobDescription, user, expires_on=None, is_public_posting: bool = False
) -> tuple[ShareLink, str]:
    """A new read-only link to ``job_description``, made by ``user`` (who may read it: the
    caller has checked, through the access helper). Returns the link and its token: the one
    time the token is known, for the maker to copy; the database keeps only its hash."""
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": "The expiry date is in the past."})
    token = new_share_token()
    share_link = ShareLink.objects.create(
        job_description=job_description,
        token_hash=hash_token(token),
        token_prefix=token[:SHARE_TOKEN_PREFIX_LENGTH],
        created_by=user,
        expires_on=expires_on,
        is_public_posting=is_public_posting,
    )
    share_link_event_emit(WebhookEventType.SHARE_LINK_CREATED, share_link)
    return share_link, token


def sharelink_revoke(*, share_link: ShareLink, user) -> ShareLink:
    """Revoke ``share_link`` at once; revoking it again changes nothing (the first who and when
    stay)."""
    with transaction.atomic():
        locked = ShareLink.objects.select_for_update().get(pk=share_link.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = user
            locked.save(update_fields=["revoked_at", "revoked_by"])
            share_link_event_emit(WebhookEventType.SHARE_LINK_REVOKED, locked)
    return locked


def sharelink_revoke_open(*, job_description: JobDescription, user) -> int:
    """Revoke every open link of ``job_description`` as ``user`` (who archives it or hands it
    over: the links were sent by the JD's owner, for the JD as it was). Returns how many, for
    the audit entry of the step; run inside its transaction."""
    links = list(ShareLink.objects.open().filter(job_description=job_description))
    now = timezone.now()
    ShareLink.objects.filter(pk__in=[link.pk for link in links]).update(
        revoked_at=now, revoked_by=user
    )
    for link in links:
        link.revoked_at, link.job_description = now, job_description
        share_link_event_emit(WebhookEventType.SHARE_LINK_REVOKED, link)
    return len(links)


def sharelink_record_open(*, share_link: ShareLink) -> None:
    """Count one opening of the link's page (in the database, so concurrent opens all count)."""
    ShareLink.objects.filter(pk=share_link.pk).update(
        open_count=F("open_count") + 1, last_opened_at=timezone.now()
    )
