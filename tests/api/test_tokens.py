"""Personal API tokens: made on the account page, shown once, stored as a hash, revoked."""

import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from roles.models import API_TOKENS_PER_PERSON, ApiToken, SecurityEvent
from roles.services.api_tokens import apitoken_create, apitoken_revoke
from tests.helpers.api import bearer, make_token, problem_of

pytestmark = pytest.mark.django_db

TOKEN_PATTERN = re.compile(r"jdb_pat_[A-Za-z0-9_-]{43}")


def test_a_token_is_256_random_bits_after_its_prefix_and_only_its_hash_is_stored(alice):
    api_token, token = make_token(alice)
    assert TOKEN_PATTERN.fullmatch(token)
    assert api_token.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = ApiToken.objects.filter(pk=api_token.pk).values().get()
    assert token not in {str(value) for value in stored.values()}
    assert api_token.token_start == token[:12]
    other = make_token(alice)[1]
    assert other != token


def test_the_account_page_makes_a_token_and_shows_it_once(alice_client, alice):
    url = reverse("roles:api_tokens")
    response = alice_client.post(
        url, {"name": "Greenhouse sync", "scopes": ["read", "export"], "days": "30"}
    )
    assert response.status_code == 302 and response.url.endswith("#new-token")
    page = alice_client.get(url).content.decode()
    (token,) = TOKEN_PATTERN.findall(page)
    api_token = ApiToken.objects.get(user=alice)
    assert api_token.name == "Greenhouse sync"
    assert api_token.scopes == ["read", "export"]
    assert api_token.token_hash == hashlib.sha256(token.encode()).hexdigest()
    # The token works, and the page never shows it again.
    assert alice_client.get("/api/v1/levels/", **bearer(token)).status_code == 200
    again = alice_client.get(url).content.decode()
    assert not TOKEN_PATTERN.findall(again)
    assert "Greenhouse sync" in again and api_token.token_start in again


def test_the_page_refuses_a_token_without_scopes_or_name(alice_client, alice):
    response = alice_client.post(reverse("roles:api_tokens"), {"name": "", "days": "30"})
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"name", "scopes"}
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused_from_then_on(alice_client, alice):
    api_token, token = make_token(alice)
    assert alice_client.get("/api/v1/levels/", **bearer(token)).status_code == 200
    response = alice_client.post(reverse("roles:revoke_api_token", args=[api_token.pk]))
    assert response.status_code == 302
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None
    assert alice_client.get("/api/v1/levels/", **bearer(token)).status_code == 401
    assert "Revoked" in alice_client.get(reverse("roles:api_tokens")).content.decode()


def test_nobody_revokes_or_sees_anothers_token(bob_client, alice):
    api_token, _ = make_token(alice)
    response = bob_client.post(reverse("roles:revoke_api_token", args=[api_token.pk]))
    assert response.status_code == 404
    api_token.refresh_from_db()
    assert api_token.revoked_at is None
    assert api_token.token_start not in bob_client.get(reverse("roles:api_tokens")).content.decode()


def test_a_person_has_at_most_so_many_live_tokens(alice):
    for _ in range(API_TOKENS_PER_PERSON):
        make_token(alice)
    with pytest.raises(ValidationError, match="revoke one first"):
        apitoken_create(user=alice, name="One more", scopes=["read"], days=30)


def test_unknown_scopes_and_lifetimes_are_refused(alice):
    with pytest.raises(ValidationError, match="scope"):
        apitoken_create(user=alice, name="x", scopes=["read", "admin"], days=30)
    with pytest.raises(ValidationError, match="days"):
        apitoken_create(user=alice, name="x", scopes=["read"], days=366)


def test_the_sign_in_security_page_links_to_the_tokens(alice_client):
    page = alice_client.get(reverse("mfa_index")).content.decode()
    assert f'href="{reverse("roles:api_tokens")}"' in page


def test_making_and_revoking_a_token_on_the_account_page_is_in_the_security_log(
    alice_client, alice
):
    alice_client.post(
        reverse("roles:api_tokens"),
        {"name": "Greenhouse sync", "scopes": ["read"], "days": "30"},
        REMOTE_ADDR="203.0.113.7",
    )
    api_token = ApiToken.objects.get(user=alice)
    made = SecurityEvent.objects.get(kind="api_token_created")
    assert (made.user, made.ip_address) == (alice, "203.0.113.7")
    assert made.detail == {
        "token": api_token.token_start,
        "name": "Greenhouse sync",
        "kind": "personal",
        "scopes": ["read"],
        "expires_at": api_token.expires_at.isoformat(),
        "by": "alice",
    }
    alice_client.post(reverse("roles:revoke_api_token", args=[api_token.pk]))
    revoked = SecurityEvent.objects.get(kind="api_token_revoked")
    assert revoked.user == alice and revoked.detail["token"] == api_token.token_start
    # Revoking a revoked token changes nothing, and logs nothing.
    assert apitoken_revoke(api_token=api_token, by=alice) is False
    assert SecurityEvent.objects.filter(kind="api_token_revoked").count() == 1


def test_failed_token_authentications_are_limited_per_address_never_a_good_token(
    client, alice, settings, frozen_window
):
    settings.API_FAILED_AUTH_LIMIT_PER_MINUTE = 3
    _, good = make_token(alice)
    here, there = {"REMOTE_ADDR": "203.0.113.7"}, {"REMOTE_ADDR": "198.51.100.9"}
    bad = bearer("jdb_pat_" + "x" * 43)
    # Good requests are not failures: they count for nothing here.
    for _ in range(5):
        assert client.get("/api/v1/levels/", **bearer(good), **here).status_code == 200
    assert [client.get("/api/v1/levels/", **bad, **here).status_code for _ in range(3)] == [401] * 3
    # A malformed header is a failure too.
    refused = client.get("/api/v1/levels/", HTTP_AUTHORIZATION="Bearer a b", **here)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"  # the frozen clock stands mid-minute
    body = problem_of(refused)
    assert body["type"] == "urn:jdbuilder:problem:rate-limited"
    assert "not valid came from this address" in body["detail"]
    assert client.get("/api/v1/levels/", **bad, **here).status_code == 429
    # A good token from the same address still gets in; another address is not limited.
    assert client.get("/api/v1/levels/", **bearer(good), **here).status_code == 200
    assert client.get("/api/v1/levels/", **bad, **there).status_code == 401
