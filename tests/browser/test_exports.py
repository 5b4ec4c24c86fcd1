"""Exports in a real browser: "Copy" puts the same text as the download on the clipboard (and
without JavaScript there is no Copy, only the downloads); a bulk export's progress reaches
"Ready" while a real worker makes it; a share link opened without an account, then revoked."""

import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import LIVE_DB
from tests.helpers.data import director_template, make_draft
from tests.helpers.project import task_worker

pytestmark = LIVE_DB


def test_copy_puts_the_downloads_text_on_the_clipboard(signed_in, live_server, hr_user, shoot):
    page = signed_in
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    draft = make_draft(hr_user, company="Northwind <Logistics> & Co")
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.get_by_text("Download", exact=True).click()
    shoot(page, "download-menu")
    page.get_by_role("button", name="Copy Markdown").click()
    expect(page.get_by_role("button", name="Copy Markdown")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    download = page.request.get(f"{live_server.url}/drafts/{draft.pk}/download/md/")
    assert copied == download.text()
    # A draft says so on its first line, even pasted into an ATS.
    assert copied.startswith("Draft, not approved.\n\n# VP of Operations\n")
    assert "Northwind \\<Logistics\\> \\& Co" in copied
    # Word and PDF are files: no Copy for them.
    assert page.get_by_role("button", name="Copy Word").count() == 0


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_without_javascript_there_are_downloads_and_no_copy(signed_in, live_server, hr_user):
    page = signed_in
    draft = make_draft(hr_user)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.get_by_text("Download", exact=True).click()
    expect(page.get_by_role("link", name="Plain text .txt")).to_be_visible()
    expect(page.locator(".copy-button")).to_have_count(4)
    expect(page.locator(".copy-button").first).to_be_hidden()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word .docx").click()
    assert download_info.value.suggested_filename == "vp-of-operations.docx"


def test_a_bulk_export_shows_its_progress_until_the_zip_is_ready(
    signed_in, live_server, hr_user, shoot
):
    page = signed_in
    first = make_draft(hr_user, company="Northwind")
    second = make_draft(hr_user, director_template())
    page.goto(f"{live_server.url}/drafts/")
    page.get_by_label(f"Select {first.title} for export").check()
    page.get_by_label(f"Select {second.title} for export").check()
    page.get_by_label("Export the selected drafts as").select_option("pdf")
    page.get_by_role("button", name="Export selected as one ZIP").click()
    page.wait_for_url("**/exports/*/")
    expect(page.get_by_role("status")).to_contain_text("0 of 2 drafts done")
    shoot(page, "export-waiting")
    page.evaluate("window.sameDocument = true")
    with task_worker(interval=0.05):
        expect(page.get_by_role("status")).to_have_text("Ready", timeout=60_000)
    assert page.evaluate("window.sameDocument") is True  # htmx polled; no reload
    shoot(page, "export-ready")
    page.reload()  # the state is the server's: a reload shows it the same
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download ZIP").click()
    download = download_info.value
    assert download.suggested_filename.startswith("job-descriptions-pdf-")
    with zipfile.ZipFile(download.path()) as archive:
        names = archive.namelist()
    # In the list's order: the most recently edited first.
    # Named to tell drafts of one role apart: title, place, requisition, owner.
    assert names == [
        "director-of-operations-chicago-harriet.pdf",
        "vp-of-operations-chicago-harriet.pdf",
    ]


def test_a_share_link_opens_without_an_account_until_it_is_revoked(
    signed_in, browser, live_server, hr_user, shoot
):
    page = signed_in
    draft = make_draft(hr_user, company="Northwind")
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.get_by_role("link", name="Share").click()
    page.get_by_role("button", name="Make a link").click()
    link = page.locator("input[id^=share-link-]").input_value()
    assert link.startswith(f"{live_server.url}/s/")
    shoot(page, "share-links")

    stranger = browser.new_context().new_page()
    stranger.goto(link)
    expect(stranger.get_by_role("heading", level=1)).to_have_text("VP of Operations")
    expect(stranger.get_by_text("Draft", exact=True)).to_be_visible()
    assert stranger.get_by_role("link", name="My drafts").count() == 0
    shoot(stranger, "shared-document")
    with stranger.expect_download() as download_info:
        stranger.get_by_role("link", name="Download PDF").click()
    assert download_info.value.suggested_filename == "vp-of-operations.pdf"

    page.reload()
    # Openings of the page are counted, not PDF downloads.
    expect(page.locator("tr[id^=link-] td").nth(3)).to_contain_text(re.compile(r"^1 time\s*last "))
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text(re.compile(r"^Revoked \d+ \w+ \d{4} by harriet$"))).to_be_visible()
    response = stranger.goto(link)
    assert response.status == 404
