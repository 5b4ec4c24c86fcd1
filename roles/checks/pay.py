"""Pay transparency where the job is: which posting laws reach the draft, as of its posting
date, and what they ask that the draft lacks, one finding per missing item listing every place
that asks for it.

A law reaches a draft through a work location in its place (a state by code, name or ZIP code;
a city or county by whole names, ``places.py``), or, for a remote role open beyond its place,
only as far as that law reaches remote roles (``PayRule.remote_reach``): a role open to the
whole US is not told it is covered by New York's law unless it reports to a New York office.
Each rule also says who it counts (the organisation's total headcount, or only employees in
the place), which postings (public only, or internal ones too, read against the draft's
"posted"), and from when each item applies. What is unsettled at the source, or reached only
by assumption, is advice, never "required"; a law not yet in force is "from DATE"."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import places
from .findings import Finding, LawCited
from .pay_band import HOURS_PER_DAY, PERIODS_PER_YEAR, band_for
from .rules import GuidanceRules, PayRule

# The EU's member states (ISO codes), for the Pay Transparency Directive's "EU" rule: geography,
# not something HR edits.
EU_MEMBERS = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)

#: Hours in a year for an hourly or daily amount's annual equivalent: the pay bands' default.
HOURS_PER_YEAR = Decimal(2080)

#: Named in a grouped finding before "and N more".
PLACES_NAMED = 3


@dataclass(frozen=True)
class Reach:
    """A rule that reaches the draft, why, and whether only as advice (an assumption the
    organisation can settle, or a reach the law leaves open)."""

    rule: PayRule
    why: str
    advice_only: bool = False


def check_pay(document, rules: GuidanceRules, today: date) -> list[Finding]:
    as_of = document.posting_date or today
    # An hour's annual equivalent counts the hours a year of the level's pay band, as the band
    # check does (2,080 without one).
    band = band_for(document, rules.pay_bands)
    hours = Decimal(band.hours_per_year) if band else HOURS_PER_YEAR
    rates = dict(rules.currency_rates)
    asked: dict[tuple[str, str, str], list[tuple[Reach, str]]] = {}
    findings = list(_places_not_checked(document))
    for reach in reaches(document, rules):
        rule = reach.rule
        for code, section, what in _missing(document, rule, hours, rates, as_of):
            # A missing allowance ("a range, not one figure") is the range asked since the
            # rule began; the allowance's own date only says from when one figure will do.
            starts = rule.effective_from if code in _ALLOWANCES else rule.item_from(code)
            if starts > as_of:
                severity = "info"
            elif (
                rule.mandatory
                and not reach.advice_only
                and code not in rule.advice_items
                # Stating the pay in the law's currency is how its limits can be checked, not
                # something the law itself asks.
                and code != "currency"
                and not (code == "other_compensation" and not document.other_compensation_offered)
            ):
                severity = "required"
            else:
                severity = "advice"
            asked.setdefault((code, section, severity), []).append((reach, what))
    for (code, section, severity), asking in asked.items():
        if severity == "advice" and (code, section, "required") in asked:
            continue  # folded into the required finding, below
        also = asked.get((code, section, "advice"), []) if severity == "required" else []
        findings.append(_grouped(code, section, severity, asking, as_of, also))
    return findings


def reaches(document, rules: GuidanceRules) -> list[Reach]:
    """The rules that reach the draft, each once (its strongest reach over the locations)."""
    organisation = document.organisation
    member_states = {rule.country for rule in rules.pay_rules if rule.country in EU_MEMBERS}
    found = []
    for rule in rules.pay_rules:
        counted = _counted(rule, organisation)
        if counted is False or not _posting_covered(rule, document.audience):
            continue
        best = None
        for location in document.locations:
            reach = _reach(rule, location, document, member_states)
            if reach and (best is None or (best.advice_only and not reach.advice_only)):
                best = reach
        if best is None:
            continue
        notes = [best.why]
        if counted is None:
            notes.append(_assumed_count(rule))
        internal_advice = rule.internal_postings == "unknown" and document.audience in (
            "internal",
            "both",
        )
        if internal_advice:
            notes.append("its sources do not say whether internal postings are covered")
        found.append(
            Reach(
                rule,
                "; ".join(notes),
                best.advice_only or (internal_advice and not _public(document)),
            )
        )
    return found


def applicable_rules(document, rules: GuidanceRules) -> list[PayRule]:
    return [reach.rule for reach in reaches(document, rules)]


def _public(document) -> bool:
    return document.audience in ("", "external", "both")


def _posting_covered(rule: PayRule, audience: str) -> bool:
    """Ontario, BC and PEI cover publicly advertised postings only."""
    return not (rule.internal_postings == "exempt" and audience == "internal")


def _counted(rule: PayRule, organisation) -> bool | None:
    """Whether the employer is big enough for the rule: True, False, or None when the count is
    not known (then the threshold is taken as met, and the finding says so)."""
    if not rule.min_employees or rule.min_employees <= 1:
        return True
    total = organisation.headcount
    if total is not None and total < rule.min_employees:
        return False  # fewer in total is fewer in any place
    if rule.headcount_counted == "in_place":
        in_place = dict(organisation.place_headcounts).get(rule.jurisdiction)
        if in_place is None:
            return None
        return in_place >= rule.min_employees
    return None if total is None else True


def _assumed_count(rule: PayRule) -> str:
    if rule.headcount_counted == "in_place":
        return (
            f"assumed: at least {rule.min_employees} employees as {rule.jurisdiction} counts "
            "them (give the number in the organisation profile)"
        )
    return (
        f"assumed: at least {rule.min_employees} employees in total (give the headcount in the "
        "organisation profile)"
    )


@dataclass(frozen=True)
class _Where:
    """A work location resolved: state from the ZIP or postal code where given."""

    country: str
    region: str
    city: str
    county: str
    zip_code: places.ZipPlace | None
    remote: bool


def _where(location) -> _Where | None:
    """The location's place; None if it cannot be told (an unknown state, a city without one)."""
    country = location.country
    region = places.region_code(country, location.region) if location.region else ""
    if region is None:
        return None
    zip_code, county = None, ""
    code = getattr(location, "postal_code", "")
    if code and country == "US":
        zip_code = places.zip_place(code)
        if zip_code is None:
            return None
        region, county = zip_code.state, zip_code.county
    elif code and country == "CA":
        region = places.province_from_postal_code(code) or region
    remote = location.arrangement == "remote"
    if location.city and not region and places.knows_regions(country) and not remote:
        return None
    return _Where(country, region, location.city, county, zip_code, remote)


def _reach(rule: PayRule, location, document, member_states: set[str]) -> Reach | None:
    where = _where(location)
    if where is None:
        return None
    if rule.country == "EU":
        if where.country in EU_MEMBERS and where.country not in member_states:
            return Reach(rule, f"work in {where.country}, an EU member state")
        return None
    if rule.country != where.country:
        return None
    office = document.reporting_office_region.upper()
    reports_here = bool(rule.region) and office == rule.region.upper() and not rule.locality
    place = places.region_name(rule.country, rule.region) if rule.region else rule.country
    in_region = not rule.region or where.region == rule.region.upper()
    if rule.locality:
        if where.region and not in_region:
            return None
        locality = places.locality(rule.country, rule.region, rule.locality)
        if where.region and (where.city or where.county):
            if places.in_locality(locality, where.city, where.county):
                return Reach(rule, f"work in {rule.locality}")
            if places.zip_also_in(locality, where.zip_code):
                return Reach(
                    rule,
                    f"ZIP code {where.zip_code.zip_code} is also used for {rule.locality}: if "
                    f"the work is in {rule.locality}, its law applies",
                    advice_only=True,
                )
            return None
        if not where.remote:
            return None
        return _remote(rule, rule.locality, document, reports_here)
    if in_region and where.region:
        return Reach(rule, f"work in {place}")
    if in_region and not where.region and not rule.region:
        return Reach(rule, f"work in {place}")
    if reports_here and rule.remote_reach in ("reporting_office", "foreseen"):
        return Reach(rule, f"the role reports to an office in {place}")
    if where.remote and not where.region:
        return _remote(rule, place, document, reports_here)
    return None


def _remote(rule: PayRule, place: str, document, reports_here: bool) -> Reach | None:
    """How a remote role open beyond the place is reached, law by law."""
    reach = rule.remote_reach
    if reach == "resident":
        return Reach(rule, f"a remote role that someone living in {place} could fill")
    if reach in ("reporting_office", "foreseen") and reports_here:
        return Reach(rule, f"the role reports to an office in {place}")
    if reach == "employer_based":
        organisation = document.organisation
        if organisation.home_region.upper() == rule.region.upper() and (
            organisation.home_country in ("", rule.country)
        ):
            return Reach(rule, f"a remote role of an employer based in {place}")
        return None
    if reach == "foreseen":
        return Reach(
            rule,
            f"if you foresee the work or its supervision in {place}, its law applies",
            advice_only=True,
        )
    if reach == "unclear":
        return Reach(
            rule,
            f"its sources do not say whether it reaches remote roles open to {place}",
            advice_only=True,
        )
    return None


def _places_not_checked(document) -> list[Finding]:
    """A location whose place cannot be told gets a finding, never silence (a green tick)."""
    found = []
    for position, location in enumerate(document.locations):
        if _where(location) is not None:
            continue
        if location.region and places.region_code(location.country, location.region) is None:
            what, ask = location.region, f"a {location.country} state or province we know"
        elif getattr(location, "postal_code", "") and location.country == "US":
            what, ask = location.postal_code, "a US ZIP code we know"
        else:
            what, ask = location.city, "its state or province"
        found.append(
            Finding(
                category="pay",
                code="pay-place-unknown",
                section="locations",
                position=position,
                item_id=location.id,
                quote=what,
                message=f"We can't check pay laws for {what}: give {ask}.",
                why="Pay-transparency laws are by state, province, county and city: without a "
                "place we know, none of them is checked for this location.",
                severity="advice",
                text=f"{location.city}|{location.region}|{location.country}",
            )
        )
    return found


def _grouped(code, section, severity, asking, as_of, also=()) -> Finding:
    """One finding for one missing item, naming every place that asks for it (``also``: the
    places that advise it, told in its "why")."""
    names = [reach.rule.jurisdiction for reach, _ in asking]
    what = asking[0][1]
    shown = ", ".join(names[:PLACES_NAMED])
    if len(names) > PLACES_NAMED:
        shown += f" and {len(names) - PLACES_NAMED} more"  # all of them behind "show all"
    elif len(names) > 1:
        shown = ", ".join(names[:-1]) + f" and {names[-1]}"
    if severity == "info":
        first = min(reach.rule.item_from(code) for reach, _ in asking)
        message = (
            f"From {first:%-d %b %Y}: {shown} {'asks' if len(names) == 1 else 'ask'} for {what}."
        )
    elif severity == "advice":
        message = f"Best practice: {what} ({'advised by' if len(names) > 1 else 'for'} {shown})."
    else:
        message = f"{shown} {'asks' if len(names) == 1 else 'ask'} for {what}."
    why = " ".join(_one_law(reach, code, as_of) for reach, _ in asking)
    if also:
        why += " Also advised for: " + " ".join(_one_law(reach, code, as_of) for reach, _ in also)
    first_rule = asking[0][0].rule
    return Finding(
        category="pay",
        code=f"pay-{code}-{severity}",
        section=section,
        quote=", ".join(names),
        message=message,
        why=why,
        source=first_rule.source_title,
        source_url=first_rule.source_url,
        severity=severity,
        text=f"{code}|{'|'.join(names)}",
        places=tuple(names) if len(names) > PLACES_NAMED else (),
        laws=tuple(_cited(reach, code, asks=True) for reach, _ in asking)
        + tuple(_cited(reach, code, asks=False) for reach, _ in also),
    )


def _cited(reach: Reach, code: str, *, asks: bool) -> LawCited:
    """The law ``reach`` names for the item ``code``, as the finding's "why" tells it."""
    rule = reach.rule
    # Stating the law's currency is how its limits are checked, not the law's words (_one_law).
    words, cite = (rule.words_for(code) or ("", "")) if code != "currency" else ("", "")
    return LawCited(
        jurisdiction=rule.jurisdiction,
        what_must_be_shown=rule.what_must_be_shown,
        words=words,
        cite=cite,
        source_title=rule.source_title,
        source_url=rule.source_url,
        facts_checked=rule.facts_checked,
        asks=asks,
    )


def _one_law(reach: Reach, code: str, as_of: date) -> str:
    rule = reach.rule
    parts = [f"{rule.jurisdiction} ({reach.why}): {rule.what_must_be_shown}"]
    if code == "currency":
        pass  # stating the law's currency is how its limits are checked, not the law's words
    elif quoted := rule.words_for(code):
        parts.append(f"The law's words: “{quoted[0]}” ({quoted[1]}).")
    else:
        parts.append("That is a summary; the statute's words were not checked.")
    if rule.employee_count_note:
        parts.append(f"Who is counted: {rule.employee_count_note}")
    parts.append(f"Which postings: {_postings(rule)}")
    if code in rule.advice_items:
        parts.append(
            "Advice: the sources leave this item unsettled or ask for it outside the posting."
        )
    if code in _ALLOWANCES and rule.item_from(code) > rule.effective_from:
        parts.append(f"One figure is allowed for postings from {rule.item_from(code):%-d %b %Y}.")
    elif rule.item_from(code) > rule.effective_from:
        parts.append(f"This item applies from {rule.item_from(code):%-d %b %Y}.")
    if rule.enforced_from and rule.enforced_from > as_of:
        parts.append(f"Enforced from {rule.enforced_from:%-d %b %Y}.")
    parts.append(f"Source: {rule.source_title}.")
    if rule.facts_checked:
        parts.append(f"Facts checked {rule.facts_checked:%-d %b %Y}.")
    return " ".join(parts)


def _postings(rule: PayRule) -> str:
    said = {
        "covered": "public and internal ones",
        "exempt": "publicly advertised ones only",
    }.get(rule.internal_postings)
    if said is None:
        return "the sources are silent: both, internal ones as advice."
    return f"{said} ({rule.postings_source})." if rule.postings_source else f"{said}."


def annual(amount, period: str, hours: Decimal = HOURS_PER_YEAR) -> Decimal:
    """An amount's annual equivalent: an hour is 1/``hours`` of a year, a day 8 hours (as the
    pay bands count them)."""
    amount = Decimal(amount)
    if period == "hour":
        return amount * hours
    if period == "day":
        return amount * hours / HOURS_PER_DAY
    return amount * PERIODS_PER_YEAR.get(period, Decimal(1))


def _missing(
    document, rule: PayRule, hours: Decimal, rates: dict | None = None, as_of: date | None = None
) -> list[tuple[str, str, str]]:
    """What ``rule`` asks that the draft lacks, as (requirement code, field, what); ``hours``: a
    year's hours, for annual equivalents; ``rates``: HR's dated currency rates; ``as_of``: the
    posting date."""
    low, high = document.salary_min, document.salary_max
    period = document.pay_period or "year"
    asks = rule.requirements
    if as_of is not None:
        # An allowance dated by its own source (Washington's one figure, from 2025-07-27) is
        # not yet there for an earlier posting: the stricter item applies.
        asks = asks - {code for code in _ALLOWANCES & asks if rule.item_from(code) > as_of}
    missing = []
    limited = rule.exempt_above is not None or rule.max_range_width is not None
    same_currency = document.salary_currency == rule.currency
    converted = ""
    if limited and (low is not None or high is not None) and not same_currency:
        if rate := (rates or {}).get((document.salary_currency, rule.currency)):
            # Compared at HR's rate, which the finding names with its date.
            factor, as_of = rate
            low, high = (None if v is None else Decimal(v) * factor for v in (low, high))
            same_currency, converted = True, f" (converted at HR's rate of {as_of:%-d %b %Y})"
        else:
            missing.append(
                (
                    "currency",
                    "salary_currency",
                    f"the pay in {rule.currency}, the currency its limits are in",
                )
            )
    if (
        rule.exempt_above is not None
        and same_currency
        and any(v is not None and annual(v, period, hours) > rule.exempt_above for v in (low, high))
    ):
        # Above the threshold (Ontario: CAD 200,000 a year, either end) the pay items do not
        # apply; the rest does.
        asks = asks - {"range", "fixed_if_no_range", "no_open_ended", "max_range_width"}
    if (
        document.pay_basis == "commission"
        and "commission_alternative" in asks
        and not (low is not None or high is not None)
    ):
        # New York, Vermont, Delaware, Maine: a commission-only job says so instead.
        asks = asks - {"range", "fixed_if_no_range", "no_open_ended", "max_range_width"}
    has_range = low is not None and high is not None
    if asks & {"range", "pay_before_interview", "on_request"} and not has_range:
        if low is None and high is None:
            code = next(c for c in ("range", "pay_before_interview", "on_request") if c in asks)
            what = {
                "range": "a pay range with a minimum and a maximum",
                "pay_before_interview": "the pay or its range, in the posting or before the first "
                "interview",
                "on_request": "the pay range, given on request",
            }[code]
            missing.append((code, "salary_min", what))
        elif "no_open_ended" in asks or "range" in asks:
            missing.append(
                ("no_open_ended", "salary_max", "both ends of the range, not an open-ended one")
            )
    if has_range and low == high and "range" in asks and "fixed_if_no_range" not in asks:
        missing.append(("fixed_if_no_range", "salary_max", "a range, not one figure"))
    if (
        "max_range_width" in asks
        and has_range
        and rule.max_range_width is not None
        and same_currency
        and annual(high, period, hours) - annual(low, period, hours) > rule.max_range_width
    ):
        missing.append(
            (
                "max_range_width",
                "salary_max",
                f"a range no wider than {rule.currency} {rule.max_range_width:,.0f} a year"
                + converted,
            )
        )
    if "benefits" in asks and not document.benefits.strip():
        missing.append(("benefits", "benefits", "a general description of benefits"))
    if (
        "other_compensation" in asks
        and not document.other_compensation.strip()
        and document.other_compensation_offered != "no"
    ):
        missing.append(
            (
                "other_compensation",
                "other_compensation",
                "a description of the other compensation offered (bonus, commission)"
                if document.other_compensation_offered == "yes"
                else "whether other compensation (bonus, commission) is offered, and if so what",
            )
        )
    if "application_deadline" in asks and not (
        document.closing_date or document.applications_rolling
    ):
        missing.append(
            ("application_deadline", "closing_date", "the closing date, or “rolling basis”")
        )
    if "how_to_apply" in asks and not (document.apply_url or document.apply_instructions):
        missing.append(("how_to_apply", "apply_instructions", "how to apply"))
    if "ai_disclosure" in asks and not document.ai_screening:
        missing.append(
            ("ai_disclosure", "ai_screening", "a statement on whether AI screens applicants")
        )
    if "vacancy_status" in asks and not document.existing_vacancy:
        missing.append(
            (
                "vacancy_status",
                "existing_vacancy",
                "whether the posting is for an existing vacancy",
            )
        )
    if "no_canadian_experience" in asks and any(
        _CANADIAN_EXPERIENCE.search(item.text) for item in document.qualifications
    ):
        missing.append(
            ("no_canadian_experience", "qualifications", "no requirement for Canadian experience")
        )
    if "gender_neutral_title" in asks and gendered_title(document.title):
        missing.append(("gender_neutral_title", "title", "a gender-neutral job title"))
    return missing


#: Items that let a posting do less (one figure, "commission only"), not ask for more.
_ALLOWANCES = frozenset({"fixed_if_no_range", "commission_alternative"})


def gendered_title(title: str) -> bool:
    """Whether a job title names one gender. "(m/f/d)", "(m/w/d)" and the like mark an ad open to
    every gender (Germany's convention since the third gender, 2019): not gendered."""
    return bool(_GENDERED_TITLE.search(_ALL_GENDERS.sub("", title)))


_CANADIAN_EXPERIENCE = re.compile(r"\bcanadian\s+(work\s+)?experience\b", re.I)
# Gendered job-title words ("chairman", "foreman", "salesman"); the word lists' gendered terms
# flag them anywhere, this only decides whether the title meets the EU rule. A binary marker
# ("(m/f)") names two genders and leaves the third out.
_GENDERED_TITLE = re.compile(
    r"\b(chair|fore|sales|crafts|middle|business|spokes|trades|work)(man|men|woman|women)\b"
    r"|\b(he|she|waitress|hostess|stewardess)\b|\((m|f|w)/(f|m|w)\)",
    re.I,
)
# "(m/f/d)", "(m/w/d)", "(w/m/d)", "(f/m/x)", "(m/w/x)", "(all genders)", "(gn)": bounded, linear.
_ALL_GENDERS = re.compile(r"\((?:[mfw]/[mfw]/[dxi]|[dxi]/[mfw]/[mfw]|all genders|gn\*?)\)", re.I)
