"""A library that grows: a level and its role template added by an HR admin in the admin, with no
code change, show up wherever levels do: the start page (grouped by job family, ordered by rank,
neighbouring ranks compared), "compare any two", the level guide, the checks, the pay bands, the
lists and the documents."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roles.admin import LevelForm
from roles.checks.guidance import check_document
from roles.documents.data import document_from_draft
from roles.documents.registry import export
from roles.models import (
    JobDescription,
    Level,
    LevelGuideAnswer,
    LevelGuideQuestion,
    PayBand,
    RoleTemplate,
)
from roles.selectors.guidance import guidance_rules
from roles.services.drafts import jobdescription_create_from_template
from tests.helpers.data import director_template, make_draft, vp_template

pytestmark = pytest.mark.django_db


def inline_forms_left_empty(admin_client, url: str) -> dict:
    """The add page's inline management forms, each with no rows."""
    page = admin_client.get(url).content.decode()
    prefixes = re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page)
    assert prefixes
    return {
        name: 0
        for prefix in prefixes
        for name in (f"{prefix}-TOTAL_FORMS", f"{prefix}-INITIAL_FORMS")
    }


def add_level_in_admin(admin_client, **fields) -> Level:
    url = reverse("admin:roles_level_add")
    data = inline_forms_left_empty(admin_client, url) | {
        "job_family": "Operations",
        "title_words": "",
        "shortest_cadence": "weekly",
        "longest_cadence": "annually",
        **fields,
    }
    if data["job_family"] not in set(Level.objects.values_list("job_family", flat=True)):
        # A family no level has yet is typed once, beside the list of those there are.
        data |= {"job_family": LevelForm.NEW_FAMILY, "new_job_family": data["job_family"]}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Level.objects.get(slug=fields["slug"])


def add_template_in_admin(admin_client, *, responsibilities=(), kpis=(), **fields) -> RoleTemplate:
    url = reverse("admin:roles_roletemplate_add")
    data = inline_forms_left_empty(admin_client, url) | {
        "display_order": 0,
        "is_active": "on",
        "salary_currency": "USD",
        "pay_period": "year",
        **fields,
    }
    data |= {"responsibilities-TOTAL_FORMS": len(responsibilities), "kpis-TOTAL_FORMS": len(kpis)}
    for index, text in enumerate(responsibilities):
        data |= {
            f"responsibilities-{index}-position": index + 1,  # the admin counts from 1
            f"responsibilities-{index}-text": text,
        }
    for index, (name, measure, target, cadence) in enumerate(kpis):
        data |= {
            f"kpis-{index}-position": index + 1,
            f"kpis-{index}-name": name,
            f"kpis-{index}-measure": measure,
            f"kpis-{index}-target": target,
            f"kpis-{index}-cadence": cadence,
        }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return RoleTemplate.objects.get(slug=fields["slug"])


SENIOR_DIRECTOR_WORK = (
    "Run the operations of every site in the business unit through their Directors."
)


def add_senior_director(admin_client) -> RoleTemplate:
    add_level_in_admin(
        admin_client,
        slug="senior-director",
        name="Senior Director",
        rank=65,
        title_words="Senior Director, Sr. Director",
    )
    return add_template_in_admin(
        admin_client,
        title="Senior Director of Operations",
        slug="senior-director-of-operations",
        level="senior-director",
        reports_to="VP of Operations",
        summary="Runs operations for one business unit of several sites.",
        scope="The business unit's sites, their Directors of Operations and its budget.",
        impact="The unit's cost, quality and delivery.",
        collaboration="The VP of Operations and the unit's general manager.",
        responsibilities=[
            SENIOR_DIRECTOR_WORK,
            "Turn the VP's operations strategy into a two-year plan for the business unit.",
        ],
        kpis=[("Unit cost to serve", "Operating cost ÷ orders shipped", "≥ 4% lower", "quarterly")],
    )


@pytest.fixture
def senior_director(admin_client):
    return add_senior_director(admin_client)


def card(page: str, template: RoleTemplate) -> int:
    return page.index(f'id="role-{template.pk}"')


def test_the_start_page_orders_three_levels_by_rank_and_compares_neighbours(
    alice_client, senior_director
):
    page = alice_client.get(reverse("roles:compare")).content.decode()
    vp, director = vp_template(), director_template()
    assert card(page, vp) < card(page, senior_director) < card(page, director)
    assert reverse("roles:start_draft", args=[senior_director.slug]) in page
    # The neighbouring ranks, the most senior pair shown first.
    assert "Vice President and Senior Director</a>" in page
    assert "Senior Director and Director</a>" in page
    assert "Vice President and Director</a>" not in page
    assert "How VP of Operations and Senior Director of Operations differ" in page
    assert SENIOR_DIRECTOR_WORK in page

    lower = {"a": f"template:{senior_director.pk}", "b": f"template:{director.pk}"}
    page = alice_client.get(reverse("roles:compare"), lower).content.decode()
    assert "How Senior Director of Operations and Director of Operations differ" in page
    assert f'active" aria-current="true" href="?a=template:{senior_director.pk}' in page
    # Any other pair, chosen in the form.
    skip = {"a": f"template:{vp.pk}", "b": f"template:{director.pk}"}
    page = alice_client.get(reverse("roles:compare"), skip).content.decode()
    assert "How VP of Operations and Director of Operations differ" in page
    assert 'aria-current="true"' not in page


@pytest.mark.parametrize(
    "choice",
    [{"a": "template:999999", "b": "template:1"}, {"a": "draft:1"}, {"a": "template:9" * 30}],
    ids=["unknown", "a-draft", "nonsense"],
)
def test_a_choice_that_is_not_in_the_library_is_said_and_the_default_shown(alice_client, choice):
    response = alice_client.get(reverse("roles:compare"), choice)
    page = response.content.decode()
    assert response.status_code == 200
    assert "That role is not in the library (any more)." in page
    assert "How VP of Operations and Director of Operations differ" in page


def test_an_id_in_another_script_s_digits_is_not_read(alice_client):
    """Python's int() reads "١٢" as 12; an id is ASCII digits only (``roles.http.parse_id``)."""
    vp = vp_template()
    arabic_indic = str(vp.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    choice = {"a": f"template:{arabic_indic}", "b": f"template:{vp.pk}"}
    page = alice_client.get(reverse("roles:compare"), choice).content.decode()
    assert "That role is not in the library (any more)." in page


def test_an_inactive_template_leaves_the_start_page_and_its_pairs(alice_client, senior_director):
    senior_director.is_active = False
    senior_director.save()
    page = alice_client.get(reverse("roles:compare")).content.decode()
    assert senior_director.title not in page
    assert "Vice President and Director</a>" in page
    choice = {"a": f"template:{senior_director.pk}", "b": f"template:{vp_template().pk}"}
    page = alice_client.get(reverse("roles:compare"), choice).content.decode()
    assert "That role is not in the library (any more)." in page


START_PAGE_QUERIES = 13


def test_the_start_page_costs_the_same_queries_with_two_or_three_templates(
    alice_client, admin_client
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get(reverse("roles:compare")).status_code == 200
        return len(captured)

    queries()  # the first request of a session reads a little more (its profile, once)
    with_two = queries()
    # The session and the person; their permissions (2, for the menu); the library and its
    # places (2); the compared pair's three lists, onto the rows the library read; the review
    # inbox (4). Not the pair's rows again, nor the organisation, which no comparison reads.
    assert with_two == START_PAGE_QUERIES
    add_senior_director(admin_client)
    assert queries() == with_two


def test_another_job_family_is_a_group_and_a_ladder_of_its_own(alice_client, admin_client):
    add_level_in_admin(
        admin_client, slug="fin-director", name="Director", rank=60, job_family="Finance"
    )
    add_level_in_admin(
        admin_client, slug="controller", name="Controller", rank=50, job_family="Finance"
    )
    common = {"summary": "Runs finance.", "scope": "Finance.", "responsibilities": ["Close."]}
    add_template_in_admin(
        admin_client,
        title="Director of Finance",
        slug="director-of-finance",
        level="fin-director",
        **common,
    )
    add_template_in_admin(
        admin_client, title="Financial Controller", slug="controller", level="controller", **common
    )
    page = alice_client.get(reverse("roles:compare")).content.decode()
    finance, operations = page.index(">Finance</h2>"), page.index(">Operations</h2>")
    assert finance < page.index("Director of Finance") < page.index("Financial Controller")
    assert page.index("Financial Controller") < operations
    # Neighbours within each family only, named with their family when there are several.
    assert "Director and Controller (Finance)</a>" in page
    assert "Vice President and Director (Operations)</a>" in page
    pairs = page[
        page.index("neighbour-pairs") : page.index("</nav>", page.index("neighbour-pairs"))
    ]
    # Finance's pair and Operations' two (the Manager template of 0045, issue #25).
    assert pairs.count('class="nav-link') == 3
    assert "Director and Manager (Operations)</a>" in pairs
    # The default comparison is the first family's most senior pair.
    assert "How Director of Finance and Financial Controller differ" in page


def test_a_rank_is_unique_within_a_family_only(admin_client):
    url = reverse("admin:roles_level_add")
    data = inline_forms_left_empty(admin_client, url) | {
        "slug": "plant-director",
        "name": "Plant Director",
        "rank": 60,
        "job_family": "Operations",
        "shortest_cadence": "weekly",
        "longest_cadence": "annually",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Level with this Job family and Rank already exists." in response.content.decode()
    add_level_in_admin(admin_client, **(data | {"job_family": "Manufacturing"}))


def test_compare_any_offers_the_third_level_in_rank_order(alice_client, senior_director):
    page = alice_client.get(reverse("roles:compare_any")).content.decode()
    vp, director = vp_template(), director_template()
    options = [f'value="template:{t.pk}"' for t in (vp, senior_director, director)]
    positions = [page.index(option) for option in options]
    assert positions == sorted(positions)


def test_the_guide_recommends_the_third_level_and_starts_its_draft(alice_client, senior_director):
    chosen = {}
    for question in LevelGuideQuestion.objects.all():
        answer = LevelGuideAnswer.objects.create(
            question=question,
            position=99,
            text="Several sites of one business unit",
            level_id="senior-director",
            weight=3,
            reason="Several sites of one business unit: a Senior Director's remit.",
        )
        chosen[f"q{question.pk}"] = answer.pk
    page = alice_client.get(reverse("roles:level_guide"), chosen).content.decode()
    assert "Recommended" in page and ">Senior Director</h2>" in page
    assert "Several sites of one business unit: a Senior Director&#x27;s remit." in page
    assert reverse("roles:start_draft", args=[senior_director.slug]) in page

    # Mixed between the VP and the new level: named by the two levels, and compared side by side.
    vp_answers = [
        question.answers.filter(level_id="vp").order_by("-weight").first()
        for question in LevelGuideQuestion.objects.all()
    ]
    mixed = dict(chosen) | {f"q{a.question_id}": a.pk for a in vp_answers[:3]}
    page = alice_client.get(reverse("roles:level_guide"), mixed).content.decode()
    assert (
        "a role at the Senior Director level with a wide remit, or at the Vice President level"
        in page
    )
    assert "Pointing to Vice President:" in page
    assert f"?a=template:{vp_template().pk}&amp;b=template:{senior_director.pk}" in page


def test_the_checks_read_the_third_level_in_reporting_lines(senior_director, alice):
    rules = guidance_rules()
    draft = jobdescription_create_from_template(template=senior_director, owner=alice)

    def reporting(level: str, level_name: str, reports_to: str) -> list[str]:
        document = document_from_draft(draft)
        document = type(document)(
            **{**vars(document), "level": level, "level_name": level_name, "reports_to": reports_to}
        )
        return [
            f.code
            for f in check_document(document, rules, today=date(2026, 11, 30))
            if f.section == "reports_to"
        ]

    assert reporting("senior-director", "Senior Director", "VP of Operations") == []
    assert reporting("director", "Director", "Senior Director of Operations") == []
    # With a level between them, a Director reporting straight to a VP is a skip-level line.
    assert reporting("director", "Director", "VP of Operations") == ["reports-to-skip"]
    assert reporting("vp", "Vice President", "Senior Director, Plant") == ["reports-to-level"]


def test_lists_and_documents_name_the_third_level(alice_client, alice, senior_director):
    response = alice_client.post(reverse("roles:start_draft", args=[senior_director.slug]))
    draft = JobDescription.objects.get(owner=alice)
    assert response.url == draft.get_absolute_url()
    make_draft(alice, title="A Director draft")
    page = alice_client.get(
        reverse("roles:draft_list"), {"level": "senior-director"}
    ).content.decode()
    assert "Senior Director of Operations" in page and "A Director draft" not in page
    assert '<option value="senior-director" selected>Senior Director</option>' in page
    text = export("txt", document_from_draft(draft)).content.decode()
    assert "Senior Director" in text and SENIOR_DIRECTOR_WORK in text
    changes = alice_client.get(reverse("roles:what_changed", args=[draft.pk])).content.decode()
    assert "No field differs; items: 3 the same." in changes


def test_pay_bands_keep_rank_order_across_a_level_with_no_band(admin_client, senior_director):
    PayBand.objects.create(level_id="director", minimum=150_000, maximum=210_000)

    def add_band(level: str, minimum: int, maximum: int):
        data = {
            "level": level,
            "currency": "USD",
            "pay_period": "year",
            "minimum": minimum,
            "maximum": maximum,
            "country": "",
            "region": "",
            "hours_per_year": 2080,
        }
        return admin_client.post(reverse("admin:roles_payband_add"), data)

    # The Senior Director, between them, has no band yet: the VP's is held to the Director's.
    refused = add_band("vp", 140_000, 180_000).content.decode()
    assert (
        "The Vice President band (USD 140,000 – 180,000 per year) would sit below the " in refused
    )
    assert add_band("vp", 220_000, 300_000).status_code == 302
    # The new level's band must sit between its neighbours with bands.
    assert "would sit below the Senior Director band" not in refused
    below = add_band("senior-director", 140_000, 200_000).content.decode()
    assert "The Senior Director band (USD 140,000 – 200,000 per year) would sit below" in below
    above = add_band("senior-director", 300_000, 400_000).content.decode()
    assert "The Vice President band (USD 220,000 – 300,000 per year) would sit below" in above
    assert add_band("senior-director", 180_000, 260_000).status_code == 302

    # Re-ranking a level is checked too: the Director above the Senior Director is refused.
    director = Level.objects.get(slug="director")
    fields = {name: getattr(director, name) for name in LevelForm.Meta.fields}
    form = LevelForm(data=fields | {"rank": 68}, instance=director)
    assert not form.is_valid()
    assert "With rank 68 in Operations, the pay bands would be out of order." in str(form.errors)
    assert LevelForm(data=fields | {"rank": 55}, instance=director).is_valid()
    # So is moving it to another family, where it has no neighbours: allowed.
    new_family = {"job_family": LevelForm.NEW_FAMILY, "new_job_family": "Logistics"}
    assert LevelForm(data=fields | new_family, instance=director).is_valid()
