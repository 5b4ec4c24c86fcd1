"""Webhooks: the systems that hear of a JD's steps (the applicant tracking system, the HRIS, the
careers site) and each event sent to them.

A subscription's secret is kept as it is, not hashed: signing needs it. It is shown once, when
made or rotated (the admin), and never listed again. Signing follows Standard Webhooks
(``roles.services.webhooks``).
"""

import base64
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone

WEBHOOK_SECRET_PREFIX = "whsec_"
#: Standard Webhooks' secrets are 24 to 64 random bytes; 32 is what the issue asks.
WEBHOOK_SECRET_BYTES = 32
#: How long the secret before a rotation still signs (both signatures are sent meanwhile).
WEBHOOK_PREVIOUS_SECRET_KEPT_FOR = timedelta(hours=24)
WEBHOOK_URL_MAX_LENGTH = 2000
#: The most of a receiver's answer kept on a delivery.
WEBHOOK_RESPONSE_KEPT_BYTES = 4096
#: Seconds to wait after each failed attempt: attempt n + 1 runs this long after attempt n.
#: After the last, the delivery has failed.
WEBHOOK_RETRY_DELAYS_SECONDS = (5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600)
#: A subscription whose deliveries fail for this long, without a success between, is paused.
WEBHOOK_PAUSE_AFTER_FAILING_FOR = timedelta(hours=24)


class WebhookEventType(models.TextChoices):
    DRAFT_CREATED = "jd.created", "Draft created"
    SUBMITTED = "jd.submitted", "Submitted for review"
    APPROVED = "jd.approved", "Approved"
    CHANGES_REQUESTED = "jd.changes_requested", "Changes requested"
    REOPENED = "jd.reopened", "Reopened"
    ARCHIVED = "jd.archived", "Archived"
    SHARE_LINK_CREATED = "share_link.created", "Share link made"
    SHARE_LINK_REVOKED = "share_link.revoked", "Share link revoked"
    TEMPLATE_CHANGED = "template.changed", "Role template changed"
    #: Sent to one subscription by its "Send a test event" button; nobody subscribes to it and
    #: the event log does not keep it.
    TEST = "webhook.test", "Test event"


#: The events a subscription may choose: every type but the test.
SUBSCRIBABLE_EVENT_TYPES = tuple(
    (value, label) for value, label in WebhookEventType.choices if value != WebhookEventType.TEST
)
#: Subscriptions one person may keep through the API (admins add more in the admin).
WEBHOOK_SUBSCRIPTIONS_PER_PERSON = 10


def new_webhook_secret() -> str:
    return (
        WEBHOOK_SECRET_PREFIX + base64.b64encode(secrets.token_bytes(WEBHOOK_SECRET_BYTES)).decode()
    )


def new_webhook_message_id() -> str:
    return "msg_" + secrets.token_urlsafe(18)


def validate_event_types(value) -> None:
    known = {value for value, _label in SUBSCRIBABLE_EVENT_TYPES}
    if not isinstance(value, list) or not value or len(value) > len(known):
        raise ValidationError("Choose at least one event.")
    unknown = [item for item in value if item not in known]
    if unknown:
        raise ValidationError(f"Unknown events: {', '.join(map(str, unknown))[:200]}")


class WebhookSubscriptionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"


class WebhookSubscriptionQuerySet(models.QuerySet):
    def active(self) -> "WebhookSubscriptionQuerySet":
        return self.filter(status=WebhookSubscriptionStatus.ACTIVE)


class WebhookSubscription(models.Model):
    """A URL that hears of the events it chose, signed with its secret."""

    name = models.CharField(max_length=100, help_text="Which system this is, for people.")
    url = models.URLField(
        "URL",
        max_length=WEBHOOK_URL_MAX_LENGTH,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Called with POST. Private addresses are refused unless the host name is on "
        "WEBHOOK_ALLOWED_PRIVATE_HOSTS.",
    )
    events = models.JSONField(default=list, validators=[validate_event_types])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="webhook_subscriptions",
        help_text="Told by e-mail when the subscription is paused.",
    )
    secret = models.CharField(max_length=64, default=new_webhook_secret, editable=False)
    previous_secret = models.CharField(max_length=64, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(
        max_length=10,
        choices=WebhookSubscriptionStatus.choices,
        default=WebhookSubscriptionStatus.ACTIVE,
    )
    paused_at = models.DateTimeField(null=True, blank=True, editable=False)
    #: The first failed attempt since the last success; None while deliveries succeed.
    failing_since = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = WebhookSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def signing_secrets(self, *, now=None) -> list[str]:
        """The secrets that sign now: the current one, and the one before a rotation for its
        first 24 hours."""
        now = now or timezone.now()
        keys = [self.secret]
        if (
            self.previous_secret
            and self.previous_secret_expires_at
            and now < self.previous_secret_expires_at
        ):
            keys.append(self.previous_secret)
        return keys

    def hears(self, event_type: str) -> bool:
        return event_type in self.events


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SUCCEEDED = "succeeded", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One event for one subscription, and its attempts so far."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    #: The ``webhook-id`` header: the same on every attempt, so a receiver can drop duplicates.
    message_id = models.CharField(max_length=40, unique=True, default=new_webhook_message_id)
    event_type = models.CharField(max_length=40, choices=WebhookEventType.choices)
    #: The whole body as sent, ``{"type", "timestamp", "data"}``: every attempt sends the same.
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=WebhookDeliveryStatus.choices, default=WebhookDeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    #: The first 4 KB of the last answer, or why there was none (refused, timed out).
    last_response_body = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subscription", "-created_at"])]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event_type} to {self.subscription} ({self.message_id})"


class WebhookEventQuerySet(models.QuerySet):
    def after(self, event_id: int) -> "WebhookEventQuerySet":
        return self.filter(pk__gt=event_id).order_by("pk")


class WebhookEvent(models.Model):
    """An event as it was emitted, whether or not a subscription heard it: the log that
    ``/api/v1/events/?after=`` serves to receivers that cannot take calls.

    Written when the change it tells of commits (``roles.services.webhooks``), so ids grow in
    the order the changes committed and a reader following ``after`` misses none. An event
    about a draft goes with it: purging a draft from the trash deletes its events (nobody may
    read them any more, and they must not become everyone's)."""

    event_type = models.CharField(max_length=40, choices=WebhookEventType.choices)
    #: The body every delivery of it sends: ``{"type", "timestamp", "data"}``.
    payload = models.JSONField()
    #: The draft it is about, whose readers may read it; None for a global event (a template).
    job_description = models.ForeignKey(
        "roles.JobDescription",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_events",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = WebhookEventQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.event_type} #{self.pk}"
