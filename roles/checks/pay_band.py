"""Pay by level: the HR admin's pay band for a level, and a draft's pay against it. Bands compare
only in the same currency; pay periods compare as annual amounts, an hour being 1/``hours_per_year``
of a year (2,080 unless the band says otherwise) and a day 8 hours. Bands never print: they only
feed this check and the admin's rule that a higher level's band does not sit below a lower one's.
"""

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from .findings import Finding

#: Whole periods in a year; hours and days come from the band's hours a year.
PERIODS_PER_YEAR = {"year": Decimal(1), "month": Decimal(12), "week": Decimal(52)}
HOURS_PER_DAY = Decimal(8)


@dataclass(frozen=True)
class BandRule:
    level: str  # the level's slug
    currency: str
    pay_period: str
    minimum: Decimal
    maximum: Decimal
    country: str = ""
    region: str = ""
    hours_per_year: int = 2080

    def annual(self, amount: Decimal, period: str | None = None) -> Decimal:
        """``amount`` per ``period`` (the band's own by default) as a year's pay."""
        period = period or self.pay_period
        if period == "hour":
            return Decimal(amount) * self.hours_per_year
        if period == "day":
            return Decimal(amount) * self.hours_per_year / HOURS_PER_DAY
        return Decimal(amount) * PERIODS_PER_YEAR.get(period, Decimal(1))

    @property
    def annual_minimum(self) -> Decimal:
        return self.annual(self.minimum)

    @property
    def annual_midpoint(self) -> Decimal:
        return self.annual((Decimal(self.minimum) + Decimal(self.maximum)) / 2)

    def describe(self) -> str:
        where = ", ".join(part for part in (self.region, self.country) if part)
        return (
            f"{self.currency} {self.minimum:,.0f} – {self.maximum:,.0f} per {self.pay_period}"
            + (f" ({where})" if where else "")
        )


def _out_of_order(high: BandRule, low: BandRule) -> bool:
    return high.annual_minimum < low.annual_minimum or high.annual_midpoint < low.annual_midpoint


def ladder_problem(ranked: list[tuple[int, str, BandRule]]) -> str:
    """The bands of one job family, currency and place as (rank, level name, band): why they are
    out of order ("" if they are not). Neighbouring bands are compared, skipping levels with no
    band; the rule then holds between any two levels, since "not below" is transitive."""
    ordered = sorted(ranked, key=lambda entry: entry[0])
    for (_, low_name, low), (_, high_name, high) in pairwise(ordered):
        if high.maximum < high.minimum:
            return f"The {high_name} band's maximum is below its minimum."
        if _out_of_order(high, low):
            return (
                f"The {high_name} band ({high.describe()}) would sit below the {low_name} band "
                f"({low.describe()}). Bands may overlap, but a more senior level's minimum and "
                "midpoint must not be below a less senior level's."
            )
    return ""


def band_for(document, bands: tuple[BandRule, ...]) -> BandRule | None:
    """The band that applies to the document: its level and currency, at its first work location's
    region, else its country, else the band with no place."""
    candidates = [
        band
        for band in bands
        if band.level == document.level and band.currency == document.salary_currency
    ]
    location = document.locations[0] if document.locations else None
    places = []
    if location is not None:
        places += [(location.country, location.region), (location.country, "")]
    places.append(("", ""))
    for country, region in places:
        for band in candidates:
            # States and provinces are codes ("IL"): compared without regard to case.
            if (band.country, band.region.upper()) == (country, region.upper()):
                return band
    return None


def check_pay_band(document, bands: tuple[BandRule, ...]) -> list[Finding]:
    low, high = document.salary_min, document.salary_max
    if (low is None and high is None) or not document.pay_period:
        return []
    band = band_for(document, bands)
    if band is None:
        return []
    problems = []
    if low is not None and band.annual(low, document.pay_period) < band.annual_minimum:
        problems.append("starts below")
    if high is not None and band.annual(high, document.pay_period) > band.annual(band.maximum):
        problems.append("goes above")
    if not problems:
        return []
    return [
        Finding(
            category="pay",
            code="pay-band",
            section="salary_min",
            quote=document.salary_range,
            message=f"The pay {' and '.join(problems)} the {document.level_label} band, "
            f"{band.describe()}.",
            why="HR's pay band for the level (kept in the admin; bands never print). Pay outside "
            "it needs a reason, or the JD is at another level.",
            severity="advice",
            text=f"{document.salary_range}|{band.describe()}",
        )
    ]
