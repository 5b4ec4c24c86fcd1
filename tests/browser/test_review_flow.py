"""Review in a real browser, two people in two browser contexts: staff sends a JD to a manager,
the manager comments on one KPI and requests changes, staff resolves the comment, edits and sends
it again, the manager approves; the approved
PDF's SHA-256 is shown and the file matches it; staff edits again and the approved PDF is still
the same file."""

import hashlib
import re
from pathlib import Path

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.helpers.browser import LIVE_DB, sign_in
from tests.helpers.data import make_draft, make_user

pytestmark = LIVE_DB


def test_two_people_take_a_jd_from_draft_to_approved(
    browser, signed_in, live_server, hr_user, shoot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    staff = signed_in
    manager_user = make_user("morgan")
    Group.objects.get(name="HR managers").user_set.add(manager_user)
    draft = make_draft(hr_user, company="Northwind")
    review_url = f"{live_server.url}/drafts/{draft.pk}/review/"

    staff.goto(f"{live_server.url}{draft.get_absolute_url()}")
    staff.get_by_role("link", name=re.compile(r"^Approval")).click()
    staff.get_by_role("checkbox", name="morgan").check()
    staff.get_by_label("Message to the reviewers").fill("For the board pack, please.")
    staff.get_by_role("button", name="Send for approval").click()
    expect(staff.locator(".review-state").first).to_have_text("In review")
    shoot(staff, "1-sent")

    manager = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(manager, live_server, "morgan")
    expect(manager.get_by_role("heading", name="Waiting for your approval")).to_be_visible()
    manager.get_by_role("link", name="VP of Operations").first.click()
    expect(manager).to_have_url(review_url)
    # A comment on one KPI, then the request for changes.
    kpi = draft.kpis.get(name="Cost to serve")
    # Chosen in the document, not from a list of every item.
    manager.locator("tr", has_text=kpi.name).get_by_role("link", name="Comment").click()
    expect(manager.locator("#comment-on-label")).to_have_text("KPI 3: Cost to serve")
    manager.get_by_label("Comment", exact=True).fill("Give the target in dollars per order.")
    manager.get_by_role("button", name="Comment", exact=True).click()
    thread = manager.locator(".comment-thread").first
    expect(thread).to_contain_text("On KPI: Cost to serve")
    expect(manager.locator("#open-comments")).to_have_text("1 open")
    manager.get_by_label("Your message").fill("See my comment on the cost-to-serve KPI.")
    manager.get_by_role("button", name="Request changes").click()
    expect(manager.locator(".review-state").first).to_have_text("Changes requested")
    shoot(manager, "2-changes-requested")

    staff.goto(review_url)
    expect(staff.locator(".comment-thread").first).to_contain_text(
        "Give the target in dollars per order."
    )
    staff.get_by_role("button", name="Resolve").click()
    expect(staff.locator("#open-comments")).to_have_text("0 open")
    staff.goto(f"{live_server.url}{draft.get_absolute_url()}")
    staff.locator("#id_title").fill("VP of Operations, Americas")
    staff.get_by_role("button", name="Save draft").click()
    expect(staff.locator(".alert-success")).to_have_text("Draft saved.")
    staff.goto(review_url)
    staff.get_by_role("checkbox", name="morgan").check()
    staff.get_by_role("button", name="Send for approval").click()
    expect(staff.locator(".review-state").first).to_have_text("In review")

    manager.goto(review_url)
    expect(manager.locator(".jd-title")).to_have_text("VP of Operations, Americas")
    manager.get_by_label("Your message").fill("Approved.")
    manager.get_by_role("button", name="Approve").click()
    expect(manager.locator(".review-state").first).to_have_text("Approved")
    shoot(manager, "3-approved")

    staff.goto(review_url)
    staff.get_by_text("Document fingerprint (proves the file is unchanged)").first.click()
    shown = staff.locator(".fingerprint code").first.inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", shown)
    with staff.expect_download() as download_info:
        staff.get_by_role("link", name="Approved PDF").click()
    approved = Path(download_info.value.path()).read_bytes()
    assert hashlib.sha256(approved).hexdigest() == shown
    shoot(staff, "4-approved-seen-by-staff")

    # Staff edits again: a new round; the approved PDF is the same file.
    staff.goto(f"{live_server.url}{draft.get_absolute_url()}")
    expect(staff.locator("#approved-banner")).to_contain_text("Approved, version 2, by morgan")
    staff.locator("#id_title").fill("VP of Operations, Americas and EMEA")
    staff.get_by_role("button", name="Save draft").click()
    # The first save of an approved JD asks first; nothing is saved until confirmed.
    staff.get_by_role("button", name="Save and start a new approval round").click()
    expect(staff.locator(".alert-warning").first).to_contain_text("needs approval again")
    staff.goto(review_url)
    expect(staff.locator(".review-state").first).to_have_text("Draft")
    with staff.expect_download() as download_info:
        staff.get_by_role("link", name="Approved PDF").click()
    again = Path(download_info.value.path()).read_bytes()
    assert hashlib.sha256(again).hexdigest() == shown
    shoot(staff, "5-new-round")
