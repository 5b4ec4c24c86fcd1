"""Read-only links to a draft for people without an account (an agency, a hiring manager)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from roles.http import RateLimit

#: 32 random bytes, URL-safe: 256 bits, far beyond guessing (the issue asks for at least 128).
SHARE_TOKEN_BYTES = 32
#: The first characters of a token, kept so its maker can tell their links apart: 36 bits of
#: 256, no help to anyone guessing the rest.
SHARE_TOKEN_PREFIX_LENGTH = 6
#: PDF downloads per link: each may render a PDF, and a link is in strangers' hands.
SHARE_PDF_RATE = RateLimit(scope="share-pdf", limit=30, seconds=60)


def new_share_token() -> str:
    return secrets.token_urlsafe(SHARE_TOKEN_BYTES)


class ShareLinkQuerySet(models.QuerySet):
    def open(self) -> "ShareLinkQuerySet":
        """Links that still work: not revoked, not past their expiry date, on a draft not in the
        trash."""
        today = timezone.localdate()
        return self.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today),
            revoked_at__isnull=True,
            job_description__deleted_at__isnull=True,
        )


class ShareLink(models.Model):
    """A link that shows one draft's document page, its job posting data and its PDF, and nothing
    else of the app. Anyone holding the token may read; only its maker sees it, once, when it
    is made: the database keeps its hash."""

    job_description = models.ForeignKey(
        "roles.JobDescription", on_delete=models.CASCADE, related_name="share_links"
    )
    #: ``hash_token`` of the token; the token itself is shown once, when it is made.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(max_length=SHARE_TOKEN_PREFIX_LENGTH, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_on = models.DateField(
        null=True, blank=True, help_text="The last day the link works. Blank: until revoked."
    )
    is_public_posting = models.BooleanField(
        "public job posting",
        default=False,
        help_text="Search engines may index the page, and its job posting data names the "
        "link's own address and logo. Leave off for a link sent to one agency or person.",
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    open_count = models.PositiveIntegerField(default=0, editable=False)
    last_opened_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Share link to {self.job_description_id} by {self.created_by_id}"

    @property
    def is_open(self) -> bool:
        today = timezone.localdate()
        return self.revoked_at is None and (self.expires_on is None or self.expires_on >= today)
