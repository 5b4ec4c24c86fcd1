"""A second factor in a real browser: a staff member signing in with a password is sent to add a
second factor, adds an authenticator app, then signs in with its code; a code is good once, a
recovery code too. (A security key: test_security_key_flow.py.)"""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import (
    LIVE_DB,
    axe_violations,
    content_security_policy_reports,
    sign_in,
    sign_in_with_password,
    sign_out,
)
from tests.helpers.data import PASSWORD, make_user
from tests.helpers.totp import totp_code

pytestmark = LIVE_DB
PERIOD = 30


@pytest.fixture
def staff(db):
    return make_user("sam", is_staff=True)


def enter_code(page, code: str) -> None:
    expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign in").click()


def wait_for_a_fresh_period(least_left: float = 20) -> None:
    # The replay check below must reuse a code inside the period it was made for: a code from
    # an earlier period is refused anyway, and would let the test pass for the wrong reason.
    left = PERIOD - time.time() % PERIOD
    if left < least_left:
        time.sleep(left + 0.5)


def test_enrol_then_sign_in_with_the_code_once_and_a_recovery_code_once(
    page, live_server, staff, shoot
):
    csp_reports = content_security_policy_reports(page)
    sign_in_with_password(page, live_server, "sam")
    # Sent to the second-factor page, which offers an app or a security key...
    expect(page).to_have_url(re.compile(r"/accounts/2fa/\?next=%2F$"))
    expect(page.get_by_text("This account needs a second factor")).to_be_visible()
    page.get_by_role("link", name="Add an authenticator app").click()
    # ...and adding one asks for the password again first.
    expect(page).to_have_url(
        re.compile(r"/accounts/reauthenticate/\?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F")
    )
    assert axe_violations(page) == []
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Add an authenticator app")).to_be_visible()
    shoot(page, "second-factor-enrol")
    assert axe_violations(page) == []
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    shoot(page, "second-factor-recovery-codes")
    assert axe_violations(page) == []
    recovery_codes = page.locator("#recovery_codes").input_value().split()
    assert len(recovery_codes) == 10
    sign_out(page)

    # The password alone leads to the code, not in.
    wait_for_a_fresh_period()
    period = int(time.time() // PERIOD)
    code = totp_code(secret)
    sign_in_with_password(page, live_server, "sam")
    shoot(page, "second-factor-code")
    assert axe_violations(page) == []
    enter_code(page, code)
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Signed in as sam")
    sign_out(page)

    # The same code again, within its own period, is refused.
    sign_in_with_password(page, live_server, "sam")
    enter_code(page, code)
    expect(page.get_by_text("Incorrect code.")).to_be_visible()
    assert int(time.time() // PERIOD) == period, "the period ended: the replay was not tested"
    expect(page.get_by_role("navigation", name="Main")).not_to_contain_text("Signed in as")

    # A recovery code signs in once...
    enter_code(page, recovery_codes[0])
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Signed in as sam")
    sign_out(page)
    # ...and not twice.
    sign_in_with_password(page, live_server, "sam")
    enter_code(page, recovery_codes[0])
    expect(page.get_by_text("Incorrect code.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).not_to_contain_text("Signed in as")
    assert csp_reports == []


def test_the_account_pages_pass_axe(page, live_server, alice, shoot):
    sign_in(page, live_server, "alice")
    for path, heading, name in [
        ("/accounts/2fa/", "Second factor", "second-factor"),
        ("/accounts/sessions/", "Sessions", "sessions"),
        ("/accounts/password/change/", "Change Password", "password-change"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        shoot(page, name)
        assert axe_violations(page) == [], path
