"""Linking a local account to the person's company identity (a provider id and the provider's
immutable id for them: OpenID Connect ``sub``, Entra ID ``oid``), once.

Three ways lead here: an administrator entering the id on the person's page in the admin, the
``link_company_identities`` command (e-mail matches an operator confirms), and the person
connecting their identity while signed in (``roles.signin.refuse_connecting_unless_allowed``
checks with ``company_identity_link_problem``). Whichever way, an identity belongs to one account,
and an account has one identity at each provider: changing it means an administrator unlinks
first. Every link and unlink is in the security log.
"""

from allauth.socialaccount import app_settings as socialaccount_settings
from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import ValidationError
from django.db import transaction

from roles.models import SecurityEventKind, ServiceAccount
from roles.selectors.identities import company_app
from roles.services.security import security_event_record

#: How an identity came to be linked, as the security log says it.
LINKED_BY_ADMIN, LINKED_BY_COMMAND, LINKED_BY_SELF = "admin", "command", "self"


def company_identity_link_problem(*, user, provider_id: str, uid: str) -> str | None:
    """Why ``user`` may not be linked to ``uid`` at ``provider_id``; None when they may."""
    if ServiceAccount.objects.holds(user):
        return (
            f"{user.get_username()} is a service account: it never signs in, so it is linked "
            "to no company identity."
        )
    if company_app(provider_id) is None:
        return f"No company sign-in with the provider id {provider_id!r} is configured."
    if not uid or uid != uid.strip():
        return "Enter the provider's immutable id for this person, without spaces around it."
    if len(uid) > socialaccount_settings.UID_MAX_LENGTH:
        return f"An immutable id is at most {socialaccount_settings.UID_MAX_LENGTH} characters."
    holder = (
        SocialAccount.objects.filter(provider=provider_id, uid=uid).select_related("user").first()
    )
    if holder is not None:
        if holder.user_id == user.pk:
            return f"{user.get_username()} is linked to this identity already."
        return (
            f"This {provider_id} identity is linked to another account "
            f"({holder.user.get_username()}); an administrator unlinks it there first."
        )
    own = SocialAccount.objects.filter(user_id=user.pk, provider=provider_id).first()
    if own is not None:
        return (
            f"{user.get_username()} is linked to another {provider_id} identity ({own.uid}); "
            "an administrator unlinks that one first."
        )
    return None


@transaction.atomic
def company_identity_link(
    *, user, provider_id: str, uid: str, how: str, by=None, request=None
) -> SocialAccount:
    """Links ``user`` to ``uid`` at ``provider_id``; raises ``ValidationError`` saying why not."""
    # The person's row is locked so that two links made at once cannot both pass the checks.
    type(user).objects.select_for_update().filter(pk=user.pk).first()
    if problem := company_identity_link_problem(user=user, provider_id=provider_id, uid=uid):
        raise ValidationError(problem)
    account = SocialAccount.objects.create(user=user, provider=provider_id, uid=uid)
    security_event_record(
        kind=SecurityEventKind.IDENTITY_LINKED,
        request=request,
        user=user,
        detail={
            "provider": provider_id,
            "uid": uid,
            "how": how,
            "by": by.get_username() if by is not None else "",
        },
    )
    return account


@transaction.atomic
def company_identity_unlink(*, account: SocialAccount, by, request=None) -> None:
    """Unlinks a company identity (an administrator's act): the person signs in with it no more
    until it is linked again, to them or to someone else."""
    security_event_record(
        kind=SecurityEventKind.IDENTITY_UNLINKED,
        request=request,
        user=account.user,
        detail={"provider": account.provider, "uid": account.uid, "by": by.get_username()},
    )
    account.delete()


def identity_connected(sender, request, sociallogin, **kwargs) -> None:
    """allauth's signal after someone signed in connected their company identity themselves
    (its connect flow, checked beforehand by ``roles.signin.refuse_connecting_unless_allowed``).
    Their HR groups follow the directory from their first company sign-in on."""
    account = sociallogin.account
    security_event_record(
        kind=SecurityEventKind.IDENTITY_LINKED,
        request=request,
        user=sociallogin.user,
        detail={"provider": account.provider, "uid": account.uid, "how": LINKED_BY_SELF},
    )
