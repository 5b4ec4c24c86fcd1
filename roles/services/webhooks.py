"""Webhooks: an event becomes one delivery per subscription that hears it, in the transaction
that caused it; a task sends each delivery, signed per Standard Webhooks, and tries again on a
fixed schedule; a subscription that keeps failing is paused and its owner told.

Signing (https://www.standardwebhooks.com/): ``webhook-id`` is the delivery's message id (the
same on every attempt), ``webhook-timestamp`` the attempt's Unix time, ``webhook-signature``
``v1,`` + base64 of HMAC-SHA256 over ``{id}.{timestamp}.{body}`` keyed with the secret's bytes
(base64 after ``whsec_``). During the 24 hours after a rotation, the body is signed with both
secrets, the signatures space-separated, so a receiver may switch to the new secret at any time.

The calls go through ``roles.outbound``: never to a private address unless its host name is in
``WEBHOOK_ALLOWED_PRIVATE_HOSTS``, never following a redirect, 15 s in all, 4 KB kept.
"""

import base64
import hashlib
import hmac
import json
import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from roles import outbound
from roles.models import (
    WEBHOOK_PAUSE_AFTER_FAILING_FOR,
    WEBHOOK_PREVIOUS_SECRET_KEPT_FOR,
    WEBHOOK_RESPONSE_KEPT_BYTES,
    WEBHOOK_RETRY_DELAYS_SECONDS,
    WebhookDelivery,
    WebhookDeliveryStatus,
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


def webhook_event_emit(event_type: str, data: dict) -> list[WebhookDelivery]:
    """Records ``event_type`` with ``data`` for every active subscription that hears it, and
    queues each delivery for when the caller's transaction commits (a rolled-back write sends
    nothing). Call it inside the service's transaction, after the write it tells of."""
    event_type = WebhookEventType(event_type).value  # an unknown type is a programming error
    now = timezone.now()
    payload = json.loads(
        json.dumps(
            {"type": event_type, "timestamp": now.isoformat(), "data": data}, cls=DjangoJSONEncoder
        )
    )
    # Few subscriptions, and a JSON list cannot be searched on SQLite: matched here.
    subscriptions = [
        subscription
        for subscription in WebhookSubscription.objects.active()
        if subscription.hears(event_type)
    ]
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
