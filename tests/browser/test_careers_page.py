"""The public careers pages in a real browser, without an account: accessible (axe-core), and
nothing refused by the content-security policy or missing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from roles.models import OrganisationProfile
from roles.services.drafts import jobdescription_save
from tests.helpers.browser import LIVE_DB, axe_violations
from tests.helpers.data import make_draft
from tests.helpers.review import approve, make_reviewer

pytestmark = [LIVE_DB, pytest.mark.browser]


def test_the_open_jobs_and_a_job_page_work_for_anyone(
    browser, live_server, hr_user, settings, tmp_path, shoot
):
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    profile.name, profile.accent_colour = "Northwind Group", "#7a1f5c"
    profile.save()
    draft = make_draft(hr_user, location="Chicago, IL")
    jobdescription_save(
        job_description=draft,
        fields={
            "company": "Northwind",
            "posting_date": timezone.localdate() - timedelta(days=1),
            "apply_url": "https://jobs.example.com/apply/ops",
            "publish_on_careers_page": True,
        },
        items={},
        expected_version=draft.version,
    )
    approve(draft, make_reviewer("rita"))

    page = browser.new_context().new_page()  # no account, no cookie
    refused, failed = [], []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)

    page.goto(f"{live_server.url}/careers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobs at Northwind Group")
    shoot(page, "careers")
    assert axe_violations(page) == []
    page.get_by_role("link", name="VP of Operations").click()
    page.wait_for_url(f"**/careers/jobs/{draft.pk}-vp-of-operations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("VP of Operations")
    apply = page.get_by_role("link", name="Apply for VP of Operations")
    assert apply.get_attribute("href") == "https://jobs.example.com/apply/ops"
    # The organisation's accent colour reached the document through its stylesheet.
    accent = page.locator(".jd").evaluate(
        "node => getComputedStyle(node).getPropertyValue('--jd-accent').trim()"
    )
    assert accent == "#7a1f5c"
    shoot(page, "careers-job")
    assert axe_violations(page) == []
    assert refused == [] and failed == []
