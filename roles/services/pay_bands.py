"""Pay bands and the levels they hang on: the two rules a band must keep, held here so that every
write keeps them (the admin, a shell, a script, a data migration's caller), not only the admin's
forms:

- a band's maximum is not below its minimum (also a database constraint);
- in one job family, currency and place, a more senior level's band does not sit below a less
  senior one's (``checks.pay_band.ladder_problem``), whether a band changes or a level moves.

The checks raise ``ValidationError`` with the words the admin shows; the saves run them under a
lock on the bands, so two administrators saving at once cannot each pass the check alone.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from roles.models import Level, PayBand
from roles.selectors.guidance import pay_band_ladder_problem


def payband_check(band: PayBand) -> None:
    """Raise ``ValidationError`` if ``band`` (new or changed, not yet saved) breaks a rule."""
    if band.maximum is not None and band.minimum is not None and band.maximum < band.minimum:
        raise ValidationError("The maximum is below the minimum.")
    if problem := pay_band_ladder_problem(band=band):
        raise ValidationError(problem)


def level_check(level: Level) -> None:
    """Raise ``ValidationError`` if saving ``level`` with its rank and job family would put the
    pay bands out of order. A new level has no bands yet."""
    if level.pk is None:
        return
    if problem := pay_band_ladder_problem(level=level):
        raise ValidationError(
            f"With rank {level.rank} in {level.job_family}, the pay bands would be out of "
            f"order. {problem}"
        )


@transaction.atomic
def payband_save(*, band: PayBand) -> PayBand:
    """Save ``band`` if it keeps both rules; else raise ``ValidationError`` and write nothing."""
    _lock_bands()
    band.full_clean()
    payband_check(band)
    band.save()
    return band


@transaction.atomic
def level_save(*, level: Level) -> Level:
    """Save ``level`` if its rank and family keep the pay bands in order; else raise
    ``ValidationError`` and write nothing."""
    _lock_bands()
    level.full_clean()
    level_check(level)
    level.save()
    return level


def _lock_bands() -> None:
    # A few dozen rows at most: locking them all is the simple way to make check-then-save one
    # step on PostgreSQL (SQLite writes one transaction at a time anyway).
    list(PayBand.objects.select_for_update().values_list("pk", flat=True))
