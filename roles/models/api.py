"""Personal API tokens (#29): what a person's integration sends to /api/v1/ as
``Authorization: Bearer jdb_pat_…``. Only the token's SHA-256 is kept; the token is shown once,
when made. A token acts as its person, through the same access helper as their pages, and only
for the scopes it was given."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from .tokens import hash_token

#: What a personal token starts with: people (and secret scanners) can tell what it is.
PERSONAL_TOKEN_PREFIX = "jdb_pat_"
#: A presented token longer than this is refused before it is hashed (they are 51 characters).
API_TOKEN_MAX_LENGTH = 200
API_TOKEN_NAME_MAX_LENGTH = 100
#: The longest a token may live, and the choices the account page offers.
API_TOKEN_MAX_DAYS = 365
API_TOKEN_DAYS_CHOICES = (7, 30, 90, 365)
#: At most this many live tokens per person: a page of them, not a leak of thousands.
API_TOKENS_PER_PERSON = 20


class ApiScope(models.TextChoices):
    READ = "read", "Read role templates, levels and your drafts"
    WRITE = "write", "Create, change and delete drafts"
    REVIEW = "review", "Submit drafts for review and decide reviews"
    EXPORT = "export", "Download documents in every format"
    CHECK = "check", "Check text against a level"


def new_personal_token() -> str:
    """A new personal token: the prefix, then 256 random bits (43 URL-safe characters)."""
    return PERSONAL_TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def live(self):
        """Tokens neither revoked nor past their expiry."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def matching(self, token: str):
        """The token row whose hash this is (revoked, expired or not: the caller says why it
        refuses), with its person; None for anything else."""
        if not token or len(token) > API_TOKEN_MAX_LENGTH:
            return None
        return self.select_related("user").filter(token_hash=hash_token(token)).first()


def default_expiry():
    return timezone.now() + timedelta(days=90)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=API_TOKEN_NAME_MAX_LENGTH, help_text="What it is for, e.g. “Greenhouse sync”."
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    #: The first characters of the token (its prefix and four more), so a person can tell which
    #: of their tokens a log line or a leaked string is; not enough to guess the rest.
    token_start = models.CharField(max_length=16, editable=False)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(default=default_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes
