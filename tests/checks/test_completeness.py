"""Completeness: what a posting needs before it goes out."""

import pytest

from roles.documents.data import LocationItem, Organisation
from tests.helpers.checks import document, findings, kpi

pytestmark = pytest.mark.django_db


def codes(doc, rules):
    return [f.code for f in findings(doc, rules, category="completeness")]


def test_a_complete_document_has_no_completeness_findings(rules):
    assert codes(document(kpis=(kpi("Cost per unit", "monthly"),)), rules) == []


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"salary_min": None}, "pay-range"),
        ({"salary_max": None}, "pay-range"),
        ({"benefits": "  "}, "benefits"),
        ({"locations": ()}, "location"),
        ({"locations": (LocationItem(7, "on_site", "Denver", "", "US"),)}, "location-region"),
        ({"organisation": Organisation(equal_opportunity="")}, "eeo"),
        ({"kpis": (kpi("Cost per unit", "monthly", target=""),)}, "kpi-target"),
        ({"reports_to": ""}, "reports-to"),
    ],
)
def test_each_missing_part_is_named(rules, changes, code):
    assert codes(document(**changes), rules) == [code]


def test_a_remote_location_needs_no_state(rules):
    remote = (LocationItem(None, "remote", "", "", "US"),)
    assert codes(document(locations=remote), rules) == []
