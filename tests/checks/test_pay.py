"""Pay transparency where the job is, with the seeded rules (as corrected by migration 0042): which
laws reach a draft and why, from when, for whom, and what each asks, one finding per missing item
naming every place that asks for it. Every example of issue #26 is here."""

import datetime
from decimal import Decimal

import pytest

from roles.checks.guidance import check_document
from roles.checks.pay import applicable_rules, gendered_title, reaches
from roles.checks.rules import GuidanceRules, PayRule
from roles.documents.data import LocationItem, Organisation
from tests.helpers.checks import TODAY, document, findings

pytestmark = pytest.mark.django_db

EEO = "We are an equal opportunity employer."
DENVER = ("on_site", "Denver", "CO", "US")
TORONTO = ("on_site", "Toronto", "ON", "CA")


def at(*places, **fields):
    """A document whose work locations are ``places``: (arrangement, city, region, country) and
    optionally a ZIP or postal code."""
    locations = tuple(
        LocationItem(None, *place[:4], postal_code=place[4] if len(place) > 4 else "")
        for place in places
    )
    return document(locations=locations, **fields)


def pay(doc, rules, **kwargs):
    """(section, severity) of each counted pay finding."""
    return [(f.section, f.severity) for f in findings(doc, rules, category="pay", **kwargs)]


def places(doc, rules):
    return {rule.jurisdiction for rule in applicable_rules(doc, rules)}


def every_pay_finding(doc, rules, today=TODAY):
    return [f for f in check_document(doc, rules, today=today) if f.category == "pay"]


def test_a_place_without_a_posting_law_gets_nothing(rules):
    assert pay(at(("on_site", "Austin", "TX", "US"), salary_min=None, salary_max=None), rules) == []


# Colorado: each item dated by its own source; other compensation yes/no/blank.


def test_colorado_asks_for_the_range_benefits_deadline_and_how_to_apply(rules):
    bare = at(DENVER, salary_min=None, salary_max=None, benefits="")
    assert pay(bare, rules) == [
        ("salary_min", "required"),
        ("benefits", "required"),
        # Blank: the draft does not say whether other compensation is offered: advice.
        ("other_compensation", "advice"),
        ("closing_date", "required"),
        ("apply_instructions", "required"),
    ]


def test_the_compliant_denver_posting_with_no_other_compensation_passes(rules):
    compliant = at(
        DENVER,
        other_compensation_offered="no",
        applications_rolling=True,
        apply_url="https://jobs.example.com/1",
    )
    assert pay(compliant, rules) == []
    offered = at(
        DENVER,
        other_compensation_offered="yes",
        applications_rolling=True,
        apply_url="https://jobs.example.com/1",
    )
    assert pay(offered, rules) == [("other_compensation", "required")]
    described = at(
        DENVER,
        other_compensation_offered="yes",
        other_compensation="Bonus of up to 15%.",
        applications_rolling=True,
        apply_url="https://jobs.example.com/1",
    )
    assert pay(described, rules) == []


def test_a_2021_colorado_posting_is_not_asked_for_the_application_deadline(rules):
    fields = {"other_compensation_offered": "no", "apply_url": "https://jobs.example.com/1"}
    old = at(DENVER, posting_date=datetime.date(2021, 6, 1), **fields)
    assert pay(old, rules) == []
    (coming,) = [f for f in every_pay_finding(old, rules) if f.section == "closing_date"]
    assert coming.severity == "info"
    assert coming.message.startswith("From 1 Jan 2024: Colorado asks for the closing date")
    new = at(DENVER, posting_date=datetime.date(2024, 1, 2), **fields)
    assert pay(new, rules) == [("closing_date", "required")]


def test_an_open_ended_range_is_named(rules):
    doc = at(DENVER, salary_max=None, other_compensation_offered="no")
    messages = [f.message for f in findings(doc, rules, category="pay")]
    assert any("both ends of the range, not an open-ended one" in m for m in messages)


# Remote reach per law.


def test_a_remote_role_open_to_the_whole_us_gets_only_the_laws_that_reach_it(rules):
    doc = at(("remote", "", "", "US"), salary_min=None, salary_max=None)
    reached = {reach.rule.jurisdiction: reach for reach in reaches(doc, rules)}
    assert {"Colorado", "California", "Washington", "New York City", "New Jersey"} <= set(reached)
    # New York State and Vermont reach remote roles reporting to an office there; Delaware those
    # of Delaware-based employers; Ithaca only its standard work location.
    assert not {"New York State", "Vermont", "Delaware", "Ithaca", "Ontario"} & set(reached)
    assert "someone living in Colorado could fill" in reached["Colorado"].why
    # Illinois: only where work or supervision there is foreseen: advice, saying so.
    assert reached["Illinois"].advice_only and "foresee" in reached["Illinois"].why
    required = [r for r in reached.values() if r.rule.mandatory and not r.advice_only]
    assert len(required) < 22


def test_new_york_and_vermont_reach_remote_roles_reporting_to_an_office_there(rules):
    remote = ("remote", "", "", "US")
    assert "New York State" in places(at(remote, reporting_office_region="NY"), rules)
    assert "Vermont" in places(at(remote, reporting_office_region="VT"), rules)
    assert "New York State" not in places(at(remote, reporting_office_region="TX"), rules)
    # A job in Texas that reports to a New York office is covered by New York's law too.
    assert "New York State" in places(
        at(("on_site", "Austin", "TX", "US"), reporting_office_region="ny"), rules
    )


def test_a_remote_role_of_a_texas_employer_is_not_reached_by_delaware(rules):
    remote = ("remote", "", "", "US")
    after = datetime.date(2027, 10, 1)
    texan = Organisation(equal_opportunity=EEO, home_region="TX", home_country="US")
    assert "Delaware" not in places(at(remote, organisation=texan, posting_date=after), rules)
    delawarean = Organisation(equal_opportunity=EEO, home_region="DE", home_country="US")
    assert "Delaware" in places(at(remote, organisation=delawarean, posting_date=after), rules)
    # A job located in Delaware is covered whoever the employer is.
    assert "Delaware" in places(
        at(("on_site", "Wilmington", "DE", "US"), organisation=texan), rules
    )


def test_a_remote_role_limited_to_new_york_is_work_in_new_york(rules):
    reached = places(at(("remote", "", "NY", "US")), rules)
    assert {"New York State", "New York City", "Westchester County"} <= reached
    assert "Ithaca" not in reached  # a standard work location in the city only


# Places, not substrings.


@pytest.mark.parametrize(
    "city, law",
    [
        ("Brooklyn", "New York City"),
        ("Flushing", "New York City"),
        ("The Bronx", "New York City"),
        ("staten island", "New York City"),
        ("White Plains", "Westchester County"),
        ("Yonkers", "Westchester County"),
        ("New Rochelle", "Westchester County"),
        ("Croton on Hudson", "Westchester County"),
    ],
)
def test_city_and_county_laws_match_whole_place_names(rules, city, law):
    assert law in places(at(("on_site", city, "NY", "US")), rules)


@pytest.mark.parametrize(
    "city, region, not_law",
    [
        ("Cleveland Heights", "OH", "Cleveland"),
        ("East Cleveland", "OH", "Cleveland"),
        ("Columbus Grove", "OH", "Columbus"),
        ("York", "NY", "New York City"),
        ("Buffalo", "NY", "New York City"),
    ],
)
def test_a_name_inside_another_is_not_that_place(rules, city, region, not_law):
    assert not_law not in places(at(("on_site", city, region, "US")), rules)


def test_a_zip_code_decides_the_state_and_county(rules):
    brooklyn = at(("on_site", "Brooklyn", "", "US", "11201"))
    assert {"New York State", "New York City"} <= places(brooklyn, rules)
    # The county from the ZIP code: Westchester County's law for a hamlet the gazetteer lacks.
    assert "Westchester County" in places(at(("on_site", "Anywhere", "", "US", "10601")), rules)


def test_a_zip_code_used_for_another_municipality_asks_which(rules):
    doc = at(("on_site", "Cleveland Heights", "OH", "US", "44118"), salary_min=None)
    (reach,) = [r for r in reaches(doc, rules) if r.rule.jurisdiction == "Cleveland"]
    assert reach.advice_only and "also used for Cleveland" in reach.why
    assert "Cleveland" not in places(at(("on_site", "Cleveland Heights", "OH", "US")), rules)


def test_a_canadian_postal_code_decides_the_province(rules):
    assert "Ontario" in places(at(("on_site", "Toronto", "", "CA", "M5V 2T6")), rules)
    assert "British Columbia" in places(at(("on_site", "Vancouver", "", "CA", "V6B 1A1")), rules)


def test_a_city_without_a_state_is_asked_for_its_state(rules):
    (finding,) = every_pay_finding(at(("on_site", "Springfield", "", "US")), rules)
    assert finding.message == "We can't check pay laws for Springfield: give its state or province."
    assert finding.severity == "advice" and finding.section == "locations"


def test_an_unrecognised_state_says_so_never_nothing(rules):
    (finding,) = every_pay_finding(at(("on_site", "Gotham", "ZZ", "US")), rules)
    assert finding.message.startswith("We can't check pay laws for ZZ")
    assert finding.counts
    (unknown_zip,) = every_pay_finding(at(("on_site", "Denver", "CO", "US", "00000")), rules)
    assert unknown_zip.message.startswith("We can't check pay laws for 00000")


# Who is counted.


def test_a_minnesota_job_of_a_1000_person_company_with_three_people_there(rules):
    minneapolis = ("on_site", "Minneapolis", "MN", "US")
    three = Organisation(
        equal_opportunity=EEO, headcount=1000, place_headcounts=(("Minnesota", 3),)
    )
    assert "Minnesota" not in places(at(minneapolis, organisation=three), rules)
    unknown = Organisation(equal_opportunity=EEO, headcount=1000)
    doc = at(minneapolis, organisation=unknown, salary_min=None, salary_max=None)
    (reach,) = [r for r in reaches(doc, rules) if r.rule.jurisdiction == "Minnesota"]
    assert "assumed: at least 30 employees as Minnesota counts them" in reach.why
    assert ("salary_min", "required") in pay(doc, rules)
    small = Organisation(equal_opportunity=EEO, headcount=20)
    assert "Minnesota" not in places(at(minneapolis, organisation=small), rules)


def test_a_blank_headcount_is_assumed_and_the_finding_says_so(rules):
    doc = at(("on_site", "Seattle", "WA", "US"), salary_min=None, salary_max=None)
    finding = next(f for f in findings(doc, rules, category="pay") if f.section == "salary_min")
    assert "assumed: at least 15 employees in total" in finding.why


# Which postings.


def test_an_internal_toronto_posting_is_not_covered_by_ontario(rules):
    internal = at(TORONTO, salary_min=None, salary_max=None, audience="internal")
    assert "Ontario" not in places(internal, rules)
    assert "Ontario" in places(at(TORONTO, audience="both"), rules)


def test_internal_postings_per_law(rules):
    def honolulu(audience):
        return at(("on_site", "Honolulu", "HI", "US"), audience=audience)

    assert "Hawaii" not in places(honolulu("internal"), rules)  # transfers/promotions exempt
    assert "Hawaii" in places(honolulu("external"), rules)
    newark = at(
        ("on_site", "Newark", "NJ", "US"), audience="internal", salary_min=None, salary_max=None
    )
    assert "New Jersey" in places(newark, rules)
    assert ("salary_min", "required") in pay(newark, rules)
    # Sources silent (California): covered, as advice, for an internal posting.
    sacramento = at(
        ("on_site", "Sacramento", "CA", "US"), audience="internal", salary_min=None, salary_max=None
    )
    assert pay(sacramento, rules) == [("salary_min", "advice")]


# Accepted forms: Ontario's limits on annual equivalents in Canadian dollars.


def test_toronto_hourly_20_to_60_is_83200_wide_a_year(rules):
    hourly = at(
        TORONTO,
        salary_min=20,
        salary_max=60,
        salary_currency="CAD",
        pay_period="hour",
        ai_screening="no",
        existing_vacancy="yes",
    )
    (finding,) = findings(hourly, rules, category="pay")
    assert "no wider than CAD 50,000 a year" in finding.message
    narrow = at(
        TORONTO,
        salary_min=40,
        salary_max=60,
        salary_currency="CAD",
        pay_period="hour",
        ai_screening="no",
        existing_vacancy="yes",
    )
    assert pay(narrow, rules) == []


@pytest.mark.parametrize(
    "low, high, period",
    [(None, 21_000, "month"), (250_000, None, "year"), (150_000, 210_000, "year")],
)
def test_ontario_exemption_above_200000_a_year_at_either_end(rules, low, high, period):
    doc = at(
        TORONTO,
        salary_min=low,
        salary_max=high,
        salary_currency="CAD",
        pay_period=period,
        ai_screening="no",
        existing_vacancy="yes",
    )
    assert pay(doc, rules) == []


def test_a_toronto_posting_in_us_dollars_is_told_to_state_cad(rules):
    doc = at(TORONTO, salary_currency="USD", ai_screening="no", existing_vacancy="yes")
    (finding,) = findings(doc, rules, category="pay")
    assert finding.severity == "advice" and "the pay in CAD" in finding.message


def test_ontario_still_asks_for_ai_use_vacancy_and_no_canadian_experience(rules):
    doc = at(
        TORONTO,
        salary_min=100_000,
        salary_max=140_000,
        salary_currency="CAD",
        qualifications=["Canadian work experience in logistics."],
    )
    assert {section for section, _ in pay(doc, rules)} == {
        "ai_screening",
        "existing_vacancy",
        "qualifications",
    }


# Facts corrected.


def test_dc_without_benefits_is_advice_not_required(rules):
    doc = at(("on_site", "Washington", "DC", "US"), benefits="")
    assert pay(doc, rules) == [("benefits", "advice")]
    (finding,) = findings(doc, rules, category="pay")
    assert "before the first interview" in finding.why
    assert pay(
        at(("on_site", "Washington", "DC", "US"), salary_min=None, salary_max=None), rules
    ) == [("salary_min", "required")]


def test_ithacas_flat_rate_is_allowed(rules):
    ithaca = ("on_site", "Ithaca", "NY", "US")
    assert pay(at(ithaca, salary_min=90_000, salary_max=90_000), rules) == []
    assert "Ithaca" not in places(at(("remote", "", "NY", "US")), rules)


def test_massachusetts_one_figure_is_advice_until_settled(rules):
    boston = at(("on_site", "Boston", "MA", "US"), salary_min=90_000, salary_max=90_000)
    assert pay(boston, rules) == [("salary_max", "advice")]


def test_maine_is_advice_until_verified(rules):
    doc = at(("on_site", "Portland", "ME", "US"), salary_min=None, salary_max=None)
    assert pay(doc, rules) == [("salary_min", "advice")]


def test_hawaiis_pending_bills_are_a_note(rules):
    doc = at(("on_site", "Honolulu", "HI", "US"), salary_min=None, salary_max=None)
    (finding,) = findings(doc, rules, category="pay")
    assert "bills pending in the Legislature would lower the threshold" in finding.why
    assert finding.severity == "required"  # the law in force is unchanged


def test_columbus_says_enforcement_starts_in_2027(rules):
    doc = at(("on_site", "Columbus", "OH", "US"), salary_min=None, salary_max=None)
    (finding,) = findings(doc, rules, category="pay")
    assert "Enforced from 1 Jan 2027" in finding.why


def test_california_cites_sb_642(rules):
    doc = at(("on_site", "Oakland", "CA", "US"), salary_min=None, salary_max=None)
    (finding,) = findings(doc, rules, category="pay")
    assert "SB 642" in finding.source and "good-faith estimate" in finding.why


def test_westchester_notes_the_open_preemption_question(rules):
    doc = at(("on_site", "White Plains", "NY", "US"), salary_min=None, salary_max=None)
    (finding,) = findings(doc, rules, category="pay")
    assert "pre-empts" in finding.why


def test_a_rule_not_yet_in_force_shows_from_its_date(rules):
    doc = at(("on_site", "Wilmington", "DE", "US"), salary_min=None, salary_max=None)
    assert pay(doc, rules) == []  # information does not count
    info = every_pay_finding(doc, rules)
    assert info and all(f.severity == "info" for f in info)
    assert info[0].message.startswith("From 26 Sep 2027: Delaware asks for")
    later = at(
        ("on_site", "Wilmington", "DE", "US"),
        salary_min=None,
        salary_max=None,
        other_compensation_offered="no",
        posting_date=datetime.date(2027, 10, 1),
    )
    assert {severity for _, severity in pay(later, rules)} == {"required"}


def test_places_whose_law_asks_only_on_request_get_a_hint_never_a_requirement(rules):
    for place in (("on_site", "Providence", "RI", "US"), ("on_site", "Reno", "NV", "US")):
        found = pay(at(place, salary_min=None, salary_max=None), rules)
        assert found and {severity for _, severity in found} == {"advice"}, place
    assert pay(at(("on_site", "Providence", "RI", "US")), rules) == []


# The EU: the directive's guidance, and member states' own laws.


def test_the_eu_directive_asks_for_pay_before_the_interview_as_advice(rules):
    doc = at(("on_site", "Dublin", "", "IE"), salary_min=None, salary_max=None)
    (finding,) = findings(doc, rules, category="pay")
    assert finding.severity == "advice"
    assert "before the first interview" in finding.message
    assert "on request" not in finding.message


def test_lithuania_requires_pay_in_the_ad(rules):
    doc = at(("on_site", "Vilnius", "", "LT"), salary_min=None, salary_max=None)
    assert pay(doc, rules) == [("salary_min", "required")]
    assert places(doc, rules) == {"Lithuania"}


@pytest.mark.parametrize(
    "city, country, law",
    [
        ("Milan", "IT", "Italy"),
        ("Valletta", "MT", "Malta"),
        ("Bratislava", "SK", "Slovakia"),
        ("Warsaw", "PL", "Poland"),
    ],
)
def test_member_states_with_a_law_ask_before_the_interview_as_advice(rules, city, country, law):
    doc = at(("on_site", city, "", country), salary_min=None, salary_max=None)
    assert places(doc, rules) == {law}  # not the directive's row as well
    assert pay(doc, rules) == [("salary_min", "advice")]


def test_m_f_d_marks_an_inclusive_ad_not_a_gendered_title(rules):
    assert not gendered_title("Operations Manager (m/f/d)")
    assert not gendered_title("Leiter Betrieb (m/w/d)")
    assert gendered_title("Foreman (m/f/d)")  # the word itself still is
    assert gendered_title("Operations Manager (m/f)")
    berlin = at(("on_site", "Berlin", "", "DE"), title="Director of Operations (m/f/d)")
    assert pay(berlin, rules) == []


# Findings people can act on.


def test_one_finding_per_missing_item_naming_every_place(rules):
    doc = at(("remote", "", "", "US"), salary_min=None, salary_max=None, benefits="")
    found = findings(doc, rules, category="pay")
    keys = [(f.section, f.severity) for f in found]
    assert len(keys) == len(set(keys))
    (pay_range,) = [f for f in found if f.section == "salary_min" and f.severity == "required"]
    assert " and " in pay_range.message and " more" in pay_range.message
    named = pay_range.quote.split(", ")
    assert {"Colorado", "California", "New York City"} <= set(named)
    # Each law's own words, source and the date its facts were checked.
    assert pay_range.why.split(" Also advised for: ")[0].count("Facts checked") == len(named)
    assert "Source: " in pay_range.why
    # Places where the item is only advice are told in the required finding, not a second one.
    assert [f.section for f in found].count("salary_min") == 1
    assert "Also advised for: " in pay_range.why and "Hawaii (" in pay_range.why
    assert len(found) == 5


def test_applicable_rules_for_a_draft_with_two_places(rules):
    doc = at(DENVER, ("hybrid", "Seattle", "WA", "US"))
    assert places(doc, rules) == {"Colorado", "Washington"}


def test_a_salary_in_decimals_compares_as_annual(rules):
    doc = at(
        TORONTO,
        salary_min=Decimal("100000.50"),
        salary_max=Decimal("150000.50"),
        salary_currency="CAD",
        ai_screening="no",
        existing_vacancy="yes",
    )
    assert pay(doc, rules) == []


# Commission-only and tipped jobs, where the law names them.


def test_a_commission_only_job_may_say_so_where_the_law_allows(rules):
    albany = ("on_site", "Albany", "NY", "US")
    commission = at(albany, salary_min=None, salary_max=None, pay_basis="commission")
    assert pay(commission, rules) == []
    assert commission.salary_range == "Commission only"
    # Where the law names no such alternative (Colorado), the range is still asked for.
    denver = at(DENVER, salary_min=None, salary_max=None, pay_basis="commission")
    assert ("salary_min", "required") in pay(denver, rules)
    # A salaried job in New York still gives its range.
    assert pay(at(albany, salary_min=None, salary_max=None), rules) == [("salary_min", "required")]


def test_a_tipped_job_states_it_beside_its_base_wage(rules):
    doc = at(
        ("on_site", "Burlington", "VT", "US"),
        salary_min=15,
        salary_max=18,
        pay_period="hour",
        pay_basis="tipped",
    )
    assert doc.salary_range == "USD 15 – 18 per hour, plus tips"
    assert pay(doc, rules) == []


@pytest.mark.parametrize(
    "city, region, law",
    [
        ("St. John's", "NL", "Newfoundland and Labrador"),
        ("Halifax", "NS", "Nova Scotia"),
        ("Moncton", "NB", "New Brunswick"),
    ],
)
def test_atlantic_provinces_without_a_law_in_force_get_advice(rules, city, region, law):
    doc = at(
        ("on_site", city, region, "CA"),
        salary_min=None,
        salary_max=None,
        posting_date=datetime.date(2026, 12, 10),
    )
    assert places(doc, rules) == {law}
    assert pay(doc, rules) == [("salary_min", "advice")]


def test_an_hourly_range_counts_the_hours_a_year_of_the_levels_pay_band(rules):
    from dataclasses import replace

    from roles.checks.pay_band import BandRule

    doc = at(
        TORONTO,
        salary_min=30,
        salary_max=55,
        salary_currency="CAD",
        pay_period="hour",
        ai_screening="no",
        existing_vacancy="yes",
    )
    # 25 an hour wider: 52,000 a year at 2,080 hours...
    assert pay(doc, rules) == [("salary_max", "required")]
    # ...48,750 at the 1,950 hours of the Director's band.
    band = BandRule("director", "CAD", "hour", Decimal(30), Decimal(55), hours_per_year=1950)
    assert pay(doc, replace(rules, pay_bands=(band,))) == []


def test_a_toronto_posting_in_us_dollars_is_converted_at_hrs_dated_rate(rules):
    from dataclasses import replace

    rate = ((("USD", "CAD"), (Decimal("1.40"), datetime.date(2026, 11, 1))),)
    fields = {"ai_screening": "no", "existing_vacancy": "yes", "salary_currency": "USD"}
    # USD 100,000–140,000 is CAD 140,000–196,000: 56,000 wide.
    wide = at(TORONTO, salary_min=100_000, salary_max=140_000, **fields)
    (finding,) = findings(wide, replace(rules, currency_rates=rate), category="pay")
    assert "no wider than CAD 50,000 a year (converted at HR's rate of 1 Nov 2026)" in (
        finding.message
    )
    # USD 150,000 is CAD 210,000: above the exemption.
    senior = at(TORONTO, salary_min=100_000, salary_max=150_000, **fields)
    assert pay(senior, replace(rules, currency_rates=rate)) == []
    narrow = at(TORONTO, salary_min=100_000, salary_max=130_000, **fields)
    assert pay(narrow, replace(rules, currency_rates=rate)) == []


def test_a_finding_without_the_laws_words_says_it_is_a_summary():
    rule = PayRule(
        jurisdiction="Somewhere", country="US", region="CO", requirements=frozenset({"range"})
    )
    doc = at(DENVER, salary_min=None, salary_max=None)
    (found,) = every_pay_finding(doc, GuidanceRules(pay_rules=(rule,)))
    assert "That is a summary; the statute's words were not checked." in found.why
    assert "The law's words" not in found.why
    assert "Which postings: the sources are silent: both, internal ones as advice." in found.why


def test_a_finding_quotes_the_laws_words_and_the_postings_source():
    rule = PayRule(
        jurisdiction="Somewhere",
        country="US",
        region="CO",
        requirements=frozenset({"range"}),
        internal_postings="covered",
        postings_source="its § 2 names promotions",
        law_words=(("range", "the minimum and maximum", "§ 1(a)"),),
    )
    doc = at(DENVER, salary_min=50_000, salary_max=None)
    (found,) = every_pay_finding(doc, GuidanceRules(pay_rules=(rule,)))
    # "Both ends" is what the range's words ask.
    assert found.section == "salary_max"
    assert "The law's words: “the minimum and maximum” (§ 1(a))." in found.why
    assert "summary" not in found.why
    assert "Which postings: public and internal ones (its § 2 names promotions)." in found.why


def test_an_allowance_dated_by_its_source_is_not_there_before_that_date():
    rule = PayRule(
        jurisdiction="Somewhere",
        country="US",
        region="CO",
        requirements=frozenset({"range", "fixed_if_no_range"}),
        item_dates=(("fixed_if_no_range", datetime.date(2025, 7, 27)),),
        effective_from=datetime.date(2023, 1, 1),
    )
    rules = GuidanceRules(pay_rules=(rule,))
    one_figure = {"salary_min": 80_000, "salary_max": 80_000}
    before = at(DENVER, posting_date=datetime.date(2025, 7, 26), **one_figure)
    after = at(DENVER, posting_date=datetime.date(2025, 7, 27), **one_figure)
    (found,) = every_pay_finding(before, rules)
    assert found.severity == "required" and "a range, not one figure" in found.message
    assert "One figure is allowed for postings from 27 Jul 2025." in found.why
    assert every_pay_finding(after, rules) == []


# The law's own words, which postings, items' dates (migration 0053).

DC = ("on_site", "Washington", "DC", "US")


def test_dcs_finding_quotes_its_code_and_says_which_postings(rules):
    (finding,) = every_pay_finding(at(DC, salary_min=None, salary_max=None), rules)
    assert (
        "The law's words: “Provide the minimum and maximum projected salary or hourly pay in all "
        "job listings and position descriptions advertised.” (D.C. Code § 32-1453.01(a)(1)"
    ) in finding.why
    assert "Which postings: public and internal ones (D.C. Code § 32-1453.01(a)(1)" in finding.why
    # Its benefits item quotes the duty before the first interview.
    (benefits,) = every_pay_finding(at(DC, benefits=""), rules)
    assert "existence of healthcare benefits that employees may receive before the first " in (
        benefits.why
    )


def test_a_law_whose_words_were_not_checked_says_it_is_a_summary(rules):
    richmond = at(("on_site", "Richmond", "VA", "US"), salary_min=None, salary_max=None)
    (finding,) = [f for f in every_pay_finding(richmond, rules) if f.section == "salary_min"]
    assert finding.quote == "Virginia"
    assert "That is a summary; the statute's words were not checked." in finding.why


def test_every_seeded_rule_that_names_its_postings_cites_where(rules):
    named = [rule for rule in rules.pay_rules if rule.internal_postings != "unknown"]
    assert len(named) >= 17
    assert [rule.jurisdiction for rule in named if not rule.postings_source] == []
    by_name = {rule.jurisdiction: rule for rule in rules.pay_rules}
    # Where the sources say so: internal postings covered in DC, Illinois, Vermont and
    # Westchester (their own words); silent in California and Massachusetts.
    for name in ("Washington DC", "Illinois", "Vermont", "Westchester County"):
        assert by_name[name].internal_postings == "covered", name
    for name in ("California", "Massachusetts", "Minnesota"):
        assert by_name[name].internal_postings == "unknown", name


def test_an_internal_dc_posting_is_asked_for_the_range(rules):
    internal = at(DC, audience="internal", salary_min=None, salary_max=None)
    assert pay(internal, rules) == [("salary_min", "required")]


def test_the_thirty_seeded_rules_were_checked_on_2026_12_02_or_later(rules):
    checked = {rule.jurisdiction: rule.facts_checked for rule in rules.pay_rules}
    assert min(checked.values()) == datetime.date(2026, 12, 2)
    assert checked["Toledo"] == checked["New York State"] == datetime.date(2026, 12, 2)


def test_washingtons_one_figure_is_allowed_from_2025_07_27(rules):
    seattle = ("on_site", "Seattle", "WA", "US")
    one_figure = {"salary_min": 90_000, "salary_max": 90_000}
    before = at(seattle, posting_date=datetime.date(2025, 7, 1), **one_figure)
    (finding,) = [f for f in every_pay_finding(before, rules) if f.section == "salary_max"]
    assert finding.severity == "required"
    assert "One figure is allowed for postings from 27 Jul 2025." in finding.why
    assert "The law's words: “The employer must disclose in each posting" in finding.why
    after = at(seattle, posting_date=datetime.date(2025, 7, 27), **one_figure)
    assert "salary_max" not in [section for section, _ in pay(after, rules)]


def test_nevada_quotes_when_its_range_is_given_and_ontario_cites_its_regulation(rules):
    (finding,) = [
        f
        for f in every_pay_finding(
            at(("on_site", "Reno", "NV", "US"), salary_min=None, salary_max=None), rules
        )
        if f.section == "salary_min"
    ]
    assert finding.severity == "advice"
    assert "who has completed an interview for a position" in finding.why
    assert "(NRS 613.133(2)(a)" in finding.why
    ontario = next(rule for rule in rules.pay_rules if rule.jurisdiction == "Ontario")
    assert ontario.postings_source.startswith("O. Reg. 476/24 s. 2(1)")


def test_an_ontario_posting_without_an_ai_statement_quotes_the_provinces_guide(rules):
    found = every_pay_finding(at(TORONTO, ai_screening=""), rules)
    (finding,) = [f for f in found if f.section == "ai_screening"]
    assert finding.severity == "required"
    assert "“a statement disclosing the employer’s use, if any, of artificial intelligence" in (
        finding.why
    )
    assert "(the regulator's words; the Act's own were not checked" in finding.why


def test_new_jersey_quotes_its_regulator_and_cites_its_postings(rules):
    newark = at(("on_site", "Newark", "NJ", "US"), benefits="")
    (finding,) = [f for f in every_pay_finding(newark, rules) if f.section == "benefits"]
    assert "in their postings for new jobs and transfer opportunities" in finding.why
    assert "NJ Department of Labor on N.J.S.A. 34:6B-23 (the regulator's words" in finding.why
    assert "Which postings: public and internal ones (NJ Department of Labor" in finding.why


# The words seen for migration 0062: each finding quotes them with the page they were read on.


def test_illinois_quotes_its_act_on_other_compensation(rules):
    chicago = at(("on_site", "Chicago", "IL", "US"), other_compensation_offered="yes")
    (finding,) = [f for f in every_pay_finding(chicago, rules) if f.section == "other_compensation"]
    assert finding.quote == "Illinois" and finding.severity == "required"
    assert (
        'The law\'s words: “"Pay scale and benefits" means the wage or salary, or the wage or '
        "salary range, and a general description of the benefits and other compensation"
    ) in finding.why
    assert "(820 ILCS 112/5 (text after amendment by P.A. 103-539), ilga.gov" in finding.why


def test_ithaca_and_massachusetts_quote_the_city_and_the_attorney_general(rules):
    ithaca = at(("on_site", "Ithaca", "NY", "US"), salary_min=None, salary_max=None)
    (finding,) = [f for f in every_pay_finding(ithaca, rules) if f.section == "salary_min"]
    ithacas = finding.why[finding.why.index("Ithaca (") :]
    assert "“it shall be an unlawful discriminatory practice" in ithacas
    assert "(City of Ithaca, Pay Transparency Law FAQs of 2022-08-05" in ithacas
    boston = at(("on_site", "Boston", "MA", "US"), salary_min=None, salary_max=None)
    (finding,) = [f for f in every_pay_finding(boston, rules) if f.section == "salary_min"]
    assert finding.quote == "Massachusetts"
    assert "“Starting October 29, 2025, the Act also requires employers" in finding.why
    assert "(the regulator's words; the Act's own were not checked)" in finding.why
    assert "summary" not in finding.why


def test_the_directive_is_quoted_from_its_article_5(rules):
    berlin = at(("on_site", "Berlin", "", "DE"), salary_min=None, salary_max=None)
    (finding,) = [f for f in every_pay_finding(berlin, rules) if f.section == "salary_min"]
    assert finding.quote == "EU Pay Transparency Directive" and finding.severity == "advice"
    assert "vacancy notice, prior to the job interview or otherwise.”" in finding.why
    assert "(Directive (EU) 2023/970, Art. 5(1), OJ L 132 of 17.5.2023" in finding.why
    directive = next(r for r in rules.pay_rules if r.jurisdiction == finding.quote)
    words, cite = directive.words_for("gender_neutral_title")
    assert words.startswith("Employers shall ensure that job vacancy notices and job titles are")
    assert "Art. 5(3)" in cite


# The words seen for migration 0073: the amending law's own (Lithuania), or a named page's
# quotation of the law, said as such beside the primary citation.


def _finding(doc, rules, section, jurisdiction, today=TODAY):
    """The finding on ``section`` that names ``jurisdiction``, and that law's part of its why."""
    (finding,) = [f for f in every_pay_finding(doc, rules, today) if f.section == section]
    assert jurisdiction in finding.quote.split(", ")
    return finding, finding.why[finding.why.index(f"{jurisdiction} (") :]


def test_minnesota_quotes_its_statute_as_named_pages_quote_it(rules):
    minneapolis = ("on_site", "Minneapolis", "MN", "US")
    bare = at(minneapolis, salary_min=None, salary_max=None, benefits="")
    finding, why = _finding(bare, rules, "salary_min", "Minnesota")
    assert finding.severity == "required"
    assert (
        "The law's words: “the minimum and maximum annual salary or hourly range of "
        "compensation” (Minn. Stat. § 181.173 (“salary range”), as quoted by Mondaq"
    ) in why
    assert "the Revisor's text was not seen, seen 2026-12-03)." in why
    assert "summary" not in why
    _, why = _finding(bare, rules, "benefits", "Minnesota")
    assert "“the starting salary range, and a general description of all of the benefits" in why
    assert "as quoted by Law & Inequality (lawandinequality.org, 2025-04-11)" in why
    # Its one-figure allowance is quoted too (one figure passes there, so no finding shows it).
    minnesota = next(r for r in rules.pay_rules if r.jurisdiction == "Minnesota")
    assert minnesota.words_for("fixed_if_no_range")[0] == "must list a fixed pay rate"
    one_figure = at(
        minneapolis, salary_min=90_000, salary_max=90_000, other_compensation_offered="no"
    )
    assert pay(one_figure, rules) == []


def test_delaware_quotes_its_section_as_morgan_lewis_quotes_it(rules):
    wilmington = at(("on_site", "Wilmington", "DE", "US"), salary_min=None, salary_max=None)
    finding, why = _finding(
        wilmington, rules, "salary_min", "Delaware", today=datetime.date(2027, 9, 26)
    )
    assert finding.severity == "required"
    assert "“the hourly or salary compensation range and a general description of the " in why
    assert "(19 Del. C. § 709C (HS 2 for HB 105), as quoted by Morgan Lewis" in why
    delaware = next(r for r in rules.pay_rules if r.jurisdiction == "Delaware")
    words, cite = delaware.words_for("good_faith")
    assert words.startswith("the minimum to maximum pay range for the position, set in good faith")
    assert "definition" in cite
    # Its tipped and commission items were not seen quoted: still a summary.
    assert delaware.words_for("commission_alternative") is None


def test_columbus_quotes_its_code_and_lithuania_its_labour_code_in_lithuanian(rules):
    columbus = at(("on_site", "Columbus", "OH", "US"), salary_min=None, salary_max=None)
    _, why = _finding(columbus, rules, "salary_min", "Columbus")
    assert "“provide a reasonable salary range or scale for potential employment”" in why
    assert "(Columbus City Codes ch. 2335 (Ord. 2898-2025), as quoted by Ogletree" in why
    vilnius = at(("on_site", "Vilnius", "", "LT"), salary_min=None, salary_max=None)
    finding, why = _finding(vilnius, rules, "salary_min", "Lithuania")
    assert finding.severity == "required"
    assert "“Darbo skelbime darbdavys privalo nurodyti informaciją apie siūlomo bazinio" in why
    assert "(Labour Code Art. 25(6), in Lithuanian as added by Law No XIII-2327" in why


def test_maines_advice_quotes_the_acts_range_of_pay(rules):
    portland = at(("on_site", "Portland", "ME", "US"), salary_min=None, salary_max=None)
    finding, why = _finding(portland, rules, "salary_min", "Maine")
    assert finding.severity == "advice"
    assert "“the range of pay that an employer anticipates relying on in setting wages" in why
    assert "as quoted by complianceposter.com (2026-05-11); the enacted text was not seen" in why


def test_the_rules_whose_words_were_not_seen_stay_summaries(rules):
    by_name = {rule.jurisdiction: rule for rule in rules.pay_rules}
    for name in ("Connecticut", "Virginia", "Prince Edward Island", "Poland"):
        assert by_name[name].words_for("range") is None, name
    assert by_name["Ontario"].words_for("max_range_width") is None


def test_cleveland_quotes_the_citys_own_page_and_connecticut_says_it_is_a_summary(rules):
    cleveland = at(("on_site", "Cleveland", "OH", "US"), salary_min=None, salary_max=None)
    finding, why = _finding(cleveland, rules, "salary_min", "Cleveland")
    assert finding.severity == "required"
    assert "“Employers are required to provide the salary range or scale for employment" in why
    assert "in the City of Cleveland's own words (clevelandohio.gov" in why
    assert "the ordinance's text was not seen, seen 2026-12-03)." in why
    # Connecticut's enacted words were not seen quoted anywhere: its finding says it summarises.
    hartford = at(("on_site", "Hartford", "CT", "US"), salary_min=None, salary_max=None)
    _, why = _finding(hartford, rules, "salary_min", "Connecticut")
    assert "That is a summary; the statute's words were not checked." in why
