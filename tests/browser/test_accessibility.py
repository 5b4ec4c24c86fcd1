"""axe-core on every page of the app, signed out and in, including the editor with errors shown."""

import pytest
from django.contrib.auth.models import Group

from tests.helpers.browser import LIVE_DB, axe_violations, sign_in
from tests.helpers.data import make_draft
from tests.helpers.idp import provider_settings_at

pytestmark = LIVE_DB


def test_signed_out_pages(page, live_server, shoot):
    page.goto(f"{live_server.url}/accounts/login/")
    shoot(page, "sign-in")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign in").click()  # empty form: errors shown
    shoot(page, "sign-in-errors")
    assert axe_violations(page) == []


def test_password_reset_and_the_sign_in_page_with_local_sign_in_off(
    page, live_server, settings, shoot
):
    page.goto(f"{live_server.url}/accounts/password/reset/")
    assert axe_violations(page) == []
    page.get_by_label("Email").fill("nobody@example.com")
    page.get_by_role("button", name="Reset My Password").click()
    page.wait_for_url("**/accounts/password/reset/done/")
    assert page.get_by_role("heading", name="Check your e-mail").is_visible()
    shoot(page, "password-reset-sent")
    assert axe_violations(page) == []

    settings.LOCAL_SIGNIN = False
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings_at("https://idp.example.com")
    page.goto(f"{live_server.url}/accounts/login/")
    shoot(page, "sign-in-local-off")
    assert axe_violations(page) == []
    page.get_by_text("Emergency access for IT").click()  # unfolds, without script
    shoot(page, "sign-in-break-glass")
    assert axe_violations(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_signed_in_pages(browser, live_server, hr_user, shoot, javascript):
    viewport = {"width": 1280, "height": 900}
    context = browser.new_context(java_script_enabled=javascript, viewport=viewport)
    auditor = None if javascript else browser.new_context(viewport=viewport).new_page()
    page = context.new_page()
    blocked = []  # anything the Content-Security-Policy refused on these pages
    page.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )

    def check(name: str) -> None:
        shoot(page, name)
        violations = axe_violations(page, auditor=auditor)
        assert violations == [], f"{name}: {violations}"

    Group.objects.get(name="HR managers").user_set.add(hr_user)  # shows "All drafts" too
    sign_in(page, live_server, hr_user.username)
    check("compare")
    page.goto(f"{live_server.url}/drafts/")
    check("drafts-empty")

    draft = make_draft(hr_user, company="Northwind", salary_min=150_000, salary_max=190_000)
    page.goto(f"{live_server.url}/drafts/")
    check("drafts")
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    check("editor")
    page.locator("#id_title").fill("")
    page.locator("#id_responsibilities-0-text").fill("")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_selector("#error-summary")
    check("editor-errors")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/preview/")
    check("preview")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/review/")
    check("review")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/share/")
    check("share-links-empty")
    page.get_by_role("button", name="Make a link").click()
    page.wait_for_selector("tr[id^=link-]")
    check("share-links")
    page.goto(page.locator("#share-link-new").input_value())  # shown once, when made
    check("shared-document")
    page.goto(f"{live_server.url}/exports/")
    check("exports-empty")
    page.goto(f"{live_server.url}/compare/")
    check("compare-any")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/changes/")
    check("what-changed")
    page.goto(f"{live_server.url}/guide/")
    check("level-guide")
    for question in page.locator("fieldset").all():
        question.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Recommend a level").click()
    page.wait_for_selector("#guide-result")
    check("level-guide-result")
    page.goto(f"{live_server.url}/drafts/")
    page.get_by_label(f"Select {draft.title} for export").check()
    page.get_by_role("button", name="Export selected as one ZIP").click()
    page.wait_for_url("**/exports/*/")
    check("export-progress")
    page.goto(f"{live_server.url}/exports/")
    check("exports")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/delete/")
    check("delete")
    page.get_by_role("button", name="Delete draft").click()
    page.goto(f"{live_server.url}/drafts/trash/")
    check("trash")
    page.goto(f"{live_server.url}/drafts/all/")
    check("all-drafts")
    assert blocked == []
    context.close()
