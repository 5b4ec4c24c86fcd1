"""Every seeded template, read as a fresh draft would copy it, gets no finding that counts: the
templates are the examples the checks are written from (issue #25 adds the Manager's)."""

import pytest

from roles.checks.guidance import check_document
from roles.documents.data import document_from_template
from roles.models import OrganisationProfile, RoleTemplate
from tests.helpers.checks import TODAY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "slug", ["vp-of-operations", "director-of-operations", "operations-manager"]
)
def test_a_seeded_template_has_no_finding(rules, slug):
    template = RoleTemplate.objects.prefetch_related("responsibilities", "kpis").get(slug=slug)
    profile = OrganisationProfile.load()
    profile.equal_opportunity = profile.equal_opportunity or "We are an equal opportunity employer."
    found = check_document(document_from_template(template, profile), rules, today=TODAY)
    assert [f.message for f in found if f.counts] == []
    verdict = next(f for f in found if f.code == "gender-verdict")
    assert verdict.message.startswith("Gender coding: neutral")


def test_the_manager_template_is_at_the_manager_level_and_its_length(rules):
    template = RoleTemplate.objects.get(slug="operations-manager")
    assert template.level_id == "manager"
    doc = document_from_template(template)
    assert [k.cadence for k in doc.kpis] and {k.cadence for k in doc.kpis} <= {"weekly", "monthly"}
    assert len([q for q in doc.qualifications if q.kind == "required"]) <= 6
