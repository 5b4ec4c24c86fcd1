"""The guidance panel on the seeded templates and on five postings of the evaluation corpus
(issue #25), in a real browser, with a screenshot of each for a person to look at: the templates
open with nothing to review; a corpus posting at its true level shows its labelled findings and
no level finding."""

import pytest
from playwright.sync_api import expect

from roles.models import KPI, Qualification, Responsibility, RoleTemplate
from scripts.eval_guidance import load
from tests.helpers.browser import LIVE_DB
from tests.helpers.data import make_draft

pytestmark = LIVE_DB

#: Five postings across levels and shapes: a VP with trait words, curly apostrophes and a
#: licence; a Director whose negation once read as VP scope; a hospital Director with feminine
#: trait words; a Manager whose title carries the level; a posting with a soft hyphen and a
#: ligature inside coded words.
POSTINGS = [
    "vp-ops-3pl-network",
    "dir-ops-site-tier-below",
    "dir-ops-hospital-campus",
    "mgr-ops-warehouse-crossdock",
    "dir-ops-construction",
]


TEMPLATE_OF_LEVEL = {
    "vp": "vp-of-operations",
    "director": "director-of-operations",
    "manager": "operations-manager",
}


def draft_of(posting: dict, owner):
    """A draft at the posting's level, its texts and lists those of the posting."""
    fields = posting["draft"]
    draft = make_draft(
        owner,
        RoleTemplate.objects.get(slug=TEMPLATE_OF_LEVEL[posting["level"]]),
        **{
            name: fields[name]
            for name in ("title", "reports_to", "summary", "scope", "impact", "collaboration")
        },
        benefits=fields["benefits"],
    )
    for model in (Responsibility, KPI, Qualification):
        model.objects.filter(job_description=draft).delete()
    Responsibility.objects.bulk_create(
        Responsibility(job_description=draft, position=i, text=text)
        for i, text in enumerate(fields["responsibilities"])
    )
    KPI.objects.bulk_create(
        KPI(job_description=draft, position=i, **kpi) for i, kpi in enumerate(fields["kpis"])
    )
    Qualification.objects.bulk_create(
        Qualification(job_description=draft, position=i, **qualification)
        for i, qualification in enumerate(fields["qualifications"])
    )
    return draft


@pytest.mark.parametrize(
    "slug", ["vp-of-operations", "director-of-operations", "operations-manager"]
)
def test_a_seeded_template_opens_with_nothing_to_review(
    signed_in, live_server, hr_user, shoot, slug
):
    page = signed_in
    draft = make_draft(hr_user, template=RoleTemplate.objects.get(slug=slug))
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    panel = page.locator("#guidance-panel")
    expect(panel.locator("#guidance-count")).to_have_text("No open suggestions")
    expect(panel.get_by_text("Gender coding: neutral")).to_be_visible()
    shoot(page, slug)


@pytest.mark.parametrize("posting_id", POSTINGS)
def test_a_corpus_posting_shows_its_labelled_findings(
    signed_in, live_server, hr_user, shoot, posting_id
):
    (posting,) = [p for p in load("all") if p["id"] == posting_id]
    page = signed_in
    draft = draft_of(posting, hr_user)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    panel = page.locator("#guidance-panel")
    for label in posting["flag"]:
        # The finding quotes the words as typed (a pattern may take a word more: "A valid
        # driver’s license"); a degree finding names the degree and what it lacks.
        shown = {
            "degree-required": "without “or equivalent experience”",
            "requirements-overload": "qualifications are required",
        }.get(label["rule"], label["quote"])
        expect(panel.get_by_text(shown).first).to_be_visible()
    expect(panel.get_by_text("reads as")).to_have_count(0)
    shoot(page, posting_id)
