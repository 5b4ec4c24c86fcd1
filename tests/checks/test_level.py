"""Level fit: the seed's distinction between a VP and a Director of Operations, checked with
paraphrases that are in neither the seed nor the templates."""

import pytest

from tests.helpers.checks import document, findings, kpi

pytestmark = pytest.mark.django_db

VP_SCOPE = [
    "Sets the company's operating model.",
    "Owns the enterprise supply chain strategy.",
    "Presents the operations plan to the board each quarter.",
    "Allocates capital across divisions and agrees budgets with the CFO.",
    "Reshapes the organisation-wide operating structure for the next five years.",
]
DIRECTOR_SCOPE = [
    "Runs the packing line's morning huddle.",
    "Walks the shop floor with supervisors at every shift change.",
    "Clears bottlenecks on the production line as they appear.",
    "Monitors the department's KPIs daily and fixes root causes.",
    "Cuts changeover time on the filling lines.",
]
NEUTRAL = [
    "Builds a safe, inclusive workplace.",
    "Partners with finance and HR.",
    "Hires and develops managers.",
]


@pytest.mark.parametrize("text", VP_SCOPE)
def test_vp_scope_in_a_director_draft_is_named(rules, text):
    level = findings(document(responsibilities=[text]), rules, category="level")
    assert [f.code for f in level] == ["level-signal"], text
    assert "reads as Vice President scope" in level[0].message
    assert level[0].quote in text
    assert level[0].section == "responsibilities" and level[0].position == 0


@pytest.mark.parametrize("text", DIRECTOR_SCOPE)
def test_director_scope_in_a_vp_draft_is_named(rules, text):
    doc = document(
        level="vp", level_name="Vice President", reports_to="CEO", responsibilities=[text]
    )
    level = findings(doc, rules, category="level")
    assert [f.code for f in level] == ["level-signal"], text
    assert "reads as Director scope" in level[0].message


@pytest.mark.parametrize("text", DIRECTOR_SCOPE + NEUTRAL)
def test_a_director_draft_with_director_or_neutral_scope_has_no_level_finding(rules, text):
    assert findings(document(responsibilities=[text]), rules, category="level") == []


@pytest.mark.parametrize("text", VP_SCOPE + NEUTRAL)
def test_a_vp_draft_with_vp_or_neutral_scope_has_no_level_finding(rules, text):
    doc = document(
        level="vp", level_name="Vice President", reports_to="CEO", responsibilities=[text]
    )
    assert findings(doc, rules, category="level") == []


def test_words_about_a_level_the_sentence_names_are_not_this_roles_scope(rules):
    text = "Turns the operations strategy and policies set by the VP into plans for the site."
    assert findings(document(responsibilities=[text]), rules, category="level") == []


def test_the_summary_and_scope_are_checked_sentence_by_sentence(rules):
    doc = document(summary="Runs the plant day to day. Sets the company-wide operating model.")
    (finding,) = findings(doc, rules, category="level")
    assert finding.section == "summary"
    assert "company-wide" in finding.message


@pytest.mark.parametrize(
    ("level", "reports_to", "code"),
    [
        ("vp", "Director of Logistics", "reports-to-level"),
        ("director", "Director, Supply Chain", "reports-to-level"),
        ("director", "Chief Executive Officer", "reports-to-skip"),
        ("director", "CEO", "reports-to-skip"),
        ("director", "Senior Vice President, Operations", None),
        ("vp", "Chief Operating Officer", None),
        ("vp", "Managing Director, EMEA", None),
        ("director", "Head of Supply Chain", "reports-to-level"),
        ("director", "The founders", "reports-to-skip"),
        ("director", "Plant manager, Leeds", None),
    ],
)
def test_reports_to_must_sit_above_the_level(rules, level, reports_to, code):
    names = {"vp": "Vice President", "director": "Director"}
    doc = document(level=level, level_name=names[level], reports_to=reports_to)
    codes = [f.code for f in findings(doc, rules, category="level")]
    assert codes == ([code] if code else [])


def test_a_kpi_review_must_fit_the_levels_horizon(rules):
    vp = document(
        level="vp",
        level_name="Vice President",
        reports_to="CEO",
        kpis=(kpi("Line 3 daily scrap rate", "monthly"), kpi("Operating margin", "weekly")),
    )
    assert [(f.code, f.position) for f in findings(vp, rules, category="level")] == [
        ("kpi-horizon", 0),
        ("kpi-horizon", 1),
    ]
    director = document(
        kpis=(kpi("Annual return on capital", "quarterly"), kpi("Cost per unit", "annually"))
    )
    assert [f.position for f in findings(director, rules, category="level")] == [0, 1]
    fitting = document(kpis=(kpi("First-pass yield", "weekly"), kpi("Cost per unit", "monthly")))
    assert findings(fitting, rules, category="level") == []
