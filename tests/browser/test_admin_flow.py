"""An HR admin changes a template; new drafts get the change, existing drafts keep their copy."""

from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from roles.models import JobDescription
from tests.helpers.browser import LIVE_DB, sign_in
from tests.helpers.data import make_draft, make_user, vp_template

pytestmark = LIVE_DB


def test_template_edit_reaches_new_drafts_only(page, live_server, shoot):
    admin = make_user("hr.admin", is_staff=True)
    # The admin shows an inline only to those with permissions on its model too.
    admin.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="roles", codename__regex=r"_(roletemplate|template\w+)$"
        )
    )
    older = make_draft(admin)
    original = older.responsibilities.first().text

    sign_in(page, live_server, "hr.admin")
    page.get_by_role("link", name="Manage templates").click()
    page.get_by_role("link", name="VP of Operations").click()
    first = page.locator("#id_responsibilities-0-text")
    expect(first).to_have_value(original)
    first.fill("Set the five-year operations strategy with the CEO and the board.")
    shoot(page, "admin-edit")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert vp_template().responsibilities.first().text.startswith("Set the five-year")

    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Start a draft for VP of Operations").click()
    newer = JobDescription.objects.exclude(pk=older.pk).get()
    expect(page.locator("#id_responsibilities-0-text")).to_have_value(
        "Set the five-year operations strategy with the CEO and the board."
    )
    page.goto(f"{live_server.url}{older.get_absolute_url()}")
    expect(page.locator("#id_responsibilities-0-text")).to_have_value(original)
    assert newer.responsibilities.first().text == (
        "Set the five-year operations strategy with the CEO and the board."
    )
    assert older.responsibilities.first().text == original
