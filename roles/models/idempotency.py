"""Idempotency keys of the API's creates (#29): a client that sends ``Idempotency-Key`` with a
create and, not knowing whether it arrived (a timeout, a dropped connection), sends it again
gets the first answer again instead of a second draft. Kept per token, for a day."""

from datetime import timedelta

from django.db import models
from django.utils import timezone

#: The longest key accepted (a UUID is 36 characters; Stripe's limit is 255).
IDEMPOTENCY_KEY_MAX_LENGTH = 255
#: How long a key is kept: the same key within this time replays the first answer; after it,
#: the key is forgotten (and purged) and means a new request.
IDEMPOTENCY_KEY_KEPT_FOR = timedelta(hours=24)
#: A key still "in flight" this long after it was claimed belongs to a request whose process
#: died: its create never committed (the create and the stored answer are one transaction), so
#: the next request with the key may take it over. Far longer than any request may run
#: (gunicorn's timeout is 30 s).
IDEMPOTENCY_IN_FLIGHT_LOST_AFTER = timedelta(minutes=10)


class ApiIdempotencyKeyQuerySet(models.QuerySet):
    def kept(self, now=None):
        """Keys younger than ``IDEMPOTENCY_KEY_KEPT_FOR``."""
        return self.filter(created_at__gt=(now or timezone.now()) - IDEMPOTENCY_KEY_KEPT_FOR)

    def expired(self, now=None):
        return self.filter(created_at__lte=(now or timezone.now()) - IDEMPOTENCY_KEY_KEPT_FOR)


class ApiIdempotencyKey(models.Model):
    """One key of one token: the request it was first sent with (as a SHA-256 of its method,
    path and body), and, once that request has finished, its answer."""

    token = models.ForeignKey("roles.ApiToken", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=IDEMPOTENCY_KEY_MAX_LENGTH)
    request_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    #: None while the first request is still being answered ("in flight").
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    #: The first answer's body, exactly as sent, and the headers a client reads from it.
    response_body = models.TextField(blank=True)
    response_headers = models.JSONField(default=dict, blank=True)

    objects = ApiIdempotencyKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API idempotency key"
        constraints = [
            # Two requests with one key race to insert this row: exactly one wins.
            models.UniqueConstraint(fields=["token", "key"], name="apiidempotencykey_per_token"),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def in_flight(self) -> bool:
        return self.status is None
