"""Who may do what, from the company's directory: the group (or app-role) values an identity
provider asserts, mapped to the app's HR groups by an administrator; and the people and groups
the directory provisions over SCIM, with the tokens it authenticates by."""

import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from .tokens import hash_token

DIRECTORY_VALUE_MAX_LENGTH = 200


class DirectoryGroupMapping(models.Model):
    """One value of a provider's group claim, and the HR group it puts a person in."""

    provider_id = models.CharField(
        max_length=100,
        verbose_name="sign-in provider",
        help_text="The company sign-in this value comes from: its provider id, e.g. company "
        "(the part after /accounts/oidc/ in its sign-in address).",
    )
    value = models.CharField(
        max_length=DIRECTORY_VALUE_MAX_LENGTH,
        verbose_name="value from the provider",
        help_text="The group or app-role value exactly as the provider sends it in its groups "
        "claim (Entra ID: the app role's value, e.g. JD.Managers; Okta: the group's name). "
        "Matched exactly: capitals, spaces and punctuation count. With SCIM on: the directory "
        "group's display name.",
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="HR group",
        help_text="The HR group people with this value are in, while the provider says so.",
    )
    grants_staff = models.BooleanField(
        default=False,
        verbose_name="grants admin access",
        help_text="People with this value may use the admin (staff); never superuser.",
    )

    class Meta:
        ordering = ["provider_id", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider_id", "value", "group"], name="directory_mapping_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider_id}: {self.value} → {self.group.name}"


#: The longest userName, externalId or group name kept (SCIM sets no limit; Django's username
#: is 150 characters, a UPN or an e-mail address at most 254).
DIRECTORY_NAME_MAX_LENGTH = 254


def new_scim_id() -> str:
    return str(uuid.uuid4())


class DirectoryIdentity(models.Model):
    """A person as the company's directory provisions them over SCIM (``roles.scim``): the
    ``id`` this app gave them, the directory's own ``externalId`` (the same immutable id the
    company sign-in asserts: OIDC ``sub``, Entra's object id), and their ``userName``. One per
    account; the account itself stays Django's user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_identity"
    )
    #: The SCIM ``id``: made here, never reused, never the database key (which would tell how
    #: many accounts there are, and would follow the user row if it were ever recreated).
    scim_id = models.CharField(max_length=36, unique=True, default=new_scim_id, editable=False)
    external_id = models.CharField(
        max_length=DIRECTORY_NAME_MAX_LENGTH,
        blank=True,
        help_text="The directory's immutable id for the person; company sign-in finds them by "
        "it (without one, they cannot sign in).",
    )
    user_name = models.CharField(
        max_length=DIRECTORY_NAME_MAX_LENGTH,
        help_text="The directory's userName (Entra: the UPN; Okta: the login).",
    )
    #: How the directory labels the address it sent (the address is the user's e-mail): given
    #: back as sent, as Entra ID and Okta compare it ("work", primary).
    email_type = models.CharField(max_length=20, blank=True, editable=False)
    email_primary = models.BooleanField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    #: Set when the directory DELETEs the person: the account is kept, inactive (their drafts
    #: stay, to be handed over); SCIM no longer shows them, until the directory creates the same
    #: externalId again (a rehire), which brings this row back.
    deprovisioned_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name_plural = "directory identities"
        ordering = ["user_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="directory_external_id_unique",
            ),
            # userName is unique and case-insensitive (RFC 7643 §4.1.1) among the people the
            # directory still has.
            models.UniqueConstraint(
                Lower("user_name"),
                condition=models.Q(deprovisioned_at__isnull=True),
                name="directory_user_name_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_name} ({self.external_id})"


class DirectoryGroup(models.Model):
    """A group the directory pushes over SCIM. Its ``display_name`` is the value the admin's
    ``DirectoryGroupMapping`` rows name (with ``SCIM_ENABLED``): what an IT administrator sees
    in Entra ID or Okta, and the one name both send (Okta pushes no externalId)."""

    scim_id = models.CharField(max_length=36, unique=True, default=new_scim_id, editable=False)
    external_id = models.CharField(max_length=DIRECTORY_NAME_MAX_LENGTH, blank=True)
    display_name = models.CharField(max_length=DIRECTORY_NAME_MAX_LENGTH)
    members = models.ManyToManyField(DirectoryIdentity, related_name="groups", blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(Lower("display_name"), name="directory_group_name_unique")
        ]

    def __str__(self) -> str:
        return self.display_name


class ScimTokenQuerySet(models.QuerySet):
    def matching(self, token: str):
        """The live token whose hash this is, or none."""
        if not token or len(token) > SCIM_TOKEN_MAX_LENGTH:
            return None
        return self.filter(token_hash=hash_token(token), revoked_at__isnull=True).first()


#: A presented token longer than this is refused before hashing (they are 43 characters).
SCIM_TOKEN_MAX_LENGTH = 200


class ScimToken(models.Model):
    """A bearer token the directory (Entra ID, Okta) sends to /scim/v2/. Only its hash is kept:
    the token is shown once, when made (``manage.py scim_token`` or the admin)."""

    name = models.CharField(max_length=100, help_text="Whose it is, e.g. “Entra ID”.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScimTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "SCIM token"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def issue(cls, *, name: str) -> tuple["ScimToken", str]:
        """A new token: the row, and the token itself (to be shown once, never stored)."""
        token = secrets.token_urlsafe(32)
        return cls.objects.create(name=name, token_hash=hash_token(token)), token
