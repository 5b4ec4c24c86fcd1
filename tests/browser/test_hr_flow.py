"""What HR staff do, in a real browser, with JavaScript on and off."""

import re

import pytest
from playwright.sync_api import expect

from roles.models import JobDescription
from tests.helpers.browser import LIVE_DB, sign_in
from tests.helpers.data import make_draft, make_user
from tests.helpers.pdfs import assert_in_order, pdf_text

pytestmark = LIVE_DB


def test_sign_in_compare_and_start_a_director_draft(page, live_server, hr_user, shoot):
    page.goto(f"{live_server.url}/drafts/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/drafts/"))
    shoot(page, "sign-in")
    sign_in(page, live_server, hr_user.username)

    # The library, and the two levels compared field by field.
    expect(page.get_by_role("heading", name="Director of Operations", exact=True)).to_be_visible()
    fields = page.get_by_role("region", name="Fields that differ, side by side")
    expect(fields.get_by_role("columnheader", name="VP of Operations")).to_be_visible()
    expect(fields.get_by_role("columnheader", name="Director of Operations")).to_be_visible()
    expect(fields.get_by_role("row", name=re.compile("^Reports to"))).to_contain_text(
        "VP of Operations"
    )
    shoot(page, "compare")

    page.get_by_role("button", name="Start a draft for Director of Operations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Director of Operations")
    draft = JobDescription.objects.get(owner=hr_user)
    assert draft.level_id == "director"
    expect(page).to_have_url(f"{live_server.url}{draft.get_absolute_url()}")
    shoot(page, "editor")


def test_edit_lists_with_javascript_without_a_page_reload(signed_in, live_server, hr_user, shoot):
    page = signed_in
    draft = make_draft(hr_user)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.evaluate("window.sameDocument = true")

    # Add a KPI: htmx appends a row and focuses it.
    page.get_by_role("button", name="+ Add KPI").click()
    new_kpi = page.locator("#row-kpis-9")
    expect(new_kpi).to_be_visible()
    expect(page.locator("#id_kpis-9-name")).to_be_focused()
    page.locator("#id_kpis-9-name").fill("Inventory turns")
    page.locator("#id_kpis-9-measure").fill("Cost of goods sold ÷ average inventory")
    page.locator("#id_kpis-9-target").fill("≥ 8 a year")
    page.locator("#id_kpis-9-cadence").select_option("quarterly")
    # …and move it to the top of the KPI list.
    for _ in range(9):
        new_kpi.get_by_role("button", name="Move up").click()
    expect(page.locator("#kpis-rows > li").first).to_have_id("row-kpis-9")

    # Edit, remove and reorder responsibilities.
    page.locator("#id_responsibilities-0-text").fill(
        "Own the operations strategy for all 14 sites."
    )
    page.locator("label[for=id_responsibilities-1-DELETE]").click()
    expect(page.locator("#row-responsibilities-1 .item-removed-note")).to_be_visible()
    last = page.locator("#row-responsibilities-11")
    last_text = page.locator("#id_responsibilities-11-text").input_value()
    for _ in range(11):
        last.get_by_role("button", name="Move up").click()
    expect(page.locator("#responsibilities-rows > li").first).to_have_id("row-responsibilities-11")
    expect(page.locator("#editor-status")).to_contain_text("Moved to position 1 of 12")
    assert page.evaluate("window.sameDocument") is True
    shoot(page, "edited")

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".alert-success")).to_have_text("Draft saved.")
    texts = list(draft.responsibilities.values_list("text", flat=True))
    assert len(texts) == 11
    assert texts[0] == last_text
    assert texts[1] == "Own the operations strategy for all 14 sites."
    assert draft.kpis.first().name == "Inventory turns"
    assert draft.kpis.count() == 10
    shoot(page, "saved")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_edit_lists_without_javascript(signed_in, live_server, hr_user, shoot):
    page = signed_in
    draft = make_draft(hr_user)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    expect(page.get_by_role("button", name="Move up").first).to_be_hidden()

    # "Add" saves what is on the page and comes back with a blank row.
    page.locator("#id_company").fill("Northwind Logistics")
    page.get_by_role("button", name="+ Add KPI").click()
    expect(page).to_have_url(re.compile(r"\?add=kpis#row-kpis-9$"))
    page.locator("#id_kpis-9-name").fill("Inventory turns")
    page.locator("#id_kpis-9-measure").fill("Cost of goods sold ÷ average inventory")
    page.locator("#id_kpis-9-target").fill("≥ 8 a year")
    page.get_by_role("button", name="+ Add responsibility").click()
    page.locator("#id_responsibilities-12-text").fill("Open two distribution centres by Q4.")
    # Edit one responsibility, reorder by position numbers, remove with the toggle.
    page.locator("#id_responsibilities-0-text").fill("Own the operations strategy for all sites.")
    page.locator("#id_responsibilities-12-ORDER").fill("0")
    page.locator("label[for=id_kpis-0-DELETE]").click()
    page.locator("label[for=id_responsibilities-5-DELETE]").click()
    shoot(page, "edited")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".alert-success")).to_have_text("Draft saved.")

    draft.refresh_from_db()
    texts = list(draft.responsibilities.values_list("text", flat=True))
    assert draft.company == "Northwind Logistics"
    assert texts[:2] == [
        "Open two distribution centres by Q4.",
        "Own the operations strategy for all sites.",
    ]
    assert len(texts) == 12
    assert draft.kpis.last().name == "Inventory turns"
    assert "Operating margin" not in draft.kpis.values_list("name", flat=True)


def test_errors_are_shown_and_linked_to_their_fields(signed_in, live_server, hr_user, shoot):
    page = signed_in
    draft = make_draft(hr_user)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.locator("#id_title").fill("")
    page.locator("#id_salary_min").fill("300000")
    page.locator("#id_salary_max").fill("200000")
    page.get_by_role("button", name="Save draft").click()
    summary = page.get_by_role("alert").filter(has_text="The draft was not saved")
    expect(summary).to_be_focused()
    shoot(page, "errors")
    summary.get_by_role("link", name=re.compile("^Title")).click()
    expect(page.locator("#id_title")).to_be_focused()
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    assert JobDescription.objects.get().title == "VP of Operations"


def test_preview_and_download_the_pdf(signed_in, live_server, hr_user, shoot):
    page = signed_in
    draft = make_draft(hr_user, company="Northwind Logistics")
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.get_by_role("button", name="Save and preview").click()
    expect(page).to_have_url(f"{live_server.url}/drafts/{draft.pk}/preview/")
    expect(page.locator(".jd-title")).to_have_text("VP of Operations")
    shoot(page, "preview")

    with page.expect_download() as download_info:
        page.get_by_text("Download", exact=True).click()
        page.get_by_role("link", name="PDF .pdf").click()
    download = download_info.value
    assert download.suggested_filename == "vp-of-operations.pdf"
    text = pdf_text(download.path().read_bytes())
    assert_in_order(text, ["NORTHWIND LOGISTICS", "VP of Operations", "Key responsibilities"])


def test_my_drafts_search_duplicate_and_delete(signed_in, live_server, hr_user, shoot):
    page = signed_in
    make_draft(hr_user, title="Director, Plant Operations")
    make_draft(hr_user, title="VP Operations EMEA")
    make_draft(make_user("other"), title="Someone else's draft")
    page.get_by_role("link", name="My drafts").click()
    expect(page.locator(".draft-title")).to_have_text(
        ["VP Operations EMEA", "Director, Plant Operations"]
    )
    shoot(page, "list")

    page.get_by_label("Search by title").fill("plant")
    expect(page.locator(".draft-title")).to_have_text(["Director, Plant Operations"])
    expect(page).to_have_url(re.compile(r"q=plant"))

    page.get_by_role("button", name="Duplicate Director, Plant Operations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Director, Plant Operations (copy)")

    page.get_by_role("link", name="My drafts").click()
    page.get_by_role("link", name="Delete Director, Plant Operations (copy)").click()
    expect(page.get_by_role("heading", name="Delete this draft?")).to_be_visible()
    shoot(page, "confirm-delete")
    page.get_by_role("button", name="Delete draft").click()
    expect(page.locator(".draft-title")).to_have_count(2)
    assert not JobDescription.objects.live().filter(title__endswith="(copy)").exists()
    page.get_by_role("link", name="Trash").click()
    page.get_by_role("button", name="Restore Director, Plant Operations (copy)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Director, Plant Operations (copy)")


def test_the_editor_can_be_completed_with_the_keyboard_alone(
    signed_in, live_server, hr_user, shoot
):
    page = signed_in
    draft = make_draft(hr_user)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")

    def tab_to(selector: str, limit: int = 400) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#id_title")
    page.keyboard.press("Control+A")
    page.keyboard.type("VP of Operations, Americas")
    tab_to("button[value=responsibilities]")
    page.keyboard.press("Enter")
    expect(page.locator("#id_responsibilities-12-text")).to_be_focused()
    page.keyboard.type("Open two new distribution centres by Q4.")
    page.keyboard.press("Tab")  # to "Move up"
    expect(page.locator("#row-responsibilities-12 [data-move=up]")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#responsibilities-rows > li").nth(11)).to_have_id(
        "row-responsibilities-12"
    )
    tab_to("#id_kpis-0-DELETE")
    page.keyboard.press("Space")
    shoot(page, "keyboard-edited")
    tab_to("button.btn-primary[type=submit]:not([name])")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_have_text("Draft saved.")

    draft.refresh_from_db()
    assert draft.title == "VP of Operations, Americas"
    assert draft.responsibilities.all()[11].text == "Open two new distribution centres by Q4."
    assert draft.kpis.count() == 8
