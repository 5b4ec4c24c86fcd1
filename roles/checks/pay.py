"""Pay transparency where the job is: which posting laws cover the draft's work locations (a remote
role every place its candidates may live), as of the posting date, and what each asks that the
draft lacks. A law not yet in force shows as "from DATE"; a place without a posting law, or whose
law asks only on request, gets at most a best-practice hint."""

import re
from datetime import date

from .findings import Finding
from .rules import GuidanceRules, PayRule

# The EU's member states (ISO codes), for the Pay Transparency Directive's "EU" rule: geography,
# not something HR edits.
EU_MEMBERS = frozenset(
    {
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
    }
)


def rule_covers(rule: PayRule, location) -> bool:
    remote = location.arrangement == "remote"
    if rule.country == "EU":
        return location.country in EU_MEMBERS
    if rule.country != location.country:
        return False
    if remote and not rule.covers_remote:
        return False
    if rule.region:
        if location.region:
            if rule.region.upper() != location.region.upper():
                return False
        elif not remote:
            return False
    if rule.locality:
        if location.city:
            return rule.locality.lower() in location.city.lower() or (
                location.city.lower() in rule.locality.lower()
            )
        return remote
    return True


def applicable_rules(document, rules: GuidanceRules) -> list[PayRule]:
    headcount = document.organisation.headcount
    found = []
    for rule in rules.pay_rules:
        if rule.min_employees and headcount is not None and headcount < rule.min_employees:
            continue
        if any(rule_covers(rule, location) for location in document.locations):
            found.append(rule)
    return found


def check_pay(document, rules: GuidanceRules, today: date) -> list[Finding]:
    as_of = document.posting_date or today
    findings = []
    for rule in applicable_rules(document, rules):
        missing = _missing(document, rule)
        if rule.effective_from > as_of:
            severity, when = "info", f"From {rule.effective_from:%-d %b %Y}: "
        elif rule.mandatory:
            severity, when = "required", ""
        else:
            severity, when = "advice", "Best practice: "
        checked = f" Facts checked {rule.facts_checked:%-d %b %Y}." if rule.facts_checked else ""
        for section, what in missing:
            findings.append(
                Finding(
                    category="pay",
                    code=f"pay-{rule.jurisdiction.lower().replace(' ', '-')}",
                    section=section,
                    quote=rule.jurisdiction,
                    message=f"{when}{rule.jurisdiction} asks for {what}"
                    + ("." if rule.mandatory else " (its law asks only on request)."),
                    why=rule.what_must_be_shown + checked,
                    source=rule.source_title,
                    source_url=rule.source_url,
                    severity=severity,
                    text=f"{rule.jurisdiction}|{what}",
                )
            )
    return findings


def _missing(document, rule: PayRule) -> list[tuple[str, str]]:
    """What ``rule`` asks that the draft lacks, as (field, what)."""
    low, high = document.salary_min, document.salary_max
    asks = rule.requirements
    if rule.exempt_above is not None and high is not None and high > rule.exempt_above:
        # Above the threshold the pay rules do not apply (Ontario: $200,000); the rest does.
        asks = asks - {"range", "fixed_if_no_range", "no_open_ended", "max_range_width"}
    missing = []
    has_range = low is not None and high is not None
    if asks & {"range", "pay_before_interview", "on_request"} and not has_range:
        if low is None and high is None:
            missing.append(("salary_min", "a pay range with a minimum and a maximum"))
        elif "no_open_ended" in asks or "range" in asks:
            missing.append(("salary_max", "both ends of the range, not an open-ended one"))
    if has_range and low == high and "range" in asks and "fixed_if_no_range" not in asks:
        missing.append(("salary_max", "a range, not one figure"))
    if (
        "max_range_width" in asks
        and has_range
        and rule.max_range_width is not None
        and document.salary_currency == rule.currency
        and high - low > rule.max_range_width
    ):
        missing.append(
            ("salary_max", f"a range no wider than {rule.currency} {rule.max_range_width:,.0f}")
        )
    if "benefits" in asks and not document.benefits.strip():
        missing.append(("benefits", "a general description of benefits"))
    if "other_compensation" in asks and not document.other_compensation.strip():
        missing.append(("other_compensation", "other compensation (bonus, commission), or none"))
    if "application_deadline" in asks and not (
        document.closing_date or document.applications_rolling
    ):
        missing.append(("closing_date", "the closing date, or “rolling basis”"))
    if "how_to_apply" in asks and not (document.apply_url or document.apply_instructions):
        missing.append(("apply_instructions", "how to apply"))
    if "ai_disclosure" in asks and not document.ai_screening:
        missing.append(("ai_screening", "a statement on whether AI screens applicants"))
    if "vacancy_status" in asks and not document.existing_vacancy:
        missing.append(("existing_vacancy", "whether the posting is for an existing vacancy"))
    if "no_canadian_experience" in asks and any(
        _CANADIAN_EXPERIENCE.search(item.text) for item in document.qualifications
    ):
        missing.append(("qualifications", "no requirement for Canadian experience"))
    if "gender_neutral_title" in asks and _GENDERED_TITLE.search(document.title):
        missing.append(("title", "a gender-neutral job title"))
    return missing


_CANADIAN_EXPERIENCE = re.compile(r"\bcanadian\s+(work\s+)?experience\b", re.I)
# Gendered job-title words ("chairman", "foreman", "salesman"); the word lists' gendered terms
# flag them anywhere, this only decides whether the title meets the EU rule.
_GENDERED_TITLE = re.compile(
    r"\b(chair|fore|sales|crafts|middle|business|spokes|trades|work)(man|men|woman|women)\b"
    r"|\b(he|she|waitress|hostess|stewardess)\b|\((m|f)/(f|m)(/d)?\)",
    re.I,
)
