"""The guidance panel in a real browser: live as the person types, after saving without
JavaScript, "keep as written" and back when the text changes, and accessible with findings shown."""

import time

import pytest
from playwright.sync_api import expect

from roles.models import JobDescription
from tests.helpers.browser import LIVE_DB, axe_violations
from tests.helpers.data import director_template, make_draft

pytestmark = LIVE_DB


def test_typing_a_coded_word_shows_its_finding_without_a_reload(
    signed_in, live_server, hr_user, shoot
):
    page = signed_in
    draft = make_draft(hr_user, template=director_template())
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    panel = page.locator("#guidance-panel")
    expect(panel.locator("#guidance-count")).to_have_text("No open suggestions")
    page.evaluate("window.sameDocument = true")
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/guidance/" in r.url else None)

    summary = page.locator("#id_summary")
    summary.click()
    summary.press("End")
    started = time.monotonic()
    summary.type(" We want an aggressive operator.", delay=40)
    typed = time.monotonic()
    expect(panel.get_by_text("Summary: “aggressive” is masculine-coded")).to_be_visible(
        timeout=2000
    )
    assert time.monotonic() - typed < 2
    # Debounced: a burst of typing is about one request a second at most, not one a key.
    assert 1 <= len(requests) <= (typed - started) + 1
    assert page.evaluate("window.sameDocument") is True
    # The navigator counts it under the section, and nothing was saved.
    expect(page.locator("#section-nav").get_by_role("link", name="Summary")).to_contain_text("1")
    assert JobDescription.objects.get(pk=draft.pk).version == draft.version
    shoot(page, "guidance-1440")

    # "Go to the text" moves focus to the field.
    page.get_by_role("link", name="Go to the text").first.click()
    expect(summary).to_be_focused()
    assert axe_violations(page) == []

    # Keep it as written: it moves to "kept", and comes back when its text changes.
    panel.get_by_role("button", name="Keep as written").nth(1).click()
    expect(panel.get_by_text("1 kept as written")).to_be_visible()
    expect(panel.locator("#guidance-count")).to_have_text("1 suggestion")
    summary.press("End")
    summary.type(" Truly.", delay=40)
    expect(panel.get_by_text("kept as written")).to_be_hidden(timeout=2000)
    expect(panel.get_by_text("Summary: “aggressive” is masculine-coded")).to_be_visible()


def test_narrow_screens_show_the_panel_above_the_lists(signed_in, live_server, hr_user, shoot):
    page = signed_in
    draft = make_draft(hr_user, summary="Hire rockstar operators.")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    panel_top = page.locator("#guidance-panel").bounding_box()["y"]
    lists_top = page.locator("#responsibilities").bounding_box()["y"]
    assert panel_top < lists_top
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "guidance-390")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_without_javascript_the_panel_follows_each_save(signed_in, live_server, hr_user, shoot):
    page = signed_in
    draft = make_draft(hr_user, template=director_template())
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    expect(page.locator("#guidance-count")).to_have_text("No open suggestions")
    # One VP phrase in one responsibility is no longer evidence (issue #25); a title that names
    # another level is.
    page.locator("#id_title").fill("VP of Operations")
    page.get_by_role("button", name="Save draft").click()
    panel = page.locator("#guidance-panel")
    expect(panel).to_contain_text("The title “VP of Operations” names a Vice President")
    shoot(page, "guidance-no-js")
    panel.get_by_role("button", name="Keep as written").first.click()
    expect(page.locator("#guidance-panel")).to_contain_text("1 kept as written")
    assert JobDescription.objects.get(pk=draft.pk).open_findings == 0
