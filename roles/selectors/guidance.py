"""Reads for the guidance panel (the editor, the live check, the count the drafts lists show)
and the admin's guidance tables: those tables as the plain rules the checks take, and a draft's
findings sorted by its dismissals; the pay-band ladder the admin's forms check. Separate because
every editor page, every save and every live check reads the rules: they are held per process
here (``guidance_rules``) and read again only when the admin's tables change."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from roles import seeding
from roles.checks.findings import Finding
from roles.checks.guidance import check_document, check_organisation
from roles.checks.pay import applicable_rules
from roles.checks.pay_band import BandRule, ladder_problem
from roles.checks.rules import CodedWord, GuidanceRules, LanguageRule, LevelRule, PayRule, Signal
from roles.documents.data import DocumentData, document_from_draft
from roles.models import (
    ITEM_LISTS,
    CurrencyRate,
    FindingDismissal,
    GenderCodedException,
    GenderCodedWord,
    GuidanceStamp,
    JobDescription,
    LanguageTerm,
    Level,
    LevelSignal,
    OrganisationProfile,
    PayBand,
    PayTransparencyRule,
    TermCategory,
)

# The rules this process holds, with the stamp of the tables they were read at.
_rules_held: tuple[str | None, GuidanceRules | None] = (None, None)


def guidance_rules() -> GuidanceRules:
    """The admin's guidance tables as the plain values the checks take. Read from the database
    (a query a table) when the tables changed since this process last read them, and otherwise
    held, with the patterns compiled from them, for the price of one query: every editor page,
    every save and every live check needs them (docs/guidance.md, "Speed")."""
    global _rules_held
    stamp = GuidanceStamp.objects.filter(pk=1).values_list("token", flat=True).first()
    held_stamp, held = _rules_held
    if held is not None and stamp is not None and held_stamp == stamp:
        return held
    rules = _read_guidance_rules()
    _rules_held = (stamp, rules)
    return rules


def forget_guidance_rules() -> None:
    """Drop the rules this process holds (tests, after writing the tables without signals)."""
    global _rules_held
    _rules_held = (None, None)


def _read_guidance_rules() -> GuidanceRules:
    levels = tuple(
        LevelRule(
            slug=level.slug,
            name=level.name,
            rank=level.rank,
            job_family=level.job_family,
            title_words=tuple(
                word.strip() for word in level.title_words.split(",") if word.strip()
            ),
            shortest_cadence=level.shortest_cadence,
            longest_cadence=level.longest_cadence,
            may_be_skipped=level.may_be_skipped,
            signals=tuple(
                Signal(signal.phrase, signal.explanation, signal.source, float(signal.weight))
                for signal in level.signals.all()
            ),
        )
        # Signals in the order they were added: the seed's most telling phrases come first.
        for level in Level.objects.prefetch_related(
            Prefetch("signals", queryset=LevelSignal.objects.order_by("pk"))
        )
    )
    labels = dict(TermCategory.choices)
    return GuidanceRules(
        levels=levels,
        pay_bands=tuple(band_rule(band) for band in PayBand.objects.all()),
        currency_rates=tuple(
            ((rate.from_currency, rate.to_currency), (rate.rate, rate.as_of))
            for rate in CurrencyRate.objects.all()
        ),
        coded_words=tuple(
            CodedWord(gender, term, is_stem)
            for gender, term, is_stem in GenderCodedWord.objects.values_list(
                "gender", "term", "is_stem"
            )
        ),
        coded_exceptions=frozenset(
            word.lower() for word in GenderCodedException.objects.values_list("word", flat=True)
        ),
        language=tuple(
            LanguageRule(
                term=term.term,
                category=term.category,
                match=term.match,
                pattern=term.pattern,
                not_followed_by=term.not_followed_by,
                category_label=labels.get(term.category, term.category),
                suggestion=term.suggestion,
                why=term.why,
                source_title=term.source_title,
                source_url=term.source_url,
            )
            for term in LanguageTerm.objects.filter(is_active=True)
        ),
        pay_rules=tuple(
            PayRule(
                jurisdiction=rule.jurisdiction,
                country=rule.country,
                region=rule.region,
                locality=rule.locality,
                min_employees=rule.min_employees,
                headcount_counted=rule.headcount_counted,
                employee_count_note=rule.employee_count_note,
                internal_postings=rule.internal_postings,
                postings_source=rule.postings_source,
                remote_reach=rule.remote_reach,
                requirements=frozenset(rule.requirements),
                item_dates=tuple(
                    (code, date.fromisoformat(when)) for code, when in rule.item_dates.items()
                ),
                advice_items=frozenset(rule.advice_items),
                max_range_width=rule.max_range_width,
                exempt_above=rule.exempt_above,
                currency=rule.currency,
                effective_from=rule.effective_from,
                enforced_from=rule.enforced_from,
                mandatory=rule.mandatory,
                what_must_be_shown=rule.what_must_be_shown,
                source_title=rule.source_title,
                source_url=rule.source_url,
                facts_checked=rule.facts_checked,
                law_words=tuple(
                    (code, quoted["words"], quoted["cite"])
                    for code, quoted in rule.law_words.items()
                ),
            )
            for rule in PayTransparencyRule.objects.all()
        ),
    )


def band_rule(band: PayBand) -> BandRule:
    """A pay band as the plain value the checks take."""
    return BandRule(
        level=band.level_id,
        currency=band.currency,
        pay_period=band.pay_period,
        minimum=band.minimum,
        maximum=band.maximum,
        country=str(band.country or ""),
        region=band.region,
        hours_per_year=band.hours_per_year,
    )


def pay_band_ladder_problem(*, band: PayBand | None = None, level: Level | None = None) -> str:
    """Would the pay bands stay in order of rank once ``band`` is saved (in place of its stored
    self) or ``level`` is saved with its new rank or job family? Checked in each family, currency
    and place that holds the band or one of the level's bands; "" when they would."""
    levels = {each.slug: each for each in Level.objects.all()}
    if level is not None:
        levels[level.slug] = level
    bands = {each.pk: each for each in PayBand.objects.all()}
    if band is not None:
        bands[band.pk] = band  # None for a band being added

    def place(each: PayBand) -> tuple:
        home = levels[each.level_id]
        return (home.job_family, each.currency, str(each.country or ""), each.region.upper())

    touched = {
        place(each)
        for each in bands.values()
        if each is band or (level is not None and each.level_id == level.slug)
    }
    for key in touched:
        ladder = [
            (levels[b.level_id].rank, levels[b.level_id].name, band_rule(b))
            for b in bands.values()
            if place(b) == key
        ]
        problem = ladder_problem(ladder)
        if problem:
            return problem
    return ""


@dataclass(frozen=True)
class DraftGuidance:
    """The guidance panel for one document of a draft: the findings still open, those kept as
    written (each with its dismissal), information that counts for nothing, and how many
    findings the organisation profile's own texts have."""

    open: list[Finding]
    kept: list[tuple[Finding, FindingDismissal]]
    info: list[Finding]
    organisation: list[Finding]

    @property
    def open_count(self) -> int:
        return len(self.open)


def draft_guidance(job_description: JobDescription, document, *, today=None) -> DraftGuidance:
    """Check ``document`` (the draft as saved, or as the editor has it now) and sort the findings
    by the draft's dismissals: a dismissal holds while the text it was made on is unchanged."""
    rules = guidance_rules()
    findings = check_document(document, rules, today=today or timezone.localdate())
    dismissals = {
        dismissal.finding_key: dismissal
        for dismissal in FindingDismissal.objects.filter(
            job_description=job_description
        ).select_related("dismissed_by")
    }
    open_, kept, info = [], [], []
    for finding in findings:
        if not finding.counts:
            info.append(finding)
        elif (dismissal := dismissals.get(finding.key)) and (
            dismissal.text_digest == finding.text_digest
        ):
            kept.append((finding, dismissal))
        else:
            open_.append(finding)
    organisation = [
        finding for finding in check_organisation(document.organisation, rules) if finding.counts
    ]
    return DraftGuidance(open=open_, kept=kept, info=info, organisation=organisation)


#: The groups of checks that read a text on its own; pay and completeness read a whole posting
#: (its places, its pay, its lists) and would only report what a lone text lacks.
TEXT_CHECK_CATEGORIES = ("level", "language", "readability")


def text_guidance(*, text: str, level: Level, title: str = "", today=None):
    """Check ``text`` as the summary of a draft at ``level`` (titled ``title``), by the same
    checks and rules as the editor's panel: the document checked, and its findings."""
    document = DocumentData(title=title, level=level.slug, level_name=level.name, summary=text)
    findings = check_document(document, guidance_rules(), today=today or timezone.localdate())
    return document, [f for f in findings if f.category in TEXT_CHECK_CATEGORIES]


def open_findings(
    job_description: JobDescription, rows_by_list: dict[str, list] | None = None
) -> int:
    """How many findings the draft has open; its lists as ``rows_by_list`` gives them (just
    saved) or as read."""
    if rows_by_list is None:
        rows_by_list = {name: list(getattr(job_description, name).all()) for name, *_ in ITEM_LISTS}
    document = document_from_draft(job_description, rows_by_list=rows_by_list)
    return draft_guidance(job_description, document).open_count


def pay_rules_changed_from_seed() -> list[PayTransparencyRule]:
    """The pay rules whose values differ from the reviewed data files' (an admin's edit): a
    correction in a later file does not reach them, so the rules page lists them for review."""
    seeded = seeding.seeded_rows("roles.PayTransparencyRule", "jurisdiction")
    fields = {field.name: field for field in PayTransparencyRule._meta.concrete_fields}
    changed = []
    for rule in PayTransparencyRule.objects.all():
        values = seeded.get(rule.jurisdiction)
        if values is None:
            changed.append(rule)  # added here
            continue
        for name, value in values.items():
            if name not in fields:
                continue  # a field since removed (covers_remote: its meaning moved on)
            if fields[name].to_python(value) != getattr(rule, name):
                changed.append(rule)
                break
    return changed


#: At most this many live drafts are read for "this rule applies to N current drafts".
DRAFTS_READ_FOR_A_RULE = 500


def drafts_reached_by_pay_rule(jurisdiction: str) -> tuple[int, int]:
    """How many of the most recently edited live drafts (at most ``DRAFTS_READ_FOR_A_RULE``) a
    pay rule reaches, and how many were read."""
    rules = guidance_rules()
    drafts = (
        JobDescription.objects.live()
        .select_related("level")
        .prefetch_related(*(name for name, *_ in ITEM_LISTS))
        .order_by("-updated_at")[:DRAFTS_READ_FOR_A_RULE]
    )
    organisation = OrganisationProfile.load()
    read = reached = 0
    for draft in drafts:
        read += 1
        document = document_from_draft(draft, organisation)
        if any(rule.jurisdiction == jurisdiction for rule in applicable_rules(document, rules)):
            reached += 1
    return reached, read
