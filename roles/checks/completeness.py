"""Completeness: what a posting needs before it goes out — pay and benefits, where the work is
done, an equal-opportunity statement, a target on every KPI, and whom the role reports to. (A
closing date is asked for by the pay check, where a rule of the job's place needs one.)"""

from .findings import Finding

_WHY_PAY = "Ads with pay draw more and better-matched applicants, and many places require it."


def check_completeness(document) -> list[Finding]:
    findings = []

    def missing(code: str, section: str, message: str, why: str, **extra) -> None:
        findings.append(
            Finding(
                category="completeness",
                code=code,
                section=section,
                message=message,
                why=why,
                text="",
                **extra,
            )
        )

    if document.salary_min is None or document.salary_max is None:
        missing("pay-range", "salary_min", "No pay range: give its minimum and maximum.", _WHY_PAY)
    if not document.benefits.strip():
        missing("benefits", "benefits", "No benefits described.", _WHY_PAY)
    if not document.locations:
        missing(
            "location",
            "locations",
            "No work location: say where the work is done and whether it is on-site, hybrid "
            "or remote.",
            "Candidates filter by place first, and pay laws depend on it.",
        )
    for position, location in enumerate(document.locations):
        needs_region = location.country in ("US", "CA") and location.arrangement != "remote"
        if needs_region and not location.region:
            missing(
                "location-region",
                "locations",
                f"Location {position + 1}: give the state or province.",
                "Pay-transparency laws are decided by state or province.",
                position=position,
                item_id=location.id,
                subfield="region",
            )
    if not document.organisation.equal_opportunity.strip():
        missing(
            "eeo",
            "organisation",
            "The organisation profile has no equal-opportunity statement.",
            "Candidates look for it; US federal contractors must include one.",
        )
    for position, kpi in enumerate(document.kpis):
        if not kpi.target.strip():
            missing(
                "kpi-target",
                "kpis",
                f"KPI {position + 1}, “{kpi.name}”, has no target.",
                "A KPI without a target does not say what good looks like.",
                position=position,
                item_id=kpi.id,
                subfield="target",
            )
    if not document.reports_to.strip():
        missing(
            "reports-to",
            "reports_to",
            "“Reports to” is empty.",
            "Where the role sits is the first thing a candidate at this level asks.",
        )
    return findings
