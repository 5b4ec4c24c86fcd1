"""The reference data the guidance checks take, as plain frozen values (built from the admin's
tables by ``roles.selectors.guidance.guidance_rules``; tests build them by hand)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .pay_band import BandRule


@dataclass(frozen=True)
class Signal:
    phrase: str
    explanation: str
    source: str = ""
    #: 1 for a telling phrase, 0.5 for an everyday word other levels use too.
    weight: float = 1.0


@dataclass(frozen=True)
class LevelRule:
    slug: str
    name: str
    rank: int
    #: Words that name the level in a job title ("VP", "Vice President"), for reading "reports to".
    title_words: tuple[str, ...] = ()
    #: The most and the least frequent KPI review that fit the level's horizon (cadence values).
    shortest_cadence: str = "weekly"
    longest_cadence: str = "annually"
    signals: tuple[Signal, ...] = ()
    job_family: str = "Operations"
    #: A reporting line that skips this level is information (many organisations have none).
    may_be_skipped: bool = False


@dataclass(frozen=True)
class CodedWord:
    gender: str  # "masculine" or "feminine"
    term: str
    is_stem: bool


@dataclass(frozen=True)
class LanguageRule:
    term: str
    category: str
    match: str  # "word", "stem" or "pattern"
    pattern: str = ""
    #: A hit followed right away by this (RE2, case ignored) is not one: "'s" after "young".
    not_followed_by: str = ""
    category_label: str = ""
    suggestion: str = ""
    why: str = ""
    source_title: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class PayRule:
    jurisdiction: str
    country: str
    region: str = ""
    locality: str = ""
    min_employees: int | None = None
    #: "total" (employees anywhere) or "in_place" (only those the place counts).
    headcount_counted: str = "total"
    employee_count_note: str = ""
    #: "covered", "exempt" (public postings only) or "unknown" (both, internal as advice).
    internal_postings: str = "unknown"
    #: Where the law or its regulator says which postings it covers ("" where silent).
    postings_source: str = ""
    #: Which remote roles it reaches: "resident", "reporting_office", "employer_based",
    #: "foreseen" or "none" (``roles.models.RemoteReach``).
    remote_reach: str = "resident"
    requirements: frozenset[str] = frozenset()
    #: Items that apply later than the rule: {code: date}.
    item_dates: tuple[tuple[str, date], ...] = ()
    #: Items the law leaves unsettled or asks outside the posting: advice, never required.
    advice_items: frozenset[str] = frozenset()
    max_range_width: Decimal | None = None
    exempt_above: Decimal | None = None
    currency: str = "USD"
    effective_from: date = date(2000, 1, 1)
    enforced_from: date | None = None
    mandatory: bool = True
    what_must_be_shown: str = ""
    source_title: str = ""
    source_url: str = ""
    facts_checked: date | None = None
    #: The law's own words per item: (code, words, cite).
    law_words: tuple[tuple[str, str, str], ...] = ()

    def words_for(self, code: str) -> tuple[str, str] | None:
        """The law's words on the item ``code`` and their section, if recorded. "Both ends" and
        "a range, not one figure" are what the range's words ask."""
        quoted = {item: (words, cite) for item, words, cite in self.law_words}
        if code in ("no_open_ended", "fixed_if_no_range") and code not in quoted:
            code = "range"
        return quoted.get(code)

    def item_from(self, code: str) -> date:
        """From when the item ``code`` applies: its own date, else the rule's."""
        return dict(self.item_dates).get(code, self.effective_from)


#: The cadences from the most to the least frequent (the values of ``roles.models.Cadence``).
CADENCES = ("weekly", "monthly", "quarterly", "annually")


@dataclass(frozen=True)
class GuidanceRules:
    levels: tuple[LevelRule, ...] = ()
    coded_words: tuple[CodedWord, ...] = ()
    #: Words and phrases not counted as coded: ordinary words that merely begin with a coded stem
    #: ("decision" with "decisi*"), the job's own function ("lead", "support"), other senses
    #: ("connecting corridors", "active listening").
    coded_exceptions: frozenset[str] = frozenset()
    coded_source: str = "Gaucher, Friesen & Kay (2011), Appendix A"
    language: tuple[LanguageRule, ...] = ()
    pay_rules: tuple[PayRule, ...] = ()
    pay_bands: tuple[BandRule, ...] = ()
    #: HR's dated rates for comparing pay with a law's limits in another currency:
    #: ((from, to), (rate, as of)).
    currency_rates: tuple[tuple[tuple[str, str], tuple[Decimal, date]], ...] = ()
    #: Required qualifications past this many discourage qualified applicants.
    max_required_qualifications: int = 6
    max_sentence_words: int = 30
    words_range: tuple[int, int] = (300, 700)
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def level(self, slug: str) -> LevelRule | None:
        return next((level for level in self.levels if level.slug == slug), None)
