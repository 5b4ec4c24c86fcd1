"""API tokens and service accounts: personal tokens made and revoked by their person (the
account page /account/tokens/), service accounts and their tokens made by an administrator (the
admin), and any token revoked by an administrator. Each making and revoking is written to the
security log, whoever did it and wherever."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from roles.models import (
    API_TOKEN_MAX_DAYS,
    API_TOKENS_PER_PERSON,
    ApiScope,
    ApiToken,
    ApiTokenKind,
    SecurityEventKind,
    ServiceAccount,
    hash_token,
    new_token,
)
from roles.models.api import TOKEN_PREFIXES

from .security import security_event_record


def _token_create(
    *, kind: str, user, name: str, scopes: list[str], days: int, by, request
) -> tuple[ApiToken, str]:
    if not 1 <= days <= API_TOKEN_MAX_DAYS:
        raise ValidationError(f"A token lives from 1 to {API_TOKEN_MAX_DAYS} days.")
    unknown = set(scopes) - set(ApiScope.values)
    if not scopes or unknown:
        raise ValidationError("Choose at least one scope of the list.")
    # Counted under the account's row lock, so two tabs cannot both make the 21st.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.live().filter(user=user).count() >= API_TOKENS_PER_PERSON:
        raise ValidationError(
            f"{user.get_username()} has {API_TOKENS_PER_PERSON} live tokens, the most allowed: "
            "revoke one first."
        )
    token = new_token(kind)
    api_token = ApiToken(
        user=user,
        kind=kind,
        name=name,
        token_hash=hash_token(token),
        token_start=token[: len(TOKEN_PREFIXES[kind]) + 4],
        # In the list's order, whatever order the form sent them in.
        scopes=[scope for scope in ApiScope.values if scope in scopes],
        expires_at=timezone.now() + timedelta(days=days),
    )
    api_token.full_clean()
    api_token.save()
    security_event_record(
        kind=SecurityEventKind.API_TOKEN_CREATED,
        request=request,
        user=user,
        detail={**_described(api_token), "by": _name_of(by)},
    )
    return api_token, token


@transaction.atomic
def apitoken_create(
    *, user, name: str, scopes: list[str], days: int, request: HttpRequest | None = None
) -> tuple[ApiToken, str]:
    """A new personal token for ``user``, made by themselves: the row, and the token itself, to
    be shown once (only its SHA-256 is stored). Refused past ``API_TOKENS_PER_PERSON`` live
    tokens, and for a service account (whose tokens an administrator makes)."""
    if ServiceAccount.objects.holds(user):
        raise ValidationError("A service account's tokens are made by an administrator.")
    return _token_create(
        kind=ApiTokenKind.PERSONAL,
        user=user,
        name=name,
        scopes=scopes,
        days=days,
        by=user,
        request=request,
    )


@transaction.atomic
def service_token_create(
    *, account, name: str, scopes: list[str], days: int, by, request: HttpRequest | None = None
) -> tuple[ApiToken, str]:
    """A new service token (``jdb_svc_…``) of the service account ``account`` (a user), made by
    the administrator ``by``: the row, and the token, to be shown once."""
    if not ServiceAccount.objects.holds(account):
        raise ValidationError(f"{account.get_username()} is not a service account.")
    return _token_create(
        kind=ApiTokenKind.SERVICE,
        user=account,
        name=name,
        scopes=scopes,
        days=days,
        by=by,
        request=request,
    )


@transaction.atomic
def service_account_create(
    *, username: str, description: str, groups=(), by, request: HttpRequest | None = None
) -> ServiceAccount:
    """A new service account: a user with no usable password, never staff, in ``groups`` (what
    its tokens may read follows from them), marked as a service account so that no sign-in
    takes it. Its tokens are made afterwards (``service_token_create``)."""
    User = get_user_model()
    user = User(username=username, is_staff=False, is_superuser=False)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(groups)
    account = ServiceAccount(user=user, description=description, created_by=_name_of(by))
    account.full_clean()
    account.save()
    security_event_record(
        kind=SecurityEventKind.SERVICE_ACCOUNT_CREATED,
        request=request,
        user=user,
        detail={
            "groups": sorted(group.name for group in user.groups.all())[:20],
            "by": _name_of(by),
        },
    )
    return account


@transaction.atomic
def apitoken_revoke(*, api_token: ApiToken, by=None, request: HttpRequest | None = None) -> bool:
    """Revoke ``api_token`` from now on (kept, revoked, so its person sees what it was); ``by``
    is who revoked it (its person, or an administrator). Whether it was live until now: revoking
    a revoked token changes nothing and logs nothing."""
    revoked = ApiToken.objects.filter(pk=api_token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    api_token.refresh_from_db(fields=["revoked_at"])
    if revoked:
        security_event_record(
            kind=SecurityEventKind.API_TOKEN_REVOKED,
            request=request,
            user=api_token.user,
            detail={**_described(api_token), "by": _name_of(by)},
        )
    return bool(revoked)


def _described(api_token: ApiToken) -> dict:
    """What the security log keeps of a token: enough to tell which one, never the token."""
    return {
        "token": api_token.token_start,
        "name": api_token.name[:100],
        "kind": api_token.kind,
        "scopes": api_token.scopes,
        "expires_at": api_token.expires_at.isoformat(),
    }


def _name_of(user) -> str:
    return user.get_username() if user is not None else ""
