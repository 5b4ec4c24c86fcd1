"""Webhooks: the services emit an event inside the transaction of the change it tells of; when
that commits, the event is kept in the event log and becomes one delivery per subscription that
hears it and whose owner may read it; a task sends each delivery, signed per Standard Webhooks,
and tries again on a fixed schedule; a subscription that keeps failing is paused and its owner
told. The pages' "Send again" and "Send a test event", and the subscriptions' writes for the
API, are here too.

Signing (https://www.standardwebhooks.com/): ``webhook-id`` is the delivery's message id (the
same on every attempt), ``webhook-timestamp`` the attempt's Unix time, ``webhook-signature``
``v1,`` + base64 of HMAC-SHA256 over ``{id}.{timestamp}.{body}`` keyed with the secret's bytes
(base64 after ``whsec_``). During the 24 hours after a rotation, the body is signed with both
secrets, the signatures space-separated, so a receiver may switch to the new secret at any time.

The calls go through ``roles.outbound``: never to a private address unless its host name is in
``WEBHOOK_ALLOWED_PRIVATE_HOSTS``, never following a redirect, 15 s in all, 4 KB kept.
"""

import base64
import dataclasses
import hashlib
import hmac
import json
import logging
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from roles import outbound
from roles.documents.data import DocumentData
from roles.models import (
    WEBHOOK_PAUSE_AFTER_FAILING_FOR,
    WEBHOOK_PREVIOUS_SECRET_KEPT_FOR,
    WEBHOOK_RESPONSE_KEPT_BYTES,
    WEBHOOK_RETRY_DELAYS_SECONDS,
    WEBHOOK_SUBSCRIPTIONS_PER_PERSON,
    Approval,
    JobDescription,
    RoleTemplate,
    ShareLink,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEvent,
    WebhookEventType,
    WebhookSubscription,
    WebhookSubscriptionStatus,
    new_webhook_secret,
)
from roles.services.tasks import again_later

logger = logging.getLogger(__name__)

USER_AGENT = "JD Builder webhooks"


def webhook_body(delivery: WebhookDelivery) -> bytes:
    """The bytes sent and signed: the stored payload, compact, the same on every attempt."""
    return json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()


def webhook_signature(*, secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """One ``v1,<base64>`` signature, keyed with the secret's decoded bytes."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def webhook_headers(*, subscription: WebhookSubscription, message_id: str, body: bytes, now=None):
    now = now or timezone.now()
    timestamp = int(now.timestamp())
    signatures = [
        webhook_signature(secret=secret, message_id=message_id, timestamp=timestamp, body=body)
        for secret in subscription.signing_secrets(now=now)
    ]
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signatures),
    }


def webhook_payload(event_type: str, data: dict, *, now=None) -> dict:
    """The body of an event, as JSON will carry it: ``{"type", "timestamp", "data"}``."""
    now = now or timezone.now()
    body = {"type": event_type, "timestamp": now.isoformat(), "data": data}
    return json.loads(json.dumps(body, cls=DjangoJSONEncoder))


def _api_url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(f"roles:api:{name}", args=args)


def draft_reference(job_description: JobDescription) -> dict:
    """What every event about a draft says of it: enough to tell which JD, in which state, and
    where the API reads it; no person's name or address (a receiver asks the API for more)."""
    return {
        "id": job_description.pk,
        "title": job_description.title,
        "level": job_description.level_id,
        "department": job_description.department,
        "requisition_id": job_description.requisition_id,
        "review_state": job_description.review_state,
        "version": job_description.version,
        "url": _api_url("draft", job_description.pk),
    }


def document_links(job_description_id: int) -> dict[str, str]:
    """The draft's documents in every format of the export registry, by format name.

    Written as the API's path, not reversed: the documents route is built beside this."""
    # Imported here: the registry brings the renderers (WeasyPrint), which the forms and the
    # admin, importing this module, must not load.
    from roles.documents.registry import EXPORTERS

    base = f"{settings.SITE_URL}/api/v1/drafts/{job_description_id}/documents"
    return {name: f"{base}/{name}" for name in EXPORTERS}


def document_payload(document: DocumentData) -> dict:
    """The JD's text as every document prints it (``DocumentData``), less what is the
    document's furniture: the organisation's logo and settings, the footer's note (which
    names the approvers), and the template rows the items were copied from."""
    values = dataclasses.asdict(document)
    for name in ("organisation", "status_note"):
        values.pop(name)
    for name in ("responsibilities", "kpis", "qualifications", "locations"):
        for item in values[name]:
            item.pop("source_id", None)
    return values


def draft_event_emit(event_type: str, job_description: JobDescription) -> None:
    """Emits a step of a draft's life (created, submitted, changes requested, reopened,
    archived), as it is after the step."""
    webhook_event_emit(
        event_type,
        {"job_description": draft_reference(job_description)},
        job_description=job_description,
    )


def approved_event_emit(
    *, job_description: JobDescription, approval: Approval, document: DocumentData
) -> None:
    """Emits ``jd.approved`` with what a receiver needs to post the job without another call:
    the approved text (``document``, the one the frozen PDF was rendered from), the frozen PDF's
    address and SHA-256, and links to every format.

    The PDF's address is the approval's own, not the draft's ``documents.pdf``: a receiver may
    act on the event hours later (a retry, the event log), when the draft has been reopened or
    changed and its PDF is no longer the approved one."""
    webhook_event_emit(
        WebhookEventType.APPROVED,
        {
            "job_description": draft_reference(job_description),
            "approval": {
                "id": approval.pk,
                "version": approval.version,
                "approved_at": approval.approved_at,
                "sha256": approval.sha256,
                "pdf": _api_url("approval_pdf", job_description.pk, approval.pk),
            },
            "document": document_payload(document),
            "documents": document_links(job_description.pk),
        },
        job_description=job_description,
    )


def share_link_event_emit(event_type: str, share_link: ShareLink) -> None:
    """Emits a share link made or revoked. Never its token: the link itself stays with the
    person who made it."""
    job_description = share_link.job_description
    webhook_event_emit(
        event_type,
        {
            "share_link": {
                "id": share_link.pk,
                "created_at": share_link.created_at,
                "expires_on": share_link.expires_on,
                "revoked_at": share_link.revoked_at,
                "is_public_posting": share_link.is_public_posting,
            },
            "job_description": draft_reference(job_description),
        },
        job_description=job_description,
    )


def template_event_emit(*, template: RoleTemplate, created: bool) -> None:
    """Emits ``template.changed`` (an admin saved a role template, new or not): every
    subscription that hears it may read it (templates are everyone's)."""
    webhook_event_emit(
        WebhookEventType.TEMPLATE_CHANGED,
        {
            "change": "created" if created else "changed",
            "template": {
                "slug": template.slug,
                "title": template.title,
                "level": template.level_id,
                "is_active": template.is_active,
                "updated_at": template.updated_at,
                "url": _api_url("template", template.slug),
            },
        },
    )


def webhook_event_emit(
    event_type: str, data: dict, *, job_description: JobDescription | None = None
) -> None:
    """Emits ``event_type`` with ``data`` (as the caller's write left it) once the caller's
    transaction commits: the event is kept in the log and becomes a delivery for every
    subscription that hears it and whose owner may read ``job_description``; a rolled-back write
    emits nothing. Call it inside the service's transaction, after the write it tells of.

    Recorded after the commit, not inside the transaction, so event ids grow in commit order: a
    reader of ``/api/v1/events/?after=`` who has seen event 11 never finds a 10 committing
    later. A process killed in the instant between the commit and the record loses that event.
    """
    event_type = WebhookEventType(event_type).value  # an unknown type is a programming error
    if event_type == WebhookEventType.TEST:
        raise ValueError("The test event goes to one subscription: webhook_test_send.")
    payload = webhook_payload(event_type, data)
    transaction.on_commit(
        partial(
            webhook_event_record,
            event_type=event_type,
            payload=payload,
            job_description_id=job_description.pk if job_description else None,
        ),
        # The change has committed: a failure to record its event is logged, never the
        # person's error.
        robust=True,
    )


def _readers(subscriptions, job_description_id: int | None) -> list[WebhookSubscription]:
    """The subscriptions whose owner may read the event: an active person, and for an event
    about a draft, one who may read the draft now (``JobDescription.objects.readable_by``,
    the access helper's rule for many drafts), so a subscription never hears of a draft its
    owner could not open."""
    readers = []
    for subscription in subscriptions:
        owner = subscription.owner
        if not owner.is_active:
            continue
        if job_description_id is not None and not (
            JobDescription.objects.readable_by(owner).filter(pk=job_description_id).exists()
        ):
            continue
        readers.append(subscription)
    return readers


@transaction.atomic
def webhook_event_record(
    *, event_type: str, payload: dict, job_description_id: int | None = None
) -> list[WebhookDelivery]:
    """Keeps the event in the log and makes one delivery per subscription that hears it and
    may read it, each sent by a task once this commits. Returns the deliveries."""
    if (
        job_description_id is not None
        and not JobDescription.objects.filter(pk=job_description_id).exists()
    ):
        return []  # the draft was deleted in the meantime: nobody may read of it
    WebhookEvent.objects.create(
        event_type=event_type, payload=payload, job_description_id=job_description_id
    )
    # Few subscriptions, and a JSON list cannot be searched on SQLite: matched here.
    hearing = [
        subscription
        for subscription in WebhookSubscription.objects.active().select_related("owner")
        if subscription.hears(event_type)
    ]
    return _deliver(_readers(hearing, job_description_id), event_type, payload)


def _deliver(subscriptions, event_type: str, payload: dict) -> list[WebhookDelivery]:
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                subscription=subscription,
                event_type=event_type,
                payload=payload,
                next_attempt_at=now,
                created_at=now,
            )
            for subscription in subscriptions
        ]
    )
    for delivery in deliveries:
        transaction.on_commit(partial(send_webhook.enqueue, delivery.pk), robust=True)
    return deliveries


def webhook_test_send(*, subscription: WebhookSubscription) -> WebhookDelivery:
    """Sends a test event to ``subscription`` alone (its "Send a test event" button): signed
    and tried like any other, not kept in the event log."""
    if subscription.status != WebhookSubscriptionStatus.ACTIVE:
        raise WebhookRefused("The subscription is paused: resume it first.")
    data = {"subscription": {"id": subscription.pk, "name": subscription.name}}
    payload = webhook_payload(WebhookEventType.TEST.value, data)
    with transaction.atomic():
        [delivery] = _deliver([subscription], WebhookEventType.TEST.value, payload)
    return delivery


def webhook_delivery_resend(*, delivery: WebhookDelivery) -> None:
    """Tries a delivery once more, now (its "Send again" button): the same body and
    ``webhook-id``, so a receiver that has it already can drop it. If the attempt fails, the
    retries go on from where the schedule was (none after the last)."""
    if delivery.subscription.status != WebhookSubscriptionStatus.ACTIVE:
        raise WebhookRefused("The subscription is paused: resume it first.")
    with transaction.atomic():
        resent = WebhookDelivery.objects.filter(pk=delivery.pk).exclude(
            status=WebhookDeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        if not resent.update(
            status=WebhookDeliveryStatus.PENDING, next_attempt_at=timezone.now(), finished_at=None
        ):
            raise WebhookRefused("This delivery is being sent now.")
        transaction.on_commit(partial(send_webhook.enqueue, delivery.pk), robust=True)


class WebhookRefused(Exception):
    """The action cannot be done now: the message says why, for the person who asked."""


def _policy() -> outbound.AddressPolicy:
    return outbound.AddressPolicy.allowing(settings.WEBHOOK_ALLOWED_PRIVATE_HOSTS)


def webhook_delivery_attempt(*, delivery_id: int, policy: outbound.AddressPolicy | None = None):
    """Makes one attempt at a delivery; returns what happened. A failed attempt schedules the
    next one (``WEBHOOK_RETRY_DELAYS_SECONDS``) or, after the last, marks the delivery failed;
    a subscription failing for ``WEBHOOK_PAUSE_AFTER_FAILING_FOR`` is paused."""
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None:
        return "nothing to send: the delivery is gone"
    if delivery.status != WebhookDeliveryStatus.PENDING:
        return f"nothing to send: the delivery is {delivery.status}"
    subscription = delivery.subscription
    if subscription.status != WebhookSubscriptionStatus.ACTIVE:
        _finish(delivery, WebhookDeliveryStatus.FAILED, note="the subscription is paused")
        return "not sent: the subscription is paused"

    # Claimed by counting the attempt first: a second worker holding the same delivery (a task
    # queued twice) finds the count moved on and sends nothing.
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=WebhookDeliveryStatus.PENDING, attempts=delivery.attempts
    ).update(attempts=delivery.attempts + 1, last_attempt_at=timezone.now())
    if not claimed:
        return "nothing to send: another worker has this attempt"
    delivery.attempts += 1

    body = webhook_body(delivery)
    headers = webhook_headers(subscription=subscription, message_id=delivery.message_id, body=body)
    response = outbound.post(
        subscription.url, body=body, headers=headers, policy=policy or _policy()
    )

    now = timezone.now()
    delivery.last_attempt_at = now
    delivery.last_response_status = response.status
    kept = response.body[:WEBHOOK_RESPONSE_KEPT_BYTES].decode("utf-8", "replace")
    delivery.last_response_body = f"{response.error}\n{kept}".strip() if response.error else kept
    if response.succeeded:
        _finish(delivery, WebhookDeliveryStatus.SUCCEEDED)
        WebhookSubscription.objects.filter(pk=subscription.pk).update(failing_since=None)
        return f"delivered: {response.status}"

    if response.status is not None and 300 <= response.status < 400:
        # Not followed: the Location could name any address, the check was for this one.
        where = f" to {response.location[:500]!r}" if response.location else ""
        delivery.last_response_body = f"a redirect{where} is not followed\n{kept}".strip()
    failing_since = subscription.failing_since or now
    if subscription.failing_since is None:
        WebhookSubscription.objects.filter(pk=subscription.pk, failing_since=None).update(
            failing_since=now
        )
    if now - failing_since >= WEBHOOK_PAUSE_AFTER_FAILING_FOR:
        _finish(delivery, WebhookDeliveryStatus.FAILED)
        webhook_subscription_pause(subscription_id=subscription.pk)
        return f"failed ({response.status or response.error}); the subscription is paused"
    if delivery.attempts > len(WEBHOOK_RETRY_DELAYS_SECONDS):
        _finish(delivery, WebhookDeliveryStatus.FAILED)
        return f"failed ({response.status or response.error}) after {delivery.attempts} attempts"

    delay = WEBHOOK_RETRY_DELAYS_SECONDS[delivery.attempts - 1]
    delivery.next_attempt_at = now + timedelta(seconds=delay)
    delivery.save(update_fields=_ATTEMPT_FIELDS)
    send_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    return f"failed ({response.status or response.error}); again in {delay} s"


_ATTEMPT_FIELDS = [
    "attempts",
    "last_attempt_at",
    "last_response_status",
    "last_response_body",
    "next_attempt_at",
    "status",
    "finished_at",
]


def _finish(delivery: WebhookDelivery, status: str, *, note: str = "") -> None:
    delivery.status = status
    delivery.next_attempt_at = None
    delivery.finished_at = timezone.now()
    if note:
        delivery.last_response_body = note
    delivery.save(update_fields=_ATTEMPT_FIELDS)


@transaction.atomic
def webhook_subscription_pause(*, subscription_id: int, notify: bool = True) -> bool:
    """Pauses a subscription (one that keeps failing, or by an admin), fails what waits for
    it, and with ``notify`` e-mails its owner once the pause commits. False if it was already
    paused."""
    now = timezone.now()
    paused = WebhookSubscription.objects.filter(
        pk=subscription_id, status=WebhookSubscriptionStatus.ACTIVE
    ).update(status=WebhookSubscriptionStatus.PAUSED, paused_at=now)
    if not paused:
        return False
    WebhookDelivery.objects.filter(
        subscription_id=subscription_id, status=WebhookDeliveryStatus.PENDING
    ).update(
        status=WebhookDeliveryStatus.FAILED,
        next_attempt_at=None,
        finished_at=now,
        last_response_body="the subscription was paused",
    )
    if notify:
        transaction.on_commit(
            partial(send_webhook_paused_email.enqueue, subscription_id), robust=True
        )
    return True


def webhook_subscription_resume(*, subscription_id: int) -> bool:
    """Makes a paused subscription active again, its failures forgotten."""
    return bool(
        WebhookSubscription.objects.filter(
            pk=subscription_id, status=WebhookSubscriptionStatus.PAUSED
        ).update(status=WebhookSubscriptionStatus.ACTIVE, paused_at=None, failing_since=None)
    )


def webhook_secret_rotate(*, subscription_id: int) -> str:
    """Gives a subscription a new secret, keeps the old one signing for 24 hours, and returns
    the new one (to be shown once)."""
    with transaction.atomic():
        subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription_id)
        subscription.previous_secret = subscription.secret
        subscription.previous_secret_expires_at = timezone.now() + WEBHOOK_PREVIOUS_SECRET_KEPT_FOR
        subscription.secret = new_webhook_secret()
        subscription.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
    return subscription.secret


def webhook_paused_notify(*, subscription_id: int) -> str:
    subscription = (
        WebhookSubscription.objects.select_related("owner").filter(pk=subscription_id).first()
    )
    if subscription is None or subscription.status != WebhookSubscriptionStatus.PAUSED:
        return "nothing to tell: the subscription is gone or active again"
    if not subscription.owner.email:
        return "nobody to tell: the owner has no e-mail address"
    last = (
        subscription.deliveries.exclude(last_attempt_at=None).order_by("-last_attempt_at").first()
    )
    context = {
        "subscription": subscription,
        "last_delivery": last,
        "failing_hours": round(WEBHOOK_PAUSE_AFTER_FAILING_FOR.total_seconds() / 3600),
        "admin_url": settings.SITE_URL
        + reverse("admin:roles_webhooksubscription_change", args=[subscription.pk]),
        "page_url": settings.SITE_URL + reverse("roles:webhook_deliveries", args=[subscription.pk]),
    }
    subject = " ".join(f"Webhook paused: {subscription.name}".split())
    text = render_to_string("roles/email/webhook_paused.txt", context)
    return f"sent {send_mail(subject, text, None, [subscription.owner.email])}"


@task()
def send_webhook(delivery_id: int) -> str:
    """Makes one attempt at a webhook delivery (the service schedules the next)."""
    return webhook_delivery_attempt(delivery_id=delivery_id)


@task()
def send_webhook_paused_email(subscription_id: int, attempt: int = 1) -> str:
    """Tells a paused subscription's owner."""
    try:
        return webhook_paused_notify(subscription_id=subscription_id)
    except Exception:
        again_later(send_webhook_paused_email, attempt, subscription_id)
        raise


def webhook_url_check(url: str, *, policy: outbound.AddressPolicy | None = None) -> None:
    """Refuses, with ``ValidationError`` on ``url``, a URL the deliveries could never call: not
    http(s), a user name in it, or a host whose address the outbound policy refuses now (a
    private one not on ``WEBHOOK_ALLOWED_PRIVATE_HOSTS``, or none). Each delivery checks again:
    a name may change its answer later."""
    if why := outbound.url_refusal(url):
        raise ValidationError({"url": why})
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        (policy or _policy()).address_for(parts.hostname, port)
    except outbound.RefusedDestination as refused:
        raise ValidationError({"url": f"This URL may not be called: {refused}"}) from None


def webhook_subscription_create(
    *, owner, name: str, url: str, events: list[str], policy: outbound.AddressPolicy | None = None
) -> WebhookSubscription:
    """A subscription of ``owner``'s (its secret is on the returned row: show it once)."""
    webhook_url_check(url, policy=policy)
    with transaction.atomic():
        # The owner's row, locked: two requests at once cannot both take the last place.
        type(owner).objects.select_for_update().filter(pk=owner.pk).first()
        if WebhookSubscription.objects.filter(owner=owner).count() >= (
            WEBHOOK_SUBSCRIPTIONS_PER_PERSON
        ):
            raise ValidationError(
                f"You keep {WEBHOOK_SUBSCRIPTIONS_PER_PERSON} subscriptions already: delete one "
                "first."
            )
        subscription = WebhookSubscription(owner=owner, name=name, url=url, events=events)
        subscription.full_clean()
        subscription.save()
    return subscription


def webhook_subscription_update(
    *,
    subscription: WebhookSubscription,
    policy: outbound.AddressPolicy | None = None,
    **changes,
) -> WebhookSubscription:
    """Changes ``name``, ``url`` or ``events``; ``status`` pauses or resumes it."""
    status = changes.pop("status", None)
    if "url" in changes and changes["url"] != subscription.url:
        webhook_url_check(changes["url"], policy=policy)
    for field_name, value in changes.items():
        setattr(subscription, field_name, value)
    subscription.full_clean()
    with transaction.atomic():
        if changes:
            subscription.save(update_fields=list(changes))
        if status == WebhookSubscriptionStatus.PAUSED:
            webhook_subscription_pause(subscription_id=subscription.pk, notify=False)
        elif status == WebhookSubscriptionStatus.ACTIVE:
            webhook_subscription_resume(subscription_id=subscription.pk)
    subscription.refresh_from_db()
    return subscription
