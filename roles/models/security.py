"""The security log: who signed in, failed to, was locked out, changed a second factor, ended
sessions. Its own table, not the audit trail of documents: IT reads it, HR does not, and it is
kept for a different time (a year by default, ``SECURITY_LOG_RETENTION_DAYS``).

Append-only: a row is never changed, and rows go only when they are older than the retention
period (``SecurityEvent.objects.prune``). Each event is also one JSON line in the log
(``roles.services.security.security_event_record``), for the company's log collector.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

#: The longest text kept of what a client sent (a username typed at the sign-in form).
SECURITY_TEXT_MAX_LENGTH = 150


class SecurityEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "locked_out", "Locked out"
    SIGNED_OUT = "signed_out", "Signed out"
    FACTOR_ADDED = "factor_added", "Second factor added"
    FACTOR_REMOVED = "factor_removed", "Second factor removed"
    RECOVERY_CODES_GENERATED = "recovery_codes_generated", "Recovery codes made anew"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    DIRECTORY_GROUPS_CHANGED = "directory_groups_changed", "Groups changed by the directory"
    DIRECTORY_REFUSED = "directory_refused", "Refused: no mapped group from the directory"
    LOCAL_SIGNIN_REFUSED = "local_signin_refused", "Refused: password sign-in is off"
    BREAK_GLASS_USED = "break_glass_used", "Signed in with a break-glass account"
    BREAK_GLASS_GRANTED = "break_glass_granted", "Made a break-glass account"
    BREAK_GLASS_REVOKED = "break_glass_revoked", "No longer a break-glass account"
    PASSWORD_RESET_REQUESTED = "password_reset_requested", "Password reset e-mail sent"
    PASSWORD_RESET_REFUSED = "password_reset_refused", "Refused: password reset by e-mail"
    PASSWORD_RESET = "password_reset", "Password reset by e-mail"
    DIRECTORY_PROVISIONED = "directory_provisioned", "Provisioned by the directory"
    DIRECTORY_DEACTIVATED = "directory_deactivated", "Deactivated by the directory"
    DIRECTORY_REACTIVATED = "directory_reactivated", "Reactivated by the directory"
    IDENTITY_LINKED = "identity_linked", "Company identity linked"
    IDENTITY_UNLINKED = "identity_unlinked", "Company identity unlinked"
    IDENTITY_LINK_REFUSED = "identity_link_refused", "Refused: linking a company identity"
    API_TOKEN_CREATED = "api_token_created", "API token made"
    API_TOKEN_REVOKED = "api_token_revoked", "API token revoked"
    SERVICE_ACCOUNT_CREATED = "service_account_created", "Service account made"
    SERVICE_ACCOUNT_SIGNIN_REFUSED = (
        "service_account_signin_refused",
        "Refused: a service account cannot sign in",
    )


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a security log entry."""


class SecurityEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The security log is append-only.")

    def delete(self):
        raise AppendOnlyError("The security log is append-only: prune() removes expired rows.")

    def prune(self, *, now=None) -> int:
        """Deletes the entries older than the retention period; returns how many."""
        now = now or timezone.now()
        cutoff = now - timezone.timedelta(days=settings.SECURITY_LOG_RETENTION_DAYS)
        expired = self.filter(at__lt=cutoff)
        deleted, _ = models.QuerySet.delete(expired)
        return deleted


class SecurityEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    kind = models.CharField(max_length=40, choices=SecurityEventKind.choices, editable=False)
    # The account, while it exists; the username as it was, always (also for a failed sign-in
    # as someone who does not exist).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    username = models.CharField(max_length=SECURITY_TEXT_MAX_LENGTH, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    #: What else there is to say: which factor, how the session began. Small, made by the app.
    detail = models.JSONField(default=dict, blank=True, editable=False)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"])]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()}: {self.username or 'unknown'} at {self.at:%Y-%m-%d %H:%M}"
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The security log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The security log is append-only.")


class BreakGlassAccountQuerySet(models.QuerySet):
    def holds(self, user) -> bool:
        """Whether ``user`` is a break-glass account."""
        return user is not None and user.pk is not None and self.filter(user_id=user.pk).exists()


class BreakGlassAccount(models.Model):
    """A local account that may still sign in with its password when local sign-in is off
    (``LOCAL_SIGNIN=0``): the way in when the company's identity provider is down. Always with
    a second factor; every use is logged and e-mailed to the other administrators.

    Made and ended only by ``manage.py break_glass`` (someone with a shell on the server), never
    in the admin, which shows it read-only: an administrator's stolen session must not be able
    to open a way in that skips the identity provider. Ending it deletes the row; the security
    log keeps both the grant and the revocation.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="break_glass",
        editable=False,
    )
    granted_at = models.DateTimeField(default=timezone.now, editable=False)
    #: Who ran the command (the server account's name), as the command was told or found it.
    granted_by = models.CharField(max_length=SECURITY_TEXT_MAX_LENGTH, editable=False)

    objects = BreakGlassAccountQuerySet.as_manager()

    class Meta:
        ordering = ["user__username"]
        verbose_name = "break-glass account"

    def __str__(self) -> str:
        return f"Break-glass: {self.user.get_username()}"
