"""A security key (WebAuthn) in a real browser, through Chromium's virtual authenticator (the
DevTools protocol's WebAuthn domain stands in for a key plugged into the machine): a staff member
adds one as the second factor they must have, signs in with it, and a key the site does not know
is refused; without JavaScript the page says to use an authenticator app instead."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from roles.models import SecurityEvent
from tests.helpers.browser import (
    LIVE_DB,
    axe_violations,
    content_security_policy_reports,
    sign_in_with_password,
    sign_out,
)
from tests.helpers.data import PASSWORD, make_user

pytestmark = LIVE_DB


@pytest.fixture
def staff(db):
    return make_user("sam", is_staff=True)


class VirtualSecurityKey:
    """A security key in Chromium's virtual authenticator: present, and touched whenever asked."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("WebAuthn.enable", {"enableUI": False})
        self.plug_in()

    def plug_in(self) -> None:
        options = {
            "protocol": "ctap2",
            "transport": "usb",
            "hasResidentKey": True,
            "hasUserVerification": True,
            "isUserVerified": True,
            "automaticPresenceSimulation": True,
        }
        self.id = self.cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})[
            "authenticatorId"
        ]

    def replace_with_another(self) -> None:
        """Unplugs this key and plugs in a new one, which holds no credential for the site."""
        self.cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": self.id})
        self.plug_in()

    def credentials(self) -> list[dict]:
        return self.cdp.send("WebAuthn.getCredentials", {"authenticatorId": self.id})["credentials"]


def signed_in_as(page, username: str) -> None:
    expect(page.get_by_role("navigation", name="Main")).to_contain_text(f"Signed in as {username}")


def test_a_security_key_is_the_second_factor_staff_sign_in_with(page, live_server, staff, shoot):
    csp_reports = content_security_policy_reports(page)
    key = VirtualSecurityKey(page)
    sign_in_with_password(page, live_server, "sam")
    # Staff are sent to add a second factor; a security key is one of the two offered.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/\?next="))
    shoot(page, "second-factor-choice")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Add a security key").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Add a security key")).to_be_visible()
    # JavaScript is on: the button shows and the no-JavaScript note does not.
    expect(page.get_by_text("needs JavaScript")).to_be_hidden()
    shoot(page, "security-key-add")
    assert axe_violations(page) == []
    page.get_by_label("Name of the key").fill("Desk key")
    page.get_by_role("button", name="Add security key").click()
    # The first factor comes with recovery codes, for the day the key is lost.
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    [credential] = key.credentials()
    stored = Authenticator.objects.get(user=staff, type=Authenticator.Type.WEBAUTHN)
    assert stored.wrap().name == "Desk key"
    assert SecurityEvent.objects.filter(
        kind="factor_added", user=staff, detail__factor="webauthn"
    ).exists()
    # The key meets the staff requirement: the app opens.
    page.goto(f"{live_server.url}/")
    signed_in_as(page, "sam")
    page.goto(f"{live_server.url}/accounts/2fa/")
    expect(page.get_by_text("You have added 1 key.")).to_be_visible()
    page.get_by_role("link", name="Manage your keys").click()
    expect(page.get_by_role("cell", name="Desk key", exact=True)).to_be_visible()
    shoot(page, "security-key-list")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Rename Desk key").click()
    assert axe_violations(page) == []
    page.get_by_label("Name of the key").fill("Blue key")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Blue key", exact=True)).to_be_visible()
    sign_out(page)

    # The password alone leads to the second step, where the key signs in.
    sign_in_with_password(page, live_server, "sam")
    expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    shoot(page, "security-key-sign-in")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Use a security key").click()
    signed_in_as(page, "sam")
    assert key.credentials()[0]["signCount"] > credential["signCount"]  # the key was used
    stored.refresh_from_db()
    assert stored.last_used_at is not None
    # The key also confirms who it is before a change to the second factor.
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/reauthenticate/?next=/accounts/2fa/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Use a security key").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/")
    sign_out(page)

    # Another key, which the site never registered, is refused: the page says so, and the
    # person is not signed in.
    key.replace_with_another()
    sign_in_with_password(page, live_server, "sam")
    page.get_by_role("button", name="Use a security key").click()
    expect(page.get_by_role("alert")).to_contain_text("Your security key was not accepted")
    expect(page.get_by_role("navigation", name="Main")).not_to_contain_text("Signed in as")
    assert csp_reports == []


def test_without_javascript_the_page_says_a_security_key_needs_it(
    browser, live_server, alice, shoot
):
    viewport = {"width": 1280, "height": 900}
    context = browser.new_context(java_script_enabled=False, viewport=viewport)
    auditor = browser.new_context(viewport=viewport).new_page()
    page = context.new_page()
    sign_in_with_password(page, live_server, "alice")
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Add a security key")).to_be_visible()
    expect(page.get_by_text("Adding a security key needs JavaScript")).to_be_visible()
    shoot(page, "security-key-add-without-javascript")
    # No button that would do nothing; the way that works without JavaScript instead.
    expect(page.get_by_role("button", name="Add security key")).to_be_hidden()
    expect(page.get_by_label("Name of the key")).to_be_hidden()
    page.get_by_role("link", name="add an authenticator app").click()
    expect(page.get_by_role("heading", name="Add an authenticator app")).to_be_visible()
    page.go_back()
    assert axe_violations(page, auditor=auditor) == []
    context.close()
    auditor.context.close()
