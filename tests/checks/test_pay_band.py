"""Pay by level: a draft's pay against its level's band (same currency, annualised by the band's
hours a year), and the admin's rule that a higher level's band does not sit below a lower one's."""

import dataclasses
from decimal import Decimal

import pytest
from django.urls import reverse

from roles.checks.pay_band import BandRule, check_pay_band, ladder_problem
from roles.documents.data import document_from_draft
from roles.models import PayBand
from tests.helpers.data import make_draft

pytestmark = pytest.mark.django_db

VP_BAND = BandRule("vp", "USD", "year", Decimal(200_000), Decimal(250_000))
DIRECTOR_BAND = BandRule("director", "USD", "year", Decimal(150_000), Decimal(210_000))


def vp_document(alice, **changes):
    # The seeded VP template pays USD 220,000 – 270,000 per year, in Chicago, IL, US.
    return dataclasses.replace(document_from_draft(make_draft(alice)), **changes)


def test_pay_above_the_band_is_a_finding_and_pay_inside_it_is_not(alice):
    document = vp_document(alice)
    (finding,) = check_pay_band(document, (VP_BAND, DIRECTOR_BAND))
    assert finding.code == "pay-band" and finding.severity == "advice"
    assert finding.message == (
        "The pay goes above the Vice President band, USD 200,000 – 250,000 per year."
    )
    inside = vp_document(alice, salary_max=Decimal(240_000))
    assert check_pay_band(inside, (VP_BAND,)) == []
    # Another currency's band does not compare; nor does another level's.
    assert check_pay_band(document, (dataclasses.replace(VP_BAND, currency="EUR"),)) == []
    assert check_pay_band(document, (DIRECTOR_BAND,)) == []


def test_hourly_pay_compares_by_the_bands_hours_a_year(alice):
    hourly = vp_document(alice, salary_min=Decimal(90), salary_max=Decimal(110), pay_period="hour")
    # 90 × 2,080 = 187,200: below a 200,000 minimum; 110 × 2,080 = 228,800: inside.
    (finding,) = check_pay_band(hourly, (VP_BAND,))
    assert "starts below" in finding.message
    longer_year = dataclasses.replace(VP_BAND, hours_per_year=2240)  # 90 × 2,240 = 201,600
    assert check_pay_band(hourly, (longer_year,)) == []


def test_the_band_for_the_place_wins_over_the_general_one(alice):
    illinois = dataclasses.replace(VP_BAND, maximum=Decimal(300_000), country="US", region="IL")
    assert check_pay_band(vp_document(alice), (VP_BAND, illinois)) == []  # Chicago, IL
    texas = dataclasses.replace(illinois, region="TX")
    assert len(check_pay_band(vp_document(alice), (VP_BAND, texas))) == 1


def test_a_higher_levels_band_may_overlap_but_not_sit_below():
    def ladder(vp):
        return ladder_problem([(60, "Director", DIRECTOR_BAND), (70, "Vice President", vp)])

    assert ladder(VP_BAND) == ""  # overlaps 200–210k: fine
    low_vp = dataclasses.replace(VP_BAND, minimum=Decimal(140_000))
    assert "must not be below" in ladder(low_vp)
    low_midpoint = dataclasses.replace(VP_BAND, minimum=Decimal(160_000), maximum=Decimal(170_000))
    assert "must not be below" in ladder(low_midpoint)
    assert ladder(dataclasses.replace(VP_BAND, maximum=Decimal(1))) == (
        "The Vice President band's maximum is below its minimum."
    )


def test_the_admin_refuses_a_band_below_the_level_beneath_and_the_panel_shows_the_finding(
    admin_client, alice_client, alice
):
    PayBand.objects.create(level_id="director", minimum=150_000, maximum=210_000)
    data = {
        "level": "vp",
        "currency": "USD",
        "pay_period": "year",
        "minimum": "140000",
        "maximum": "180000",
        "country": "",
        "region": "",
        "hours_per_year": "2080",
    }
    response = admin_client.post(reverse("admin:roles_payband_add"), data)
    assert response.status_code == 200
    assert "must not be below a less senior level" in response.content.decode()
    data |= {"minimum": "200000", "maximum": "250000"}
    assert admin_client.post(reverse("admin:roles_payband_add"), data).status_code == 302
    editor = alice_client.get(reverse("roles:edit", args=[make_draft(alice).pk])).content.decode()
    assert "The pay goes above the Vice President band" in editor
