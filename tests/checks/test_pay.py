"""Pay transparency where the job is, with the seeded rules: which laws cover a draft's places
(a remote role: every place its candidates may live), from when, and what each asks."""

import datetime
from decimal import Decimal

import pytest

from roles.checks.pay import applicable_rules
from roles.documents.data import LocationItem, Organisation
from tests.helpers.checks import document, findings

pytestmark = pytest.mark.django_db

EEO = "We are an equal opportunity employer."


def at(*places, **fields):
    """A document whose work locations are ``places`` (arrangement, city, region, country)."""
    locations = tuple(LocationItem(None, *place) for place in places)
    return document(locations=locations, **fields)


def pay(doc, rules, **kwargs):
    return [
        (f.quote, f.section, f.severity) for f in findings(doc, rules, category="pay", **kwargs)
    ]


def test_a_place_without_a_posting_law_gets_nothing(rules):
    assert pay(at(("on_site", "Austin", "TX", "US"), salary_min=None, salary_max=None), rules) == []


def test_colorado_asks_for_the_range_benefits_other_pay_deadline_and_how_to_apply(rules):
    bare = at(("on_site", "Denver", "CO", "US"), salary_min=None, salary_max=None, benefits="")
    assert [section for _, section, _ in pay(bare, rules)] == [
        "salary_min",
        "benefits",
        "other_compensation",
        "closing_date",
        "apply_instructions",
    ]
    assert {severity for *_, severity in pay(bare, rules)} == {"required"}
    complete = at(
        ("on_site", "Denver", "CO", "US"),
        other_compensation="Bonus of up to 15%.",
        applications_rolling=True,
        apply_url="https://jobs.example.com/1",
    )
    assert pay(complete, rules) == []


def test_an_open_ended_range_is_named(rules):
    doc = at(("on_site", "Denver", "CO", "US"), salary_max=None)
    messages = [f.message for f in findings(doc, rules, category="pay")]
    assert "Colorado asks for both ends of the range, not an open-ended one." in messages


def test_a_remote_role_is_checked_against_every_place_its_candidates_may_live(rules):
    doc = at(("remote", "", "", "US"), salary_min=None, salary_max=None)
    places = {quote for quote, *_ in pay(doc, rules)}
    assert {"Colorado", "California", "New York City", "Illinois", "Washington DC"} <= places
    assert "Ontario" not in places
    # A remote role limited to one state is checked against that state and its cities.
    new_york = {quote for quote, *_ in pay(at(("remote", "", "NY", "US")), rules)}
    assert new_york <= {"New York State", "New York City", "Westchester County", "Ithaca"}


def test_a_city_law_covers_the_city_only(rules):
    nyc = {q for q, *_ in pay(at(("on_site", "New York City", "NY", "US"), salary_max=None), rules)}
    assert {"New York State", "New York City"} <= nyc
    buffalo = {q for q, *_ in pay(at(("on_site", "Buffalo", "NY", "US"), salary_max=None), rules)}
    assert buffalo == {"New York State"}


def test_employer_size_thresholds_use_the_headcount_and_blank_means_met(rules):
    small = Organisation(equal_opportunity=EEO, headcount=20)
    doc = at(("on_site", "Minneapolis", "MN", "US"), salary_min=None, salary_max=None)
    assert pay(doc, rules)  # blank headcount: the 30-employee threshold is taken as met
    assert (
        pay(
            at(
                ("on_site", "Minneapolis", "MN", "US"),
                salary_min=None,
                salary_max=None,
                organisation=small,
            ),
            rules,
        )
        == []
    )


def test_a_rule_not_yet_in_force_shows_from_its_date(rules):
    doc = at(("on_site", "Wilmington", "DE", "US"), salary_min=None, salary_max=None)
    (delaware, *_) = findings(doc, rules, category="pay") or [None]
    assert delaware is None  # information does not count
    from roles.checks.guidance import check_document
    from tests.helpers.checks import TODAY

    info = [f for f in check_document(doc, rules, today=TODAY) if f.category == "pay"]
    assert info and all(f.severity == "info" for f in info)
    assert info[0].message.startswith("From 26 Sep 2027: Delaware asks for")
    # As of a posting date after it, the same rule is required.
    later = at(
        ("on_site", "Wilmington", "DE", "US"),
        salary_min=None,
        salary_max=None,
        posting_date=datetime.date(2027, 10, 1),
    )
    assert {severity for *_, severity in pay(later, rules)} == {"required"}


def test_every_rule_shows_when_its_facts_were_checked(rules):
    doc = at(("on_site", "Denver", "CO", "US"), salary_min=None, salary_max=None)
    finding = findings(doc, rules, category="pay")[0]
    assert "Facts checked" in finding.why
    assert finding.source and finding.source_url.startswith("https://")


def test_places_whose_law_asks_only_on_request_get_a_hint_never_a_requirement(rules):
    for place in (("on_site", "Providence", "RI", "US"), ("on_site", "Reno", "NV", "US")):
        found = pay(at(place, salary_min=None, salary_max=None), rules)
        assert found and {severity for *_, severity in found} == {"advice"}, place
    assert pay(at(("on_site", "Providence", "RI", "US")), rules) == []


def test_ontario_asks_for_a_range_no_wider_than_50000_ai_use_and_the_vacancy(rules):
    toronto = ("on_site", "Toronto", "ON", "CA")
    wide = at(toronto, salary_min=100_000, salary_max=160_000, salary_currency="CAD")
    messages = [f.message for f in findings(wide, rules, category="pay")]
    assert any("no wider than CAD 50,000" in m for m in messages)
    assert any("whether AI screens applicants" in m for m in messages)
    assert any("existing vacancy" in m for m in messages)
    stated = at(
        toronto,
        salary_min=100_000,
        salary_max=140_000,
        salary_currency="CAD",
        ai_screening="no",
        existing_vacancy="yes",
    )
    assert pay(stated, rules) == []
    # Above $200,000 the pay rules do not apply; the statements still do.
    senior = at(toronto, salary_min=None, salary_max=Decimal("250000"), salary_currency="CAD")
    assert [s for _, s, _ in pay(senior, rules)] == ["ai_screening", "existing_vacancy"]
    canadian = at(
        toronto,
        salary_min=100_000,
        salary_max=140_000,
        salary_currency="CAD",
        ai_screening="no",
        existing_vacancy="yes",
        qualifications=["Canadian work experience in logistics."],
    )
    assert [s for _, s, _ in pay(canadian, rules)] == ["qualifications"]


def test_the_eu_directive_is_guidance(rules):
    doc = at(
        ("on_site", "Dublin", "", "IE"), title="Foreman (m/f)", salary_min=None, salary_max=None
    )
    found = pay(doc, rules)
    assert found and {severity for *_, severity in found} == {"advice"}
    assert {section for _, section, _ in found} == {"salary_min", "title"}


def test_applicable_rules_for_a_draft_with_two_places(rules):
    doc = at(("on_site", "Denver", "CO", "US"), ("hybrid", "Seattle", "WA", "US"))
    assert {rule.jurisdiction for rule in applicable_rules(doc, rules)} == {
        "Colorado",
        "Washington",
    }
