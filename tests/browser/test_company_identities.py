"""Who is who at a company sign-in, against the real OpenID Connect provider (tests/idp): the
account is found by the provider's immutable id (``sub``, or the claim a provider's
``uid_claim`` names), never by e-mail; a company sign-in configured in the admin works as one from
the environment; someone signed in connects their company identity once."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from roles.models import DirectoryGroupMapping, SecurityEvent
from roles.services.identities import LINKED_BY_ADMIN, company_identity_link
from tests.helpers.browser import LIVE_DB, axe_violations, sign_in
from tests.helpers.data import make_user
from tests.helpers.idp import (
    PROVIDER_ID,
    configured_in_the_admin,
    provider_settings,
    start_identity_provider,
)

pytestmark = LIVE_DB
IDP_PASSWORD = "provider password 1234"
#: A second company sign-in, configured in the admin, against the same provider.
PARTNER = "partner"
#: An Entra ID object id, as the provider's extra claim sends it.
OBJECT_ID = "3f2a1c9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b"


def callback(live_server, provider_id: str) -> str:
    return f"{live_server.url}/accounts/oidc/{provider_id}/login/callback/"


@pytest.fixture(scope="module")
def identity_provider(live_server, tmp_path_factory):
    provider = start_identity_provider(
        redirect_uri=callback(live_server, PROVIDER_ID), folder=tmp_path_factory.mktemp("idp")
    )
    provider.allow_redirect_uri(callback(live_server, PARTNER))
    yield provider
    provider.stop()


def map_staff(provider_id: str, value: str = "jd-staff") -> None:
    DirectoryGroupMapping.objects.create(
        provider_id=provider_id, value=value, group=Group.objects.get(name="HR staff")
    )


@pytest.fixture
def company(identity_provider, settings, db):
    """The company sign-in from the environment, matching accounts by ``sub``."""
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(identity_provider)
    map_staff(PROVIDER_ID)
    return identity_provider


@pytest.fixture
def entra_like(identity_provider, settings, db):
    """The company sign-in from the environment, matching accounts by ``oid`` (Entra ID's)."""
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(identity_provider, uid_claim="oid")
    map_staff(PROVIDER_ID)
    return identity_provider


def sign_in_with(page, live_server, username: str, button: str = "Example Corp") -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name=f"Sign in with {button}").click()
    sign_in_at_the_provider_if_asked(page, username)


def sign_in_at_the_provider_if_asked(page, username: str) -> None:
    page.wait_for_load_state()
    if page.url.startswith("http://127.0.0.1"):  # the provider asks who it is, once
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(IDP_PASSWORD)
        page.get_by_role("button", name="Sign In").click()


def refusal(kind: str = "sign_in_failed") -> SecurityEvent:
    return SecurityEvent.objects.get(kind=kind)


# The immutable id


def test_the_account_is_matched_by_the_claim_the_provider_names(page, live_server, entra_like):
    entra_like.add_person("nia", IDP_PASSWORD, ["jd-staff"])
    with entra_like.issuing_id_tokens_with(oid=OBJECT_ID):
        sign_in_with(page, live_server, "nia")
        page.wait_for_url(f"{live_server.url}/")
    account = SocialAccount.objects.get(provider=PROVIDER_ID)
    assert account.uid == OBJECT_ID
    assert account.uid != entra_like.sub_of("nia")


def test_a_response_without_the_immutable_id_is_refused(page, live_server, entra_like):
    entra_like.add_person("omar", IDP_PASSWORD, ["jd-staff"])
    sign_in_with(page, live_server, "omar")  # the ID token has sub, email, but no oid
    expect(page.get_by_role("heading", name="Third-Party Login Failure")).to_be_visible()
    assert not User.objects.filter(socialaccount__provider=PROVIDER_ID).exists()
    assert "the ID token has no 'oid' claim" in refusal().detail["reason"]


def test_a_userinfo_about_someone_else_than_the_id_token_is_refused(page, live_server, company):
    company.add_person("pia", IDP_PASSWORD, ["jd-staff"])
    with company.issuing_id_tokens_with(sub="someone-else"):
        sign_in_with(page, live_server, "pia")
        expect(page.get_by_role("heading", name="Third-Party Login Failure")).to_be_visible()
    assert not User.objects.filter(socialaccount__provider=PROVIDER_ID).exists()
    assert "the userinfo's 'sub' is not the ID token's" in refusal().detail["reason"]


# A company sign-in configured in the admin


@pytest.fixture
def partner_only(identity_provider, settings, db):
    """No company sign-in in the environment; one added in the admin."""
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}}
    return identity_provider


def test_a_sign_in_configured_in_the_admin_reads_its_own_groups_claim(
    page, live_server, partner_only
):
    configured_in_the_admin(
        partner_only, provider_id=PARTNER, name="Partner Corp", groups_claim="app_roles"
    )
    map_staff(PARTNER, "JD.Staff")
    # Its groups claim says nothing mapped; the claim the provider's settings name does.
    partner_only.add_person("quin", IDP_PASSWORD, ["unrelated-group"])
    with partner_only.issuing_id_tokens_with(app_roles=["JD.Staff"]):
        sign_in_with(page, live_server, "quin", button="Partner Corp")
        page.wait_for_url(f"{live_server.url}/")
    person = User.objects.get(socialaccount__provider=PARTNER)
    assert set(person.groups.values_list("name", flat=True)) == {"HR staff"}
    assert person.socialaccount_set.get().uid == partner_only.sub_of("quin")


def test_a_sign_in_configured_in_the_admin_checks_the_signature_always(
    page, live_server, partner_only
):
    configured_in_the_admin(partner_only, provider_id=PARTNER, name="Partner Corp")
    map_staff(PARTNER)
    partner_only.add_person("ravi", IDP_PASSWORD, ["jd-staff"])
    with partner_only.signing_with_an_unpublished_key():
        sign_in_with(page, live_server, "ravi", button="Partner Corp")
        expect(page.get_by_role("heading", name="Third-Party Login Failure")).to_be_visible()
    assert not User.objects.filter(socialaccount__provider=PARTNER).exists()
    assert "Invalid 'kid'" in refusal().detail["reason"]


def test_a_sign_in_configured_in_the_admin_without_pkce_is_refused(page, live_server, partner_only):
    # Set past the admin's form (which refuses it), as a database edit would.
    configured_in_the_admin(
        partner_only, provider_id=PARTNER, name="Partner Corp", oauth_pkce_enabled=False
    )
    map_staff(PARTNER)
    partner_only.add_person("sam", IDP_PASSWORD, ["jd-staff"])
    sign_in_with(page, live_server, "sam", button="Partner Corp")
    expect(page.get_by_role("heading", name="Third-Party Login Failure")).to_be_visible()
    assert not User.objects.filter(socialaccount__provider=PARTNER).exists()
    assert "the sign-in began without PKCE" in refusal().detail["reason"]


def test_a_second_provider_asserting_a_linked_persons_email_does_not_reach_them(
    page, live_server, company
):
    alice = make_user("alice", email="alice@example.com")
    company_identity_link(
        user=alice, provider_id=PROVIDER_ID, uid="alice-at-company", how=LINKED_BY_ADMIN
    )
    configured_in_the_admin(company, provider_id=PARTNER, name="Partner Corp")
    map_staff(PARTNER)
    company.add_person("alice.partner", IDP_PASSWORD, ["jd-staff"])
    company.add_verified_email("alice.partner", "alice@example.com")
    sign_in_with(page, live_server, "alice.partner", button="Partner Corp")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text(
        "Signed in as alice.partner"
    )
    assert list(alice.socialaccount_set.values_list("provider", flat=True)) == [PROVIDER_ID]
    assert User.objects.get(socialaccount__provider=PARTNER).pk != alice.pk


def test_an_account_an_administrator_linked_is_the_one_signed_in(page, live_server, company):
    max_ = make_user("max")
    company.add_person("max.at.company", IDP_PASSWORD, ["jd-staff"])
    company_identity_link(
        user=max_,
        provider_id=PROVIDER_ID,
        uid=company.sub_of("max.at.company"),
        how=LINKED_BY_ADMIN,
    )
    sign_in_with(page, live_server, "max.at.company")
    page.wait_for_url(f"{live_server.url}/")
    main = page.get_by_role("navigation", name="Main")
    expect(main).to_contain_text("Signed in as max")
    expect(main).not_to_contain_text("max.at.company")
    assert User.objects.filter(socialaccount__provider=PROVIDER_ID).get() == max_
    assert set(max_.groups.values_list("name", flat=True)) == {"HR staff"}


# Connecting one's own company identity


def connect_company_identity(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/3rdparty/")
    page.get_by_role("link", name="Connect Example Corp").click()
    page.get_by_role("button", name="Continue").click()
    sign_in_at_the_provider_if_asked(page, username)
    page.wait_for_url(f"{live_server.url}/accounts/3rdparty/")


def test_someone_signed_in_connects_their_company_identity_once(page, live_server, company, shoot):
    lee = make_user("lee", email="lee@example.com")
    company.add_person("lee.at.company", IDP_PASSWORD, ["jd-staff"])
    sign_in(page, live_server, "lee")
    connect_company_identity(page, live_server, "lee.at.company")
    shoot(page, "connected")
    assert axe_violations(page) == []
    account = SocialAccount.objects.get(user=lee)
    assert (account.provider, account.uid) == (PROVIDER_ID, company.sub_of("lee.at.company"))
    linked = SecurityEvent.objects.get(kind="identity_linked")
    assert linked.user == lee and linked.detail["how"] == "self"

    expect(page.get_by_text("Your company identity is connected")).to_be_visible()
    expect(page.get_by_text("It stays linked to this account")).to_be_visible()
    assert not page.get_by_role("button", name="Remove").count()

    # The company sign-in now leads to their own account.
    page.get_by_role("button", name="Sign out").click()
    sign_in_with(page, live_server, "lee.at.company")
    page.wait_for_url(f"{live_server.url}/")
    main = page.get_by_role("navigation", name="Main")
    expect(main).to_contain_text("Signed in as lee")
    expect(main).not_to_contain_text("lee.at.company")
    assert User.objects.get(socialaccount__provider=PROVIDER_ID) == lee
    # And from now on the directory keeps their HR groups.
    assert set(lee.groups.values_list("name", flat=True)) == {"HR staff"}


def test_an_identity_linked_to_someone_else_is_not_connected(page, live_server, company):
    kim = make_user("kim")
    company.add_person("kim.at.company", IDP_PASSWORD, ["jd-staff"])
    company_identity_link(
        user=kim,
        provider_id=PROVIDER_ID,
        uid=company.sub_of("kim.at.company"),
        how=LINKED_BY_ADMIN,
    )
    mallory = make_user("mallory")
    sign_in(page, live_server, "mallory")
    connect_company_identity(page, live_server, "kim.at.company")
    expect(page.get_by_text("linked to another account: ask your administrator")).to_be_visible()
    expect(page.get_by_text("kim")).to_have_count(0)  # whose it is, the page does not say
    assert not SocialAccount.objects.filter(user=mallory).exists()
    refused = refusal("identity_link_refused")
    assert refused.user == mallory and "linked to another account (kim)" in refused.detail["reason"]


def test_someone_linked_already_does_not_connect_another_identity(page, live_server, company):
    lou = make_user("lou")
    company_identity_link(user=lou, provider_id=PROVIDER_ID, uid="lou-old", how=LINKED_BY_ADMIN)
    company.add_person("lou.new", IDP_PASSWORD, ["jd-staff"])
    sign_in(page, live_server, "lou")
    page.goto(f"{live_server.url}/accounts/3rdparty/")
    expect(page.get_by_role("link", name="Connect Example Corp")).to_have_count(0)
    # Asked for all the same, at the address the page would have linked to.
    page.goto(f"{live_server.url}/accounts/oidc/{PROVIDER_ID}/login/?process=connect")
    page.get_by_role("button", name="Continue").click()
    sign_in_at_the_provider_if_asked(page, "lou.new")
    page.wait_for_url(f"{live_server.url}/accounts/3rdparty/")
    expect(page.get_by_text("an administrator unlinks that one first")).to_be_visible()
    assert list(SocialAccount.objects.filter(user=lou).values_list("uid", flat=True)) == ["lou-old"]
    reason = refusal("identity_link_refused").detail["reason"]
    assert "lou is linked to another company identity (lou-old)" in reason
