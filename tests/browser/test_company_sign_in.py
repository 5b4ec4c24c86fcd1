"""Signing in with the company's identity provider, a real OpenID Connect provider in a second
process (tests/idp): an account is made for someone in a mapped group, and their HR groups
follow the provider's at every sign-in."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from roles.models import DirectoryGroupMapping, SecurityEvent
from tests.helpers.api import make_service_account
from tests.helpers.browser import LIVE_DB, axe_violations
from tests.helpers.idp import PROVIDER_ID, provider_settings, start_identity_provider
from tests.helpers.scim import ScimClient, make_scim_token

pytestmark = LIVE_DB
IDP_PASSWORD = "provider password 1234"


@pytest.fixture(scope="module")
def identity_provider(live_server, tmp_path_factory):
    provider = start_identity_provider(
        redirect_uri=f"{live_server.url}/accounts/oidc/{PROVIDER_ID}/login/callback/",
        folder=tmp_path_factory.mktemp("idp"),
    )
    yield provider
    provider.stop()


@pytest.fixture
def company(identity_provider, settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(identity_provider)
    for value, group, staff in [
        ("jd-managers", "HR managers", False),
        ("jd-staff", "HR staff", False),
        ("jd-admins", "HR admins", True),
    ]:
        DirectoryGroupMapping.objects.create(
            provider_id=PROVIDER_ID,
            value=value,
            group=Group.objects.get(name=group),
            grants_staff=staff,
        )
    return identity_provider


def sign_in_with_the_company(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Sign in with Example Corp").click()
    if page.url.startswith("http://127.0.0.1"):  # the provider asks who it is, once
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(IDP_PASSWORD)
        page.get_by_role("button", name="Sign In").click()


def test_groups_come_from_the_directory_at_every_sign_in(page, live_server, company, shoot):
    company.add_person("pat", IDP_PASSWORD, ["jd-managers", "unrelated-group"])
    page.goto(f"{live_server.url}/accounts/login/")
    shoot(page, "sign-in-with-company")
    assert axe_violations(page) == []
    sign_in_with_the_company(page, live_server, "pat")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="All drafts")).to_be_visible()  # HR managers only
    person = User.objects.get(socialaccount__provider=PROVIDER_ID)
    assert set(person.groups.values_list("name", flat=True)) == {"HR managers"}
    assert not person.is_staff and not person.is_superuser

    # Moved at the provider: the next sign-in takes the old group away and gives the new one.
    company.set_groups("pat", ["jd-staff"])
    page.get_by_role("button", name="Sign out").click()
    sign_in_with_the_company(page, live_server, "pat")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="All drafts")).to_have_count(0)
    assert set(person.groups.values_list("name", flat=True)) == {"HR staff"}
    change = SecurityEvent.objects.filter(kind="directory_groups_changed").latest("pk")
    assert change.detail == {"source": "sign-in", "added": ["HR staff"], "removed": ["HR managers"]}


def test_staff_status_comes_from_the_mapping_and_the_provider_owns_the_second_factor(
    page, live_server, company
):
    company.add_person("avery", IDP_PASSWORD, ["jd-admins"])
    sign_in_with_the_company(page, live_server, "avery")
    # Staff, yet not sent to add a second factor here: the provider asked for its own.
    page.wait_for_url(f"{live_server.url}/")
    person = User.objects.get(socialaccount__provider=PROVIDER_ID)
    assert person.is_staff and not person.is_superuser
    company.set_groups("avery", ["jd-staff"])
    page.get_by_role("button", name="Sign out").click()
    sign_in_with_the_company(page, live_server, "avery")
    page.wait_for_url(f"{live_server.url}/")
    person.refresh_from_db()
    assert not person.is_staff


def test_a_provider_asserting_a_local_accounts_email_does_not_reach_it(page, live_server, company):
    local = User.objects.create_user("alice", email="alice@example.com", password="x" * 20)
    company.add_person("alice.at.company", IDP_PASSWORD, ["jd-staff"])
    company.run(
        "from allauth.account.models import EmailAddress\n"
        "from django.contrib.auth.models import User\n"
        "EmailAddress.objects.create(user=User.objects.get(username='alice.at.company'),"
        " email='alice@example.com', verified=True, primary=True)\n"
    )
    sign_in_with_the_company(page, live_server, "alice.at.company")
    page.wait_for_url(f"{live_server.url}/")
    # Signed in as the company identity's own new account, never as the local one.
    expect(page.get_by_role("navigation", name="Main")).to_contain_text(
        "Signed in as alice.at.company"
    )
    assert not local.socialaccount_set.exists()
    company_account = User.objects.get(socialaccount__provider=PROVIDER_ID)
    assert company_account.pk != local.pk


def test_without_a_mapped_group_nobody_gets_in(page, live_server, company, shoot):
    company.add_person("quinn", IDP_PASSWORD, ["unrelated-group"])
    sign_in_with_the_company(page, live_server, "quinn")
    expect(page.get_by_role("heading", name="No access yet")).to_be_visible()
    expect(page.get_by_text("Ask your administrator")).to_be_visible()
    assert not User.objects.filter(socialaccount__provider=PROVIDER_ID).exists()
    assert SecurityEvent.objects.filter(kind="directory_refused").exists()


def test_an_id_token_signed_by_a_key_the_provider_does_not_publish_is_refused(
    page, live_server, company
):
    company.add_person("rae", IDP_PASSWORD, ["jd-staff"])
    with company.signing_with_an_unpublished_key():
        sign_in_with_the_company(page, live_server, "rae")
        expect(page.get_by_role("heading", name="Third-Party Login Failure")).to_be_visible()
    assert not User.objects.filter(socialaccount__provider=PROVIDER_ID).exists()
    failure = SecurityEvent.objects.get(kind="sign_in_failed")
    # Refused for its key: one the provider's key set does not list (allauth alone would not
    # have looked, the token having come straight from the token endpoint).
    assert "Invalid 'kid'" in failure.detail["reason"]


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"aud": "some-other-application"}, "InvalidAudienceError"),
        # Well past any clock drift: PyJWT allows none unless told to.
        ({"exp_ago": 120}, "ExpiredSignatureError"),
    ],
    ids=["wrong-audience", "expired"],
)
def test_an_id_token_for_another_application_or_expired_is_refused(
    page, live_server, company, claims, reason
):
    company.add_person(f"tess-{reason}", IDP_PASSWORD, ["jd-staff"])
    with company.issuing_id_tokens_with(**claims):
        sign_in_with_the_company(page, live_server, f"tess-{reason}")
        expect(page.get_by_role("heading", name="Third-Party Login Failure")).to_be_visible()
    assert not User.objects.filter(socialaccount__provider=PROVIDER_ID).exists()
    failure = SecurityEvent.objects.get(kind="sign_in_failed")
    assert reason in failure.detail["cause"]


def test_a_tampered_state_is_refused(client, company):
    response = client.get(
        f"/accounts/oidc/{PROVIDER_ID}/login/callback/", {"code": "abc", "state": "forged"}
    )
    assert "Third-Party Login Failure" in response.content.decode()
    assert "_auth_user_id" not in client.session
    failure = SecurityEvent.objects.get(kind="sign_in_failed")
    assert failure.detail["reason"].startswith("state unknown to this session")


def test_a_replayed_callback_is_refused(page, live_server, company):
    company.add_person("sol", IDP_PASSWORD, ["jd-staff"])
    callbacks = []
    page.on(
        "request",
        lambda request: (
            callbacks.append(request.url) if "/login/callback/" in request.url else None
        ),
    )
    sign_in_with_the_company(page, live_server, "sol")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("button", name="Sign out").click()
    page.goto(callbacks[0])  # the provider's answer, code and state, sent again
    expect(page.get_by_role("heading", name="Third-Party Login Failure")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).not_to_contain_text("Signed in as")
    failure = SecurityEvent.objects.get(kind="sign_in_failed")
    assert failure.detail["reason"].startswith("state unknown to this session")


def test_with_scim_the_account_the_directory_made_is_the_one_signed_in_and_signed_out(
    page, live_server, company, settings
):
    settings.SCIM_ENABLED = True
    settings.SCIM_PROVIDER_ID = PROVIDER_ID
    company.add_person("sam", IDP_PASSWORD, ["jd-managers"])  # the claim: ignored with SCIM
    # The provider's subject id for sam (its last line: Django's shell may say more before).
    sub = company.run(
        "from django.contrib.auth.models import User\nprint(User.objects.get(username='sam').pk)"
    ).splitlines()[-1]
    directory = ScimClient(make_scim_token())
    person = directory.post(
        "/Users", {"userName": "sam@example.com", "externalId": sub, "active": True}
    ).json()
    DirectoryGroupMapping.objects.create(
        provider_id=PROVIDER_ID, value="JD Builder staff", group=Group.objects.get(name="HR staff")
    )
    directory.post(
        "/Groups", {"displayName": "JD Builder staff", "members": [{"value": person["id"]}]}
    )
    made = User.objects.get(directory_identity__scim_id=person["id"])

    sign_in_with_the_company(page, live_server, "sam")
    page.wait_for_url(f"{live_server.url}/")

    expect(page.get_by_role("link", name="All drafts")).to_have_count(0)  # not HR managers
    assert User.objects.get(socialaccount__provider=PROVIDER_ID) == made
    assert set(made.groups.values_list("name", flat=True)) == {"HR staff"}

    disable = {"Operations": [{"op": "Replace", "path": "active", "value": "False"}]}
    assert directory.patch(f"/Users/{person['id']}", disable).status_code == 200
    page.goto(f"{live_server.url}/")
    page.wait_for_url(f"{live_server.url}/accounts/login/**")


def test_an_identity_tied_to_a_service_account_signs_nobody_in(page, live_server, company):
    """A service account never signs in, also through an identity tied to it (linked before it
    became one): refused before its groups are touched. (SAML: tests/api/test_service_tokens.py.)"""
    company.add_person("svc", IDP_PASSWORD, ["jd-managers"])
    account = make_service_account("svc")
    SocialAccount.objects.create(user=account, provider=PROVIDER_ID, uid=company.sub_of("svc"))
    sign_in_with_the_company(page, live_server, "svc")
    expect(page.get_by_role("heading", name="A service account does not sign in")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    assert not account.groups.exists()
    refused = SecurityEvent.objects.get(kind="service_account_signin_refused")
    assert refused.user == account and refused.detail == {"how": "company sign-in"}
