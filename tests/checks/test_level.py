"""Level fit on evidence (issue #25): the seed's distinction between a VP, a Director and a
Manager of Operations, checked with paraphrases that are in neither the seed nor the templates.
One word in one sentence is not evidence; negations cancel; titles are read with their
modifiers."""

import pytest

from roles.checks.guidance import check_document
from roles.checks.level import title_levels
from roles.checks.text import find_phrases, phrase_stems, tokens
from tests.helpers.checks import TODAY, document, findings, kpi

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
MANAGER_SCOPE = [
    "Briefs the shift at the start of shift and hands over to nights.",
    "Writes the weekly schedule and covers absences.",
    "Handles attendance and discipline for the team.",
    "Coaches the area leads on the dock.",
]
NEUTRAL = [
    "Builds a safe, inclusive workplace.",
    "Partners with finance and HR.",
    "Hires and develops people.",
]
VP = {"level": "vp", "level_name": "Vice President", "title": "VP of Operations"}
MANAGER = {"level": "manager", "level_name": "Manager", "title": "Operations Manager"}


def level_codes(doc, rules):
    return [f.code for f in findings(doc, rules, category="level")]


def test_vp_scope_in_a_director_draft_is_named(rules):
    (finding,) = findings(document(responsibilities=VP_SCOPE), rules, category="level")
    assert finding.code == "level-signal"
    assert "reads as Vice President scope, not Director" in finding.message
    assert finding.quote in " ".join(VP_SCOPE)
    assert finding.section == "responsibilities"


def test_director_scope_in_a_vp_draft_is_named(rules):
    doc = document(**VP, reports_to="CEO", responsibilities=DIRECTOR_SCOPE)
    (finding,) = findings(doc, rules, category="level")
    assert "reads as Director scope, not Vice President" in finding.message


def test_manager_scope_in_a_director_draft_is_named(rules):
    (finding,) = findings(document(responsibilities=MANAGER_SCOPE), rules, category="level")
    assert "reads as Manager scope, not Director" in finding.message


# "Walks the shop floor with supervisors at every shift change" holds three signals: evidence.
@pytest.mark.parametrize("text", VP_SCOPE + DIRECTOR_SCOPE[::2])
def test_one_signal_in_one_sentence_is_not_evidence(rules, text):
    assert level_codes(document(responsibilities=[text]), rules) == []
    assert level_codes(document(**VP, reports_to="CEO", responsibilities=[text]), rules) == []


def test_each_level_with_its_own_or_neutral_scope_has_no_level_finding(rules):
    assert level_codes(document(responsibilities=DIRECTOR_SCOPE + NEUTRAL), rules) == []
    vp = document(**VP, reports_to="CEO", responsibilities=VP_SCOPE + NEUTRAL)
    assert level_codes(vp, rules) == []
    manager = document(
        **MANAGER, reports_to="Director of Operations", responsibilities=MANAGER_SCOPE + NEUTRAL
    )
    assert level_codes(manager, rules) == []


def test_negations_and_contrasts_cancel_a_signal(rules):
    said = [
        "Sets the enterprise operating model across all divisions.",
        "Agrees the capital plan with the executive team.",
    ]
    denied = [
        "Runs one site, rather than setting the enterprise operating model across all divisions.",
        "Works one tier below the executive team; the capital plan is not part of the role.",
    ]
    assert level_codes(document(responsibilities=said), rules) == ["level-signal"]
    assert level_codes(document(responsibilities=denied), rules) == []


def test_a_phrase_does_not_run_across_clause_words():
    phrases = [("model", phrase_stems("operating model"))]
    assert find_phrases(tokens("The plant operates as a model site."), phrases) == []
    assert [m.key for m in find_phrases(tokens("Sets the operating model."), phrases)] == ["model"]


def test_a_phrase_does_not_run_across_a_comma_or_bracket():
    phrases = [("line", phrase_stems("production line"))]
    for text in ("3 production managers, 11 line leads", "production (day) line"):
        assert find_phrases(tokens(text), phrases, text) == [], text
    text = "Runs the production line."
    assert [m.key for m in find_phrases(tokens(text), phrases, text)] == ["line"]


def test_a_senior_title_weighs_the_level_above_at_half(rules):
    # Leading managers, walking the floor daily: Director words at weight 2.5, none of a
    # Manager's. A Senior Manager leads managers: at half, 1.25 is not evidence.
    texts = ["Leads two shift managers.", "Walks the floor daily."]
    manager = {"level": "manager", "level_name": "Manager", "reports_to": "Director of Operations"}
    plain = findings(
        document(**manager, title="Operations Manager", responsibilities=texts),
        rules,
        category="level",
    )
    assert [f.code for f in plain] == ["level-signal"]
    assert "weight 2.5 against 0" in plain[0].message
    senior = document(**manager, title="Senior Operations Manager", responsibilities=texts)
    assert level_codes(senior, rules) == []
    # Director scope throughout still reads as a Director's under a senior title.
    senior = document(
        **manager, title="Senior Operations Manager", responsibilities=texts + DIRECTOR_SCOPE
    )
    (finding,) = findings(senior, rules, category="level")
    assert "reads as Director scope, not Manager" in finding.message


def test_words_about_a_level_the_sentence_names_are_not_this_roles_scope(rules):
    texts = [
        "Turns the operations strategy and policies set by the VP into plans for the site.",
        "Reports capital plan progress to the VP, who takes it to the executive team and board.",
    ]
    assert level_codes(document(responsibilities=texts), rules) == []


@pytest.mark.parametrize(
    ("title", "level", "senior", "junior"),
    [
        ("Senior Director, Hospital Operations", "director", True, False),
        ("Sr. Director, Fulfillment", "director", True, False),
        ("Associate Director, Laboratory Operations", "director", False, True),
        # Up to three words before the title word qualify it (issue #25: a Senior Operations
        # Manager is a senior manager, an Assistant Operations Manager an assistant one); before
        # this change only the word right before it did.
        ("Assistant Operations Manager", "manager", False, True),
        ("Senior Operations Manager", "manager", True, False),
        ("Senior Manager, Member Care", "manager", True, False),
        # ...but not across "of", "and" or a comma.
        ("Director of Operations, Senior Living", "director", False, False),
        ("Assistant Manager", "manager", False, True),
        ("SVP, Supply Chain", "vp", True, False),
        ("Deputy General Manager and Vice President, Operations", "vp", False, False),
    ],
)
def test_titles_are_read_with_their_modifiers(rules, title, level, senior, junior):
    (named,) = title_levels(title, rules.levels)
    assert (named.level.slug, named.senior, named.junior) == (level, senior, junior)


def test_a_title_naming_another_level_is_named(rules):
    (finding,) = findings(document(title="VP of Operations"), rules, category="level")
    assert finding.code == "title-level" and "names a Vice President" in finding.message
    for title in (
        "Senior Director, Operations",
        "Sr. Director of Operations",
        "Head of Operations",
    ):
        assert level_codes(document(title=title), rules) == [], title


@pytest.mark.parametrize(
    ("level", "title", "reports_to", "code", "severity"),
    [
        ("vp", "VP of Operations", "Director of Logistics", "reports-to-level", "advice"),
        (
            "director",
            "Director of Operations",
            "Plant manager, Leeds",
            "reports-to-level",
            "advice",
        ),
        # Another at the same level may have a wider remit: information (issue #25).
        (
            "director",
            "Director of Operations",
            "Director, Supply Chain",
            "reports-to-level",
            "info",
        ),
        ("director", "Director of Operations", "Head of Supply Chain", "reports-to-level", "info"),
        ("vp", "VP of Finance", "Vice President, Finance & Operations", "reports-to-level", "info"),
        # Above the plain title, or below it: nothing to say.
        ("vp", "VP of Operations", "Senior Vice President, Operations", None, None),
        ("vp", "VP of Operations", "EVP and Chief Operating Officer", None, None),
        ("director", "Associate Director, Labs", "Director of Laboratory Services", None, None),
        # The VP level may be skipped (a setting on the level): information.
        (
            "director",
            "Director of Operations",
            "Chief Executive Officer",
            "reports-to-skip",
            "info",
        ),
        ("director", "Director of Operations", "The founders", "reports-to-skip", "info"),
        # The Director level may not.
        ("manager", "Operations Manager", "VP of Operations", "reports-to-skip", "advice"),
        ("manager", "Operations Manager", "Director of Operations", None, None),
        ("director", "Director of Operations", "Senior Vice President, Operations", None, None),
        ("vp", "VP of Operations", "Chief Operating Officer", None, None),
        ("vp", "VP of Operations", "Managing Director, EMEA", None, None),
    ],
)
def test_reports_to_is_read_with_the_titles_modifiers(
    rules, level, title, reports_to, code, severity
):
    names = {"vp": "Vice President", "director": "Director", "manager": "Manager"}
    doc = document(level=level, level_name=names[level], title=title, reports_to=reports_to)
    found = [f for f in check_document(doc, rules, today=TODAY) if f.category == "level"]
    assert [(f.code, f.severity) for f in found] == ([(code, severity)] if code else [])


def test_a_kpi_review_must_fit_the_levels_horizon(rules):
    vp = document(
        **VP,
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
    manager = document(
        **MANAGER, reports_to="Director of Operations", kpis=(kpi("Cost per unit", "quarterly"),)
    )
    assert [f.code for f in findings(manager, rules, category="level")] == ["kpi-horizon"]
