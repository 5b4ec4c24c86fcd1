"""/scim/v2/ lets in a SCIM bearer token and nothing else: not a signed-in superuser's session,
not a revoked or made-up token; the database keeps only the token's SHA-256."""

import hashlib
import io

import pytest
from django.core.management import call_command

from roles.models import DirectoryIdentity, ScimToken
from tests.helpers.data import make_user
from tests.helpers.scim import SCIM, ScimClient, scim_error

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "mallory@example.com",
    "externalId": "mallory-1",
}


def test_it_works_with_the_token(scim):
    response = scim.get("/Users")
    assert response.status_code == 200
    assert response.json()["totalResults"] == 0


def test_no_token_is_refused_with_a_scim_error(client, scim_on):
    response = client.get(f"{SCIM}/Users")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "bearer token" in scim_error(response)["detail"]


def test_a_signed_in_superusers_session_is_refused(client, scim_token):
    boss = make_user("boss", is_superuser=True, is_staff=True)
    client.force_login(boss)
    assert client.get("/admin/").status_code == 200  # the session is good for the admin

    as_session = ScimClient("", client)
    listed = as_session.get("/Users")
    created = as_session.post("/Users", NEW_PERSON)

    assert listed.status_code == 401 and created.status_code == 401
    assert scim_error(created)["status"] == "401"
    assert not DirectoryIdentity.objects.exists()


def test_a_revoked_or_made_up_token_is_refused(client, scim_token):
    row = ScimToken.objects.get()
    assert ScimClient(scim_token, client).get("/Users").status_code == 200
    assert ScimClient(scim_token + "x", client).get("/Users").status_code == 401
    assert ScimClient("x" * 5000, client).get("/Users").status_code == 401
    row.revoked_at = row.created_at
    row.save()
    assert ScimClient(scim_token, client).get("/Users").status_code == 401


def test_the_token_is_stored_hashed_and_shown_once_by_the_command(client, scim_on):
    out = io.StringIO()
    call_command("scim_token", "Okta", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    row = ScimToken.objects.get(name="Okta")

    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in ScimToken.objects.values_list().get()]
    assert not any(token in value for value in stored)
    assert ScimClient(token, client).get("/Users").status_code == 200

    call_command("scim_token", revoke=row.pk, stdout=io.StringIO())
    assert ScimClient(token, client).get("/Users").status_code == 401


def test_the_admin_shows_a_new_token_once(client, scim_on):
    boss = make_user("boss", is_superuser=True, is_staff=True)
    client.force_login(boss)
    response = client.post("/admin/roles/scimtoken/add/", {"name": "Entra ID"})
    assert response.status_code == 200
    token = response.context["token"]
    assert token and token in response.content.decode()
    assert ScimToken.objects.get().token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in client.get("/admin/roles/scimtoken/").content.decode()
    assert ScimClient(token).get("/Users").status_code == 200


def test_with_scim_off_nothing_answers(client, scim_token, settings):
    settings.SCIM_ENABLED = False
    response = ScimClient(scim_token, client).get("/Users")
    assert response.status_code == 404
    assert "SCIM_ENABLED" in scim_error(response)["detail"]


def test_a_body_over_the_limit_is_refused(scim, settings):
    settings.SCIM_MAX_REQUEST_BYTES = 1000
    response = scim.post("/Users", {**NEW_PERSON, "displayName": "x" * 1000})
    assert response.status_code == 413
    assert "1000 bytes" in scim_error(response)["detail"]
    assert not DirectoryIdentity.objects.exists()


def test_unknown_paths_methods_and_bodies_answer_scim_errors(scim):
    assert scim_error(scim.get("/Nothing"))["status"] == "404"
    assert scim_error(scim.get("/Users/no-such-id"))["status"] == "404"
    assert (
        scim_error(scim.client.put(f"{SCIM}/ServiceProviderConfig", headers=scim.headers))["status"]
        == "405"
    )
    assert scim_error(scim.post("/Users", "{not json"))["status"] == "400"
    assert scim_error(scim.post("/Users", "[1, 2]"))["status"] == "400"
    assert scim_error(scim.get("/Bulk"))["status"] == "501"


#: A path for every pattern of roles/scim/urls.py (the authorisation table leaves ``scim:`` to
#: this test: no session, whoever's, reaches any of them).
EVERY_SCIM_PATH = [
    "",
    ".search",
    "Users/.search",
    "Users",
    "Users/some-id",
    "Groups/.search",
    "Groups",
    "Groups/some-id",
    "Me",
    "ServiceProviderConfig",
    "ResourceTypes",
    "Schemas",
    "Bulk",
    "anything-else",
]


@pytest.mark.parametrize("path", EVERY_SCIM_PATH)
def test_no_scim_path_answers_a_session(client, scim_token, path):
    from django.urls import resolve

    assert resolve(f"{SCIM}/{path}").namespace == "scim"
    client.force_login(make_user("boss", is_superuser=True, is_staff=True))
    assert client.get(f"{SCIM}/{path}").status_code == 401
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(
            f"{SCIM}/{path}", "{}", content_type="application/scim+json"
        )
        assert response.status_code == 401, (method, path, response.status_code)


def test_the_paths_cover_every_scim_pattern():
    from django.urls import resolve

    from roles.scim.urls import urlpatterns

    reached = {resolve(f"{SCIM}/{path}").url_name for path in EVERY_SCIM_PATH}
    assert reached == {pattern.name for pattern in urlpatterns}
