"""Levels in a real browser: a person who does not know which level to hire for answers the guide,
starts the recommended draft, edits it, sees "what changed" from the template, and takes the
template update an HR admin made meanwhile; every page is checked with axe."""

import re

import reversion
from playwright.sync_api import expect

from roles.models import JobDescription, LevelGuideQuestion, TemplateResponsibility
from tests.helpers.browser import LIVE_DB, axe_violations
from tests.helpers.data import director_template

pytestmark = LIVE_DB

NEW_DUTY = "Lead the site's energy-reduction programme and report its savings monthly."


def test_from_the_guide_to_a_draft_kept_in_step_with_its_template(
    signed_in, live_server, hr_user, shoot
):
    page = signed_in
    # The start page: the library and how its two levels differ.
    expect(page.get_by_role("heading", name="Role library")).to_be_visible()
    expect(
        page.get_by_role("heading", name="How VP of Operations and Director of Operations differ")
    ).to_be_visible()
    assert axe_violations(page) == []
    shoot(page, "1-start-page")

    # The guide: every question answered the Director's way, the first of them the VP's.
    page.get_by_role("link", name="Not sure which level? Answer a few questions.").click()
    questions = list(LevelGuideQuestion.objects.prefetch_related("answers"))
    for question in questions:
        answer = next(a for a in question.answers.all() if a.level_id == "director")
        page.locator(f"#a{answer.pk}").check()
    page.get_by_role("button", name="Recommend a level").click()
    result = page.locator("#guide-result")
    expect(result.get_by_role("heading", name="Director")).to_be_visible()
    expect(result).to_contain_text("Because:")
    expect(result).not_to_contain_text("Your answers are mixed")
    assert axe_violations(page) == []
    shoot(page, "2-guide-recommends-director")

    # Start the recommended draft and make it the person's own.
    result.get_by_role("button", name="Start a draft: Director of Operations").click()
    expect(page).to_have_url(re.compile(r"/drafts/\d+/$"))
    draft = JobDescription.objects.get(owner=hr_user)
    assert draft.source_template_id == director_template().pk
    first = page.locator("#id_responsibilities-0-text")
    first.fill("Run the Denver plant's day-to-day operations: output, quality and cost.")
    page.get_by_role("button", name="Save draft").first.click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()

    # What changed: the edit, against the template as it was copied.
    page.get_by_role("link", name="What changed").click()
    expect(page.locator("#compare-summary")).to_contain_text("1 changed")
    expect(page.locator(".compare-changed").first).to_contain_text("Denver plant")
    assert axe_violations(page) == []
    shoot(page, "3-what-changed")

    # Meanwhile an HR admin adds a responsibility to the template (a save and its revision).
    template = director_template()
    added = TemplateResponsibility.objects.create(template=template, position=99, text=NEW_DUTY)
    template.save()
    with reversion.create_revision():
        reversion.add_to_revision(template)

    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    banner = page.locator("#template-updates")
    expect(banner).to_contain_text("template has changed since you started this draft")
    banner.get_by_role("link", name="See the changes").click()
    expect(
        page.get_by_role("heading", name="The template has changed since you started")
    ).to_be_visible()
    update = page.locator(".template-updates li").filter(has_text="energy-reduction programme")
    expect(update).to_contain_text("Key responsibilities · new in the template")
    assert axe_violations(page) == []
    shoot(page, "4-template-update-offered")
    update.get_by_role("button", name="Add it to my draft").click()
    expect(
        page.get_by_text("Your draft has every change of the template you might take.")
    ).to_be_visible()
    page.get_by_role("button", name="I am done: mark my draft up to date with the template").click()
    expect(page).to_have_url(re.compile(r"/drafts/\d+/$"))
    expect(page.locator("#template-updates")).to_have_count(0)

    # The draft has the new duty, recorded as copied from the template's item, and its own edit.
    taken = JobDescription.objects.get(pk=draft.pk).responsibilities.get(text=NEW_DUTY)
    assert taken.source_item_id == added.pk
    texts = list(
        JobDescription.objects.get(pk=draft.pk).responsibilities.values_list("text", flat=True)
    )
    assert texts[0].startswith("Run the Denver plant's") and texts[-1] == NEW_DUTY
    shoot(page, "5-editor-up-to-date")
