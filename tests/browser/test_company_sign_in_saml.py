"""Signing in with the company's identity provider over SAML 2.0, in a real browser, through a
real SAML identity provider in a second process (tests/idp_saml): "Sign in with <company>",
the provider's own sign-in page, and back on the start page in the mapped HR group."""

import urllib.request

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from roles.models import DirectoryGroupMapping
from tests.helpers.browser import LIVE_DB, axe_violations
from tests.helpers.saml_idp import GROUPS, PROVIDER_ID, saml_provider_settings

pytestmark = LIVE_DB
IDP_PASSWORD = "provider password 1234"


@pytest.fixture
def company(saml_idp, live_server, settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = saml_provider_settings(saml_idp)
    settings.SAML_GROUPS_ATTRIBUTE = GROUPS
    metadata_url = f"{live_server.url}/accounts/saml/{PROVIDER_ID}/metadata/"
    with urllib.request.urlopen(metadata_url, timeout=30) as metadata:
        saml_idp.register_service_provider(metadata.read().decode())
    DirectoryGroupMapping.objects.create(
        provider_id=PROVIDER_ID, value="jd-managers", group=Group.objects.get(name="HR managers")
    )
    return saml_idp


def test_signing_in_over_saml_lands_on_the_start_page_in_the_mapped_group(
    page, live_server, company, shoot
):
    company.add_person("pat", IDP_PASSWORD, ["jd-managers", "unrelated-group"])
    page.goto(f"{live_server.url}/accounts/login/")
    shoot(page, "sign-in-with-company-saml")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign in with Example Corp").click()
    # The provider's own page, on its own origin.
    page.wait_for_url(f"{company.url}/sso?*")
    page.get_by_label("Username").fill("pat")
    page.get_by_label("Password").fill(IDP_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="All drafts")).to_be_visible()  # HR managers only
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Signed in as")
    person = User.objects.get(socialaccount__provider=PROVIDER_ID)
    assert set(person.groups.values_list("name", flat=True)) == {"HR managers"}
    assert not person.is_staff and not person.is_superuser
