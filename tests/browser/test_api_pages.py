"""The API's pages in a real browser: a person makes a token on their account page (shown once)
and revokes it; Swagger UI draws the API's operations under the content-security policy."""

import re

from playwright.sync_api import expect

from tests.helpers.browser import LIVE_DB, axe_violations, content_security_policy_reports, sign_in
from tests.helpers.data import make_user

pytestmark = LIVE_DB


def test_make_a_token_shown_once_then_revoke_it(page, live_server, db):
    make_user("alice")
    csp_reports = content_security_policy_reports(page)
    sign_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/accounts/2fa/")
    page.get_by_role("link", name="Your API tokens").click()
    expect(page.get_by_role("heading", name="API tokens", exact=True)).to_be_visible()
    page.get_by_label("What it is for").fill("Greenhouse sync")
    page.get_by_label("Read role templates, levels and your drafts").check()
    page.get_by_role("button", name="Make a token").click()
    token = page.get_by_label("Your new token").input_value()
    assert re.fullmatch(r"jdb_pat_[A-Za-z0-9_-]{43}", token)
    assert axe_violations(page) == []
    page.reload()
    expect(page.get_by_label("Your new token")).to_have_count(0)
    page.get_by_role("button", name="Revoke “Greenhouse sync”").click()
    expect(page.get_by_text("is revoked")).to_be_visible()
    assert csp_reports == []


def test_swagger_ui_draws_the_operations_under_the_csp(page, live_server, db):
    csp_reports = content_security_policy_reports(page)
    page.goto(f"{live_server.url}/api/v1/docs/")
    # GET, PATCH and DELETE each draw the path: the first will do.
    expect(page.get_by_text("/api/v1/drafts/{id}/", exact=True).first).to_be_visible()
    expect(page.get_by_text("/api/v1/templates/", exact=True)).to_be_visible()
    assert csp_reports == []
