"""Personal API tokens made and revoked by their person (the account page /account/tokens/)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from roles.models import (
    API_TOKEN_MAX_DAYS,
    API_TOKENS_PER_PERSON,
    ApiScope,
    ApiToken,
    hash_token,
    new_personal_token,
)


@transaction.atomic
def apitoken_create(*, user, name: str, scopes: list[str], days: int) -> tuple[ApiToken, str]:
    """A new personal token for ``user``: the row, and the token itself, to be shown once (only
    its SHA-256 is stored). Refused past ``API_TOKENS_PER_PERSON`` live tokens."""
    if not 1 <= days <= API_TOKEN_MAX_DAYS:
        raise ValidationError(f"A token lives from 1 to {API_TOKEN_MAX_DAYS} days.")
    unknown = set(scopes) - set(ApiScope.values)
    if not scopes or unknown:
        raise ValidationError("Choose at least one scope of the list.")
    # Counted under the person's row lock, so two tabs cannot both make the 21st.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.live().filter(user=user).count() >= API_TOKENS_PER_PERSON:
        raise ValidationError(
            f"You have {API_TOKENS_PER_PERSON} live tokens, the most allowed: revoke one first."
        )
    token = new_personal_token()
    api_token = ApiToken(
        user=user,
        name=name,
        token_hash=hash_token(token),
        token_start=token[: len("jdb_pat_") + 4],
        # In the list's order, whatever order the form sent them in.
        scopes=[scope for scope in ApiScope.values if scope in scopes],
        expires_at=timezone.now() + timedelta(days=days),
    )
    api_token.full_clean()
    api_token.save()
    return api_token, token


def apitoken_revoke(*, api_token: ApiToken) -> None:
    """Revoke ``api_token`` from now on (kept, revoked, so its person sees what it was)."""
    if api_token.revoked_at is None:
        api_token.revoked_at = timezone.now()
        api_token.save(update_fields=["revoked_at"])
