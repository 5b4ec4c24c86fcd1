"""API tokens (#29): what an integration sends to /api/v1/ as ``Authorization: Bearer …``.

- A personal token (``jdb_pat_…``) is made by a person on their account page and acts as them.
- A service token (``jdb_svc_…``) is made by an administrator for a service account: a user that
  never signs in (``ServiceAccount``), whose groups and permissions say what the token reads, so
  the one access helper decides for it exactly as for a person.

Only a token's SHA-256 is kept; the token is shown once, when made. A token acts only for the
scopes it was given."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from .tokens import hash_token

#: What a token starts with: people (and secret scanners) can tell what it is, and whose.
PERSONAL_TOKEN_PREFIX = "jdb_pat_"
SERVICE_TOKEN_PREFIX = "jdb_svc_"
#: A presented token longer than this is refused before it is hashed (they are 51 characters).
API_TOKEN_MAX_LENGTH = 200
API_TOKEN_NAME_MAX_LENGTH = 100
#: The longest a token may live, and the choices the account page offers.
API_TOKEN_MAX_DAYS = 365
API_TOKEN_DAYS_CHOICES = (7, 30, 90, 365)
#: At most this many live tokens per person (or service account): a page of them, not a leak
#: of thousands.
API_TOKENS_PER_PERSON = 20
SERVICE_ACCOUNT_DESCRIPTION_MAX_LENGTH = 200


class ApiScope(models.TextChoices):
    READ = "read", "Read role templates, levels and your drafts"
    WRITE = "write", "Create, change and delete drafts"
    REVIEW = "review", "Submit drafts for review and decide reviews"
    EXPORT = "export", "Download documents in every format"
    CHECK = "check", "Check text against a level"


class ApiTokenKind(models.TextChoices):
    PERSONAL = "personal", "Personal"
    SERVICE = "service", "Service"


TOKEN_PREFIXES = {
    ApiTokenKind.PERSONAL: PERSONAL_TOKEN_PREFIX,
    ApiTokenKind.SERVICE: SERVICE_TOKEN_PREFIX,
}


def new_token(kind: str = ApiTokenKind.PERSONAL) -> str:
    """A new token of ``kind``: its prefix, then 256 random bits (43 URL-safe characters)."""
    return TOKEN_PREFIXES[kind] + secrets.token_urlsafe(32)


def new_personal_token() -> str:
    return new_token(ApiTokenKind.PERSONAL)


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
    kind = models.CharField(
        max_length=10, choices=ApiTokenKind.choices, default=ApiTokenKind.PERSONAL, editable=False
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
    def is_service(self) -> bool:
        """A service token: read by the review's decide step, which service tokens may not take
        (``getattr(request.auth, "is_service", False)``)."""
        return self.kind == ApiTokenKind.SERVICE

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class ServiceAccountQuerySet(models.QuerySet):
    def holds(self, user) -> bool:
        """Whether ``user`` is a service account."""
        return user is not None and user.pk is not None and self.filter(user_id=user.pk).exists()


class ServiceAccount(models.Model):
    """Marks a user as a service account: an integration's identity, reached only through its
    service tokens, never signed in to (``roles.signin`` refuses it on every path: password,
    company sign-in, password reset, linking a company identity; the admin has no sign-in of its
    own). Its groups and permissions say what its tokens read, through the one access helper;
    ``is_active`` switches it and its tokens off, as for a person.

    A row beside Django's own ``User``, not a flag on it: the project keeps Django's user model
    (changing it under a live database is a migration of every foreign key), and the row says
    what a flag could not (what the account is for, who made it, when), as
    ``BreakGlassAccount`` does for the other kind of account with its own rules.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="service_account",
        editable=False,
    )
    description = models.CharField(
        max_length=SERVICE_ACCOUNT_DESCRIPTION_MAX_LENGTH,
        help_text="Which system uses it, and who looks after it, e.g. “Greenhouse sync (IT: Sam)”.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    #: Who made it (their username as it was then).
    created_by = models.CharField(max_length=150, blank=True, editable=False)

    objects = ServiceAccountQuerySet.as_manager()

    class Meta:
        ordering = ["user__username"]
        verbose_name = "service account"

    def __str__(self) -> str:
        return self.user.get_username()
