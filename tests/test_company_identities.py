"""Linking local accounts to company identities, once: by an administrator on the person's page,
by the command that proposes e-mail matches for confirmation, never by the person taking theirs
off; every link and unlink in the security log. (Connecting one's own identity through the real
provider: tests/browser/test_company_identities.py.)"""

import io
import json
import re

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from roles.models import DirectoryGroupMapping, SecurityEvent
from roles.services.identities import (
    LINKED_BY_ADMIN,
    company_identity_link,
    company_identity_unlink,
)
from tests.helpers.data import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def company(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "company",
                    "name": "Example Corp",
                    "client_id": "jd-builder",
                    "secret": "not-a-secret",
                    "settings": {"server_url": "https://idp.example.com"},
                }
            ],
        }
    }


def link(user, uid: str, provider_id: str = "company"):
    return company_identity_link(user=user, provider_id=provider_id, uid=uid, how=LINKED_BY_ADMIN)


# The service


def test_an_identity_is_linked_once_and_logged(alice, bob):
    link(alice, "sub-1")
    event = SecurityEvent.objects.get(kind="identity_linked")
    assert event.user == alice
    assert event.detail == {"provider": "company", "uid": "sub-1", "how": "admin", "by": ""}
    with pytest.raises(ValidationError, match=r"linked to another account \(alice\)"):
        link(bob, "sub-1")
    with pytest.raises(ValidationError, match=r"another company identity \(sub-1\)"):
        link(alice, "sub-2")
    assert list(SocialAccount.objects.values_list("user__username", "uid")) == [("alice", "sub-1")]


def test_linking_again_after_an_administrator_unlinked(alice, bob):
    boss = make_user("boss", is_superuser=True, is_staff=True)
    account = link(alice, "sub-1")
    company_identity_unlink(account=account, by=boss)
    unlinked = SecurityEvent.objects.get(kind="identity_unlinked")
    assert unlinked.detail == {"provider": "company", "uid": "sub-1", "by": "boss"}
    link(bob, "sub-1")
    assert SocialAccount.objects.get(uid="sub-1").user == bob


@pytest.mark.parametrize(
    ("provider_id", "uid", "problem"),
    [
        ("elsewhere", "sub-1", "No company sign-in with the provider id 'elsewhere'"),
        ("company", "", "Enter the provider's immutable id"),
        ("company", " sub-1", "without spaces around it"),
        ("company", "x" * 192, "at most 191 characters"),
    ],
)
def test_a_link_needs_a_configured_provider_and_a_plain_id(alice, provider_id, uid, problem):
    with pytest.raises(ValidationError, match=re.escape(problem)):
        link(alice, uid, provider_id)
    assert not SocialAccount.objects.exists()


# The person's page in the admin


def identity_row(**fields) -> dict:
    """The user change form's other fields and its company identity inline's management form."""
    data = {
        "socialaccount_set-TOTAL_FORMS": "1",
        "socialaccount_set-INITIAL_FORMS": "0",
        "socialaccount_set-MIN_NUM_FORMS": "0",
        "socialaccount_set-MAX_NUM_FORMS": "1000",
    }
    data.update({f"socialaccount_set-0-{name}": value for name, value in fields.items()})
    return data


def person_form(person) -> dict:
    return {
        "username": person.username,
        "email": person.email,
        "is_active": "on",
        "date_joined_0": person.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": person.date_joined.strftime("%H:%M:%S"),
    }


def test_a_superuser_links_a_person_on_their_page(admin_client, alice):
    url = f"/admin/auth/user/{alice.pk}/change/"
    assert "Company identities" in admin_client.get(url).content.decode()
    response = admin_client.post(
        url, {**person_form(alice), **identity_row(provider="company", uid="00u1abc")}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SocialAccount.objects.get(user=alice).uid == "00u1abc"
    event = SecurityEvent.objects.get(kind="identity_linked")
    assert event.detail["how"] == "admin" and event.detail["by"] == "admin"


def test_the_admin_refuses_an_identity_linked_to_someone_else(admin_client, alice, bob):
    link(bob, "00u1abc")
    response = admin_client.post(
        f"/admin/auth/user/{alice.pk}/change/",
        {**person_form(alice), **identity_row(provider="company", uid="00u1abc")},
    )
    assert response.status_code == 200
    assert "linked to another account (bob)" in response.content.decode()
    assert not SocialAccount.objects.filter(user=alice).exists()


def test_a_linked_identity_is_not_changed_but_unlinked_on_the_page(admin_client, alice):
    account = link(alice, "sub-1")
    url = f"/admin/auth/user/{alice.pk}/change/"
    existing = {
        "socialaccount_set-TOTAL_FORMS": "1",
        "socialaccount_set-INITIAL_FORMS": "1",
        "socialaccount_set-MIN_NUM_FORMS": "0",
        "socialaccount_set-MAX_NUM_FORMS": "1000",
        "socialaccount_set-0-id": str(account.pk),
        "socialaccount_set-0-user": str(alice.pk),
        "socialaccount_set-0-provider": "company",
        "socialaccount_set-0-uid": "someone-elses-id",  # a disabled field: ignored
    }
    response = admin_client.post(url, {**person_form(alice), **existing})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SocialAccount.objects.get(user=alice).uid == "sub-1"
    response = admin_client.post(
        url, {**person_form(alice), **existing, "socialaccount_set-0-DELETE": "on"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not SocialAccount.objects.filter(user=alice).exists()
    assert SecurityEvent.objects.get(kind="identity_unlinked").detail["uid"] == "sub-1"


def test_an_hr_admin_neither_sees_nor_links_identities(client, alice):
    hr_admin = make_user("hradmin", is_staff=True)
    Group.objects.get(name="HR admins").user_set.add(hr_admin)
    client.force_login(hr_admin)
    page = client.get(f"/admin/auth/user/{alice.pk}/change/").content.decode()
    assert "Company identities" not in page
    assert client.get("/admin/socialaccount/socialaccount/").status_code == 403


def test_identities_are_not_added_or_changed_in_their_own_list(admin_client, alice):
    account = link(alice, "sub-1")
    assert admin_client.get("/admin/socialaccount/socialaccount/add/").status_code == 403
    url = f"/admin/socialaccount/socialaccount/{account.pk}/"
    admin_client.post(f"{url}change/", {"uid": "other", "provider": "company"})
    account.refresh_from_db()
    assert account.uid == "sub-1"
    admin_client.post(f"{url}delete/", {"post": "yes"})
    assert not SocialAccount.objects.exists()
    assert SecurityEvent.objects.get(kind="identity_unlinked").detail["by"] == "admin"


# The person themselves


def test_nobody_takes_off_their_own_company_identity(client, alice):
    account = link(alice, "sub-1")
    client.force_login(alice)
    response = client.post("/accounts/3rdparty/", {"account": account.pk})
    assert "stays linked: ask an administrator" in response.content.decode()
    assert SocialAccount.objects.filter(pk=account.pk).exists()


# The command


def export(tmp_path, text: str):
    path = tmp_path / "directory.csv"
    path.write_text(text, encoding="utf-8")
    return path


def run(*args, answers: str = "") -> str:
    out = io.StringIO()
    call_command("link_company_identities", *args, stdout=out, stdin=io.StringIO(answers))
    return out.getvalue()


@pytest.fixture
def people(db):
    return {
        "alice": make_user("alice", email="Alice@Example.com"),
        "bob": make_user("bob", email="bob@example.com"),
        "carol": make_user("carol", email="carol@example.com"),
    }


def test_the_command_proposes_and_links_only_what_is_confirmed(tmp_path, people):
    path = export(tmp_path, "uid,email\nsub-a,alice@example.com\nsub-b,bob@example.com\n")
    output = run("company", path, answers="y\nn\n")
    assert "alice <Alice@example.com> to company id sub-a" in output
    assert "Linked 1 of 2." in output
    assert list(SocialAccount.objects.values_list("user__username", "uid")) == [("alice", "sub-a")]
    assert SecurityEvent.objects.get(kind="identity_linked").detail["how"] == "command"


def test_the_command_links_nothing_without_an_answer_or_on_a_dry_run(tmp_path, people):
    path = export(tmp_path, "sub-a,alice@example.com\n")
    assert "Linked 0 of 1." in run("company", path)  # no answer is no
    output = run("company", path, "--dry-run")
    assert "Would link: 1" in output and "Nothing linked" in output
    assert not SocialAccount.objects.exists()
    assert "Linked 1 of 1." in run("company", path, "--confirm")
    assert SocialAccount.objects.get().user == people["alice"]


def test_the_command_leaves_out_what_is_doubtful(tmp_path, people):
    make_user("carol2", email="CAROL@example.com")
    link(people["bob"], "sub-old")
    path = export(
        tmp_path,
        "sub-a,alice@example.com\n"
        "sub-a2,alice@example.com\n"  # the address twice
        "sub-b,bob@example.com\n"  # bob is linked already
        "sub-old,dave@example.com\n"  # the id is linked already
        "sub-c,carol@example.com\n"  # two local accounts have it
        "sub-x,nobody@example.com\n"  # no local account
        "not a row\n",
    )
    output = run("company", path, "--confirm")
    assert "Line 7 not read: expected uid,email" in output
    assert "Line 1 (alice@example.com) left out: the export has this e-mail address more" in output
    assert "Line 3 (bob@example.com) left out: bob is linked to another company identity" in output
    assert "Line 4 (dave@example.com) left out: this identity is linked already (to bob)" in output
    assert "several local accounts have this e-mail address (carol, carol2)" in output
    assert "1 people in the export have no local account" in output
    assert "No link to propose." in output
    assert SocialAccount.objects.count() == 1


def test_the_command_needs_a_configured_provider(tmp_path, people):
    with pytest.raises(CommandError, match="No company sign-in with the provider id 'okta'"):
        run("okta", export(tmp_path, "sub-a,alice@example.com\n"), "--confirm")


# Company sign-ins and group mappings in the admin


def sign_in_app_form(**options) -> dict:
    return {
        "provider": "openid_connect",
        "provider_id": "partner",
        "name": "Partner Corp",
        "client_id": "jd-builder",
        "secret": "s",
        "key": "",
        "settings": json.dumps(options),
    }


def test_a_company_sign_in_is_added_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/socialaccount/socialapp/add/",
        sign_in_app_form(server_url="https://login.example.com/v2.0", groups_claim="roles"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    app = SocialApp.objects.get(provider_id="partner")
    assert app.settings["groups_claim"] == "roles"


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"server_url": "http://login.example.com"}, "an https address"),
        ({"server_url": "https://a.example", "oauth_pkce_enabled": False}, "PKCE stays on"),
        ({"server_url": "https://a.example", "uid_field": "oid"}, "in uid_claim, not uid_field"),
        ({"server_url": "https://a.example", "groups_claim": ""}, "groups_claim: the claim"),
    ],
)
def test_the_admin_refuses_sign_in_settings_the_app_would_not_honour(admin_client, options, error):
    response = admin_client.post("/admin/socialaccount/socialapp/add/", sign_in_app_form(**options))
    assert error in response.content.decode()
    assert not SocialApp.objects.exists()


def test_the_admin_adds_no_saml_sign_in(admin_client):
    form = {
        **sign_in_app_form(),
        "provider": "saml",
        "settings": json.dumps({"idp": {"entity_id": "https://idp.example"}}),
    }
    response = admin_client.post("/admin/socialaccount/socialapp/add/", form)
    assert "Only OpenID Connect sign-ins are added here." in response.content.decode()
    assert not SocialApp.objects.exists()


def test_the_admin_refuses_a_provider_id_the_environment_has(admin_client):
    form = {**sign_in_app_form(server_url="https://a.example"), "provider_id": "company"}
    response = admin_client.post("/admin/socialaccount/socialapp/add/", form)
    assert "Another company sign-in has this provider id." in response.content.decode()


def test_an_hr_admin_keeps_the_group_mappings_told_values_match_exactly(client):
    hr_admin = make_user("hradmin", is_staff=True)
    Group.objects.get(name="HR admins").user_set.add(hr_admin)
    admin_client = client
    admin_client.force_login(hr_admin)
    page = admin_client.get("/admin/roles/directorygroupmapping/add/").content.decode()
    assert "Values match exactly" in page
    assert '<option value="company">Example Corp (company)</option>' in page
    response = admin_client.post(
        "/admin/roles/directorygroupmapping/add/",
        {
            "provider_id": "company",
            "value": "JD.Managers",
            "group": Group.objects.get(name="HR managers").pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert DirectoryGroupMapping.objects.get().value == "JD.Managers"
    listing = admin_client.get("/admin/roles/directorygroupmapping/").content.decode()
    assert "JD.Managers" in listing and "HR managers" in listing


def test_the_environment_names_the_immutable_id_claim(monkeypatch):
    from tests.helpers.project import settings_from_env

    entra = {
        "DJANGO_DEBUG": "1",
        "OIDC_SERVER_URL": "https://login.microsoftonline.com/tenant/v2.0",
        "OIDC_NAME": "Contoso",
        "OIDC_CLIENT_ID": "client",
        "OIDC_CLIENT_SECRET": "secret",
        "OIDC_GROUPS_CLAIM": "roles",
    }
    app = settings_from_env(monkeypatch, **entra)["SOCIALACCOUNT_PROVIDERS"]["openid_connect"]
    assert app["APPS"][0]["settings"]["uid_claim"] == "sub"  # by default
    assert app["APPS"][0]["settings"]["groups_claim"] == "roles"
    app = settings_from_env(monkeypatch, **entra, OIDC_UID_CLAIM="oid")["SOCIALACCOUNT_PROVIDERS"]
    assert app["openid_connect"]["APPS"][0]["settings"]["uid_claim"] == "oid"
