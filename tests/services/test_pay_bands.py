"""The pay-band rules hold for every write, not only the admin's: a maximum not below the minimum
(a service check and a database constraint) and the ladder of levels (a band's save and a level's
move)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roles.models import Level, PayBand
from roles.services.pay_bands import level_save, payband_save

pytestmark = pytest.mark.django_db


def band(level: str, minimum: int, maximum: int) -> PayBand:
    return PayBand(
        level_id=level, currency="USD", minimum=Decimal(minimum), maximum=Decimal(maximum)
    )


def test_a_band_whose_maximum_is_below_its_minimum_is_refused_and_not_written():
    with pytest.raises(ValidationError, match="The maximum is below the minimum"):
        payband_save(band=band("director", 180_000, 150_000))
    assert not PayBand.objects.exists()


def test_the_database_refuses_it_too_when_the_services_are_bypassed():
    with pytest.raises(IntegrityError), transaction.atomic():
        band("director", 180_000, 150_000).save()
    assert not PayBand.objects.exists()


def test_a_band_below_the_level_beneath_is_refused_from_a_script():
    payband_save(band=band("director", 150_000, 210_000))
    with pytest.raises(ValidationError, match="must not be below"):
        payband_save(band=band("vp", 100_000, 140_000))
    assert list(PayBand.objects.values_list("level_id", flat=True)) == ["director"]
    assert payband_save(band=band("vp", 200_000, 260_000)).pk


def test_a_level_moved_above_a_better_paid_one_is_refused_and_not_written():
    payband_save(band=band("director", 150_000, 210_000))
    payband_save(band=band("vp", 200_000, 260_000))
    director = Level.objects.get(slug="director")
    vp_rank = Level.objects.get(slug="vp").rank
    director.rank = vp_rank + 1
    with pytest.raises(ValidationError, match="the pay bands would be out of order"):
        level_save(level=director)
    assert Level.objects.get(slug="director").rank < vp_rank
