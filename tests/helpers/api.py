"""What the API's tests share: tokens, and requests made with them."""

import json

from django.contrib.auth.models import Group

from roles.models import ApiScope, ApiToken
from roles.services.api_tokens import (
    apitoken_create,
    service_account_create,
    service_token_create,
)

ALL_SCOPES = tuple(ApiScope.values)


def make_token(user, scopes=("read",), *, days: int = 30, **fields) -> tuple[ApiToken, str]:
    """A personal token of ``user`` made as the account page makes it; ``fields`` then set on
    the row (``revoked_at``, ``expires_at``)."""
    api_token, token = apitoken_create(user=user, name="Test", scopes=list(scopes), days=days)
    if fields:
        ApiToken.objects.filter(pk=api_token.pk).update(**fields)
        api_token.refresh_from_db()
    return api_token, token


def make_service_account(username: str = "greenhouse-sync", groups=(), *, by=None):
    """A service account (its user) made as the admin makes one, in the HR ``groups`` named."""
    account = service_account_create(
        username=username,
        description="Test integration",
        groups=Group.objects.filter(name__in=groups),
        by=by,
    )
    return account.user


def make_service_token(account, scopes=("read",), *, days: int = 30, by=None):
    """A service token of the service account ``account`` (a user), as the admin makes it."""
    return service_token_create(
        account=account, name="Test service", scopes=list(scopes), days=days, by=by
    )


def bearer(token: str) -> dict:
    """The request header that carries ``token`` (as the Django test client takes headers)."""
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def problem_of(response) -> dict:
    """The problem+json body of ``response``, checked to be one (RFC 9457's members)."""
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    body = json.loads(response.content)
    assert body["status"] == response.status_code
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    return body
