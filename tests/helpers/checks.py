"""Plain documents for the guidance checks, and the findings a check counts: shared by the check
tests (a test module never imports another test module or a conftest)."""

import datetime

from roles.checks.guidance import check_document
from roles.documents.data import (
    DocumentData,
    KPIItem,
    LocationItem,
    Organisation,
    QualificationItem,
    ResponsibilityItem,
)

TODAY = datetime.date(2026, 11, 30)


def document(**fields) -> DocumentData:
    """A complete, clean Director document unless ``fields`` say otherwise."""
    defaults = {
        "title": "Director of Operations",
        "level": "director",
        "level_name": "Director",
        "summary": "Owns operations for the business.",
        "reports_to": "VP of Operations",
        "salary_min": 150_000,
        "salary_max": 185_000,
        "salary_currency": "USD",
        "pay_period": "year",
        "benefits": "Medical, dental and vision cover.",
        "locations": (LocationItem(None, "on_site", "Austin", "TX", "US"),),
        "organisation": Organisation(equal_opportunity="We are an equal opportunity employer."),
    }
    for name, maker in (
        ("responsibilities", lambda text: ResponsibilityItem(None, text)),
        ("qualifications", lambda text: QualificationItem(None, text, "required")),
    ):
        if isinstance(fields.get(name), list):
            fields[name] = tuple(maker(text) for text in fields[name])
    return DocumentData(**(defaults | fields))


def kpi(name: str, cadence: str, measure: str = "Measured monthly", target: str = "90%"):
    return KPIItem(None, name, measure, target, cadence)


def findings(doc: DocumentData, rules, *, category: str | None = None, today=TODAY):
    found = check_document(doc, rules, today=today)
    return [f for f in found if f.counts and (category is None or f.category == category)]
