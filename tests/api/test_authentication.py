"""Who gets in: a live personal token of an active person, with the operation's scope; never a
session. Every refusal is a problem+json."""

from datetime import timedelta

import pytest
from django.utils import timezone

from roles.models import ApiToken
from tests.helpers.api import bearer, make_token, problem_of

pytestmark = pytest.mark.django_db

URL = "/api/v1/drafts/"


def _refused(client, **headers) -> dict:
    response = client.get(URL, **headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    return problem_of(response)


def test_a_live_token_gets_in_and_its_use_is_recorded(client, alice):
    api_token, token = make_token(alice)
    assert api_token.last_used_at is None
    response = client.get(URL, **bearer(token))
    assert response.status_code == 200
    api_token.refresh_from_db()
    assert api_token.last_used_at is not None


def test_no_token_is_401(client):
    body = _refused(client)
    assert body["type"] == "about:blank"
    assert "credentials" in body["detail"]


def test_a_signed_in_browser_session_is_not_enough(alice_client):
    """No session authentication on /api/: a page's cookie cannot act through the API."""
    _refused(alice_client)


def test_another_scheme_or_a_malformed_header_is_401(client, alice):
    _, token = make_token(alice)
    _refused(client, HTTP_AUTHORIZATION=f"Basic {token}")
    body = _refused(client, HTTP_AUTHORIZATION=f"Bearer {token} extra")
    assert body["type"] == "urn:jdbuilder:problem:invalid-token"
    _refused(client, HTTP_AUTHORIZATION="Bearer")


@pytest.mark.parametrize(
    "presented",
    ["jdb_pat_unknown", "jdb_pat_" + "x" * 500, "not-a-token"],
    ids=["unknown", "overlong", "foreign"],
)
def test_an_unknown_token_is_401(client, alice, presented):
    make_token(alice)
    body = _refused(client, **bearer(presented))
    assert body["type"] == "urn:jdbuilder:problem:invalid-token"


def test_a_revoked_token_is_401(client, alice):
    _, token = make_token(alice, revoked_at=timezone.now())
    body = _refused(client, **bearer(token))
    assert body["type"] == "urn:jdbuilder:problem:invalid-token"


def test_an_expired_token_is_401(client, alice):
    api_token, token = make_token(alice)
    assert client.get(URL, **bearer(token)).status_code == 200
    ApiToken.objects.filter(pk=api_token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    body = _refused(client, **bearer(token))
    assert body["type"] == "urn:jdbuilder:problem:invalid-token"


def test_an_inactive_persons_token_is_401(client, alice):
    """is_active is the one off-switch, for people and their tokens."""
    _, token = make_token(alice)
    assert client.get(URL, **bearer(token)).status_code == 200
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    _refused(client, **bearer(token))


def test_a_token_without_the_scope_is_403(client, alice):
    _, token = make_token(alice, scopes=["export"])
    response = client.get(URL, **bearer(token))
    assert response.status_code == 403
    body = problem_of(response)
    assert body["type"] == "urn:jdbuilder:problem:missing-scope"
    assert "“read”" in body["detail"]


def test_a_token_is_rate_limited_on_its_own(client, alice, bob, settings, frozen_window):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    _, token = make_token(alice)
    _, other = make_token(bob)
    assert [client.get(URL, **bearer(token)).status_code for _ in range(2)] == [200, 200]
    response = client.get(URL, **bearer(token))
    assert response.status_code == 429
    assert response["Retry-After"] == "30"  # the frozen clock stands mid-minute
    body = problem_of(response)
    assert body["type"] == "urn:jdbuilder:problem:rate-limited"
    assert "30 seconds" in body["detail"]
    assert client.get(URL, **bearer(other)).status_code == 200
