import pytest
from django.core.exceptions import ValidationError

from roles.models import (
    QualificationKind,
    RoleTemplate,
)
from tests.helpers.data import director_template, make_draft, vp_template

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["vp-of-operations", "director-of-operations"])
def test_seeded_roles_have_a_full_library(slug):
    template = RoleTemplate.objects.get(slug=slug)
    assert template.responsibilities.count() >= 10
    assert template.kpis.count() >= 8
    assert template.qualifications.count() >= 6
    kinds = set(template.qualifications.values_list("kind", flat=True))
    assert kinds == {QualificationKind.REQUIRED, QualificationKind.PREFERRED}
    for kpi in template.kpis.all():
        assert kpi.name and kpi.measure and kpi.target and kpi.cadence


def test_seeded_roles_differ_by_level():
    vp, director = vp_template(), director_template()
    assert (vp.level_id, director.level_id) == ("vp", "director")
    assert vp.level.rank > director.level.rank
    assert director.reports_to == "VP of Operations"
    vp_text = " ".join(vp.responsibilities.values_list("text", flat=True))
    director_text = " ".join(director.responsibilities.values_list("text", flat=True))
    for phrase in ("company-wide", "policies", "budget", "CEO, CFO"):
        assert phrase in vp_text
    for phrase in ("day-to-day", "production processes", "KPIs", "bottlenecks", "stand-ups"):
        assert phrase in director_text
    assert not set(vp.kpis.values_list("name", flat=True)) & set(
        director.kpis.values_list("name", flat=True)
    )


def test_active_queryset_hides_inactive_templates():
    RoleTemplate.objects.filter(slug="director-of-operations").update(is_active=False)
    assert list(RoleTemplate.objects.active().values_list("slug", flat=True)) == [
        "vp-of-operations",
        "operations-manager",  # seeded by 0045 (issue #25)
    ]


def test_salary_minimum_above_maximum_is_invalid(alice):
    draft = make_draft(alice, salary_min=200_000, salary_max=150_000)
    with pytest.raises(ValidationError) as raised:
        draft.full_clean()
    assert "salary_max" in raised.value.message_dict


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chicago, IL", ("on_site", "Chicago", "IL", "US")),
        ("Remote", ("remote", "", "", "US")),
        ("Remote (Canada)", ("remote", "", "", "CA")),
        ("Hybrid - Austin, TX", ("hybrid", "Austin", "TX", "US")),
        ("Toronto, ON", ("on_site", "Toronto", "ON", "CA")),
        ("Building 4, Rotterdam port", ("on_site", "Building 4, Rotterdam port", "", "US")),
    ],
)
def test_free_text_locations_become_structured_as_well_as_they_can(text, expected):
    import importlib

    parse = importlib.import_module("roles.migrations.0013_structured_locations").parse
    fields = parse(text)
    assert (fields["arrangement"], fields["city"], fields["region"], fields["country"]) == expected
