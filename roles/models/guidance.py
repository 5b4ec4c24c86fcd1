"""The data behind the guidance panel, which HR admins keep in the admin: levels and their signals,
the inclusive-language lists, and the pay-transparency rules. Seeded by data migrations that cite
their sources; the checks in ``roles.checks`` read them as plain values
(``roles.selectors.guidance.guidance_rules``).
"""

import secrets
from datetime import date
from decimal import Decimal

import re2
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django_countries.fields import CountryField

from .content import SHORT_TEXT_MAX_LENGTH, Cadence, Currency, PayPeriod

#: Cadences from the most to the least frequent, for "does this review fit the level's horizon".
CADENCE_ORDER = (Cadence.WEEKLY, Cadence.MONTHLY, Cadence.QUARTERLY, Cadence.ANNUALLY)


class Level(models.Model):
    """A level of a role, e.g. Vice President or Director. Templates and drafts store its slug."""

    slug = models.SlugField(
        max_length=16, unique=True, help_text="Stored on templates and drafts; do not change it."
    )
    name = models.CharField(max_length=80, help_text="As documents print it: “Vice President”.")
    rank = models.PositiveSmallIntegerField(
        help_text="Higher is more senior (Vice President 70, Director 60): a new level between "
        "them takes a rank between. A role must report to a level of a higher rank.",
    )
    job_family = models.CharField(
        max_length=80,
        default="Operations",
        help_text="The start page groups roles by it and compares neighbouring ranks within it.",
    )
    title_words = models.CharField(
        max_length=SHORT_TEXT_MAX_LENGTH,
        blank=True,
        help_text="Comma-separated words that name this level in a job title, used to read "
        "“reports to”: e.g. “VP, Vice President”.",
    )
    shortest_cadence = models.CharField(
        max_length=16,
        choices=Cadence.choices,
        default=Cadence.WEEKLY,
        help_text="The most frequent KPI review that fits this level's horizon.",
    )
    longest_cadence = models.CharField(
        max_length=16,
        choices=Cadence.choices,
        default=Cadence.ANNUALLY,
        help_text="The least frequent KPI review that fits this level's horizon.",
    )
    may_be_skipped = models.BooleanField(
        default=False,
        help_text="Many organisations of this family have no one at this level (a small company's "
        "Directors report to the CEO): a reporting line that skips it is information, not advice.",
    )

    class Meta:
        ordering = ["-rank"]
        constraints = [
            # Each family is one ladder; families may share ranks (Finance's Director too is 60).
            models.UniqueConstraint(fields=["job_family", "rank"], name="level_rank_in_family")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if CADENCE_ORDER.index(self.shortest_cadence) > CADENCE_ORDER.index(self.longest_cadence):
            raise ValidationError(
                {"longest_cadence": "The longest cadence cannot come before the shortest."}
            )


class LevelSignal(models.Model):
    """A phrase that belongs to one level's scope. Matched on word stems, in any order and with a
    few words between them, so “sets the company's operating model” matches “company operating
    model”."""

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="signals")
    phrase = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH)
    explanation = models.CharField(
        max_length=SHORT_TEXT_MAX_LENGTH, help_text="Why this phrase belongs to the level."
    )
    source = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    weight = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        default=1,
        help_text="How much this phrase says about the level: 1 for a telling phrase, 0.5 for an "
        "everyday word (“daily”, “department”) that postings at other levels use too. A level "
        "finding needs a weight of 2 and a clear lead over the draft's own level.",
    )

    class Meta:
        ordering = ["level", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["level", "phrase"], name="level_signal_unique")
        ]

    def __str__(self) -> str:
        return f"{self.phrase} ({self.level})"


class CodedGender(models.TextChoices):
    MASCULINE = "masculine", "Masculine-coded"
    FEMININE = "feminine", "Feminine-coded"


class GenderCodedWord(models.Model):
    """A word from Gaucher, Friesen & Kay (2011), Appendix A, as printed: a starred entry is a
    stem (“compet*”), the others whole words."""

    gender = models.CharField(max_length=16, choices=CodedGender.choices)
    term = models.CharField(max_length=80, help_text="Without the star.")
    is_stem = models.BooleanField(
        default=False, help_text="Printed with a star: every word that begins with it matches."
    )
    source = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["gender", "term"]
        constraints = [
            models.UniqueConstraint(fields=["gender", "term"], name="gender_coded_word_unique")
        ]

    def __str__(self) -> str:
        return self.term + ("*" if self.is_stem else "")


class CodedExceptionKind(models.TextChoices):
    ORDINARY = "ordinary", "An ordinary word that merely begins with a coded stem"
    FUNCTION = "function", "The job's own function, not a trait of the person"
    SENSE = "sense", "Another sense of the word"


class GenderCodedException(models.Model):
    """A word or phrase not counted as gender-coded: an ordinary word that merely begins with a
    coded stem (“decision” with “decisi*”), the job's own function (“lead”, “support” in a
    support role), or another sense (“connecting corridors”, “active listening”). The verdict
    counts traits of the person wanted, as Gaucher, Friesen & Kay's wording manipulations did."""

    word = models.CharField(max_length=80, unique=True)
    kind = models.CharField(
        max_length=16, choices=CodedExceptionKind.choices, default=CodedExceptionKind.ORDINARY
    )
    reason = models.CharField(max_length=400)

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class TermCategory(models.TextChoices):
    AGE = "age", "Age"
    ABILITY = "ability", "Ability"
    GENDERED = "gendered", "Gendered terms and pronouns"
    NATIONAL_ORIGIN = "national_origin", "National origin"
    JARGON = "jargon", "Jargon and clichés"


class TermMatch(models.TextChoices):
    WORD = "word", "Whole word or phrase"
    STEM = "stem", "Words beginning with it"
    PATTERN = "pattern", "Regular expression"


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.case_sensitive = False
_RE2_OPTIONS.log_errors = False


class LanguageTerm(models.Model):
    """A word or phrase that shuts some candidates out, with what to write instead."""

    term = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, help_text="As the panel names it.")
    category = models.CharField(max_length=20, choices=TermCategory.choices)
    match = models.CharField(max_length=10, choices=TermMatch.choices, default=TermMatch.WORD)
    pattern = models.CharField(
        max_length=300,
        blank=True,
        help_text="With “Regular expression”: what to look for (case is ignored), in RE2 syntax "
        "(https://github.com/google/re2/wiki/Syntax): no lookaround or backreferences.",
    )
    not_followed_by = models.CharField(
        "not when followed by",
        max_length=300,
        blank=True,
        help_text="A phrase or regular expression (RE2, case ignored) that, right after a hit, "
        "means it is not one (spaces between are skipped): “'s” keeps “young” from flagging "
        "“Young's modulus”.",
    )
    admin_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the app changed or turned off this term (read-only).",
    )
    suggestion = models.CharField(max_length=300, blank=True)
    why = models.CharField(max_length=300)
    source_title = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["category", "term"]
        constraints = [
            models.UniqueConstraint(fields=["category", "term"], name="language_term_unique")
        ]

    def __str__(self) -> str:
        return self.term

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.match == TermMatch.PATTERN and not self.pattern:
            errors["pattern"] = "A regular expression needs its pattern."
        # RE2 matches in time linear in the text whatever the pattern: one pattern that Python's
        # re would backtrack through for minutes cannot stall every check.
        for name in ("pattern", "not_followed_by"):
            value = getattr(self, name)
            if not value or (name == "pattern" and self.match != TermMatch.PATTERN):
                continue
            try:
                re2.compile(value, options=_RE2_OPTIONS)
            except re2.error as error:
                errors[name] = (
                    f"Not a valid regular expression: {error}. Patterns are RE2's syntax, "
                    "with no lookaround ((?=…), (?!…), (?<=…)) or backreferences: for a "
                    "negative lookahead, use “Not when followed by”."
                )
        if errors:
            raise ValidationError(errors)


class PayRequirement(models.TextChoices):
    RANGE = "range", "A pay range with a minimum and a maximum"
    FIXED_IF_NO_RANGE = "fixed_if_no_range", "A fixed amount where there is no range"
    NO_OPEN_ENDED = "no_open_ended", "No open-ended range (“from $X”, “up to $X”)"
    GOOD_FAITH = "good_faith", "A good-faith estimate of pay on hire"
    BENEFITS = "benefits", "A general description of benefits"
    OTHER_COMPENSATION = "other_compensation", "Other compensation (bonus, commission, equity)"
    APPLICATION_DEADLINE = "application_deadline", "The closing date, or “rolling basis”"
    HOW_TO_APPLY = "how_to_apply", "How to apply"
    JOB_DESCRIPTION = "job_description", "The job description"
    MAX_RANGE_WIDTH = "max_range_width", "A range no wider than the maximum width"
    AI_DISCLOSURE = "ai_disclosure", "Whether AI is used to screen applicants"
    VACANCY_STATUS = "vacancy_status", "Whether the posting is for an existing vacancy"
    NO_CANADIAN_EXPERIENCE = "no_canadian_experience", "No “Canadian experience” requirement"
    PAY_BEFORE_INTERVIEW = "pay_before_interview", "Pay information before the interview"
    GENDER_NEUTRAL_TITLE = "gender_neutral_title", "A gender-neutral job title"
    ON_REQUEST = "on_request", "The range on request only"
    COMMISSION_ALTERNATIVE = (
        "commission_alternative",
        "A commission-only job may say so instead of giving a range",
    )


def validate_requirements(value) -> None:
    known = set(PayRequirement.values)
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError("Requirements must be a list of codes.")
    if unknown := sorted(set(value) - known):
        raise ValidationError(f"Unknown requirements: {', '.join(unknown)}.")


def validate_item_dates(value) -> None:
    """``{"application_deadline": "2024-01-01"}``: a requirement code and the ISO date it
    applies from."""
    if not isinstance(value, dict):
        raise ValidationError("Item dates must map requirement codes to dates.")
    validate_requirements(list(value))
    for code, when in value.items():
        try:
            date.fromisoformat(when)
        except (TypeError, ValueError):
            raise ValidationError(f"{code}: “{when}” is not a date (YYYY-MM-DD).") from None


#: A quotation of the law, and where it is in the law: short, as a finding quotes them.
LAW_WORDS_MAX_LENGTH = 600
LAW_CITE_MAX_LENGTH = 200


def validate_law_words(value) -> None:
    """``{"range": {"words": "…", "cite": "RCW 49.58.110(1)"}}``: per requirement code, the
    law's own words (a short quotation, as published) and the section they are from."""
    if not isinstance(value, dict):
        raise ValidationError("The law's words must map requirement codes to words and cite.")
    validate_requirements(list(value))
    for code, quoted in value.items():
        if not isinstance(quoted, dict) or set(quoted) != {"words", "cite"}:
            raise ValidationError(f"{code}: give {{“words”: …, “cite”: …}}.")
        words, cite = quoted["words"], quoted["cite"]
        if not (
            isinstance(words, str) and isinstance(cite, str) and words.strip() and cite.strip()
        ):
            raise ValidationError(f"{code}: the words and the cite are both text.")
        if len(words) > LAW_WORDS_MAX_LENGTH or len(cite) > LAW_CITE_MAX_LENGTH:
            raise ValidationError(
                f"{code}: at most {LAW_WORDS_MAX_LENGTH} characters of words and "
                f"{LAW_CITE_MAX_LENGTH} of cite (quote the operative sentence)."
            )


class HeadcountCounted(models.TextChoices):
    TOTAL = "total", "All employees, wherever they work"
    IN_PLACE = "in_place", "Only employees in the place (see the note)"


class InternalPostings(models.TextChoices):
    COVERED = "covered", "Internal postings are covered too"
    EXEMPT = "exempt", "Publicly advertised postings only"
    UNKNOWN = "unknown", "Sources silent: both, as advice for internal ones"


class RemoteReach(models.TextChoices):
    """Which remote roles a law reaches: each law draws the line its own way."""

    RESIDENT = "resident", "Remote roles that someone living there could fill"
    REPORTING_OFFICE = "reporting_office", "Remote roles that report to an office there"
    EMPLOYER_BASED = "employer_based", "Remote roles of employers based there"
    FORESEEN = "foreseen", "Remote roles where work or supervision there is foreseen (advice)"
    UNCLEAR = "unclear", "Remote roles: the sources are silent (advice)"
    NONE = "none", "Only jobs whose standard work location is there"


class PayTransparencyRule(models.Model):
    """One jurisdiction's pay-transparency law for job postings: whom it covers and what a posting
    must show, from when, with the page its facts were checked against."""

    jurisdiction = models.CharField(max_length=80, unique=True)
    country = models.CharField(max_length=2, help_text="ISO code (“US”, “CA”); “EU” for the EU.")
    region = models.CharField(
        max_length=8, blank=True, help_text="State or province code (“CO”, “ON”); blank for all."
    )
    locality = models.CharField(
        max_length=80, blank=True, help_text="City or county for a local law; blank otherwise."
    )
    min_employees = models.PositiveIntegerField(
        null=True, blank=True, help_text="Covers employers with at least this many employees."
    )
    headcount_counted = models.CharField(
        "who is counted",
        max_length=16,
        choices=HeadcountCounted.choices,
        default=HeadcountCounted.TOTAL,
        help_text="Where only employees in the place count, the organisation profile can give "
        "that number for this rule; blank there means the threshold is taken as met.",
    )
    employee_count_note = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    internal_postings = models.CharField(
        "which postings",
        max_length=16,
        choices=InternalPostings.choices,
        default=InternalPostings.UNKNOWN,
        help_text="Read against the draft's “posted” field.",
    )
    postings_source = models.CharField(
        "which postings: the source",
        max_length=SHORT_TEXT_MAX_LENGTH,
        blank=True,
        help_text="Where the law or its regulator says which postings it covers; blank where "
        "the sources are silent (both, internal ones as advice).",
    )
    remote_reach = models.CharField(
        max_length=20, choices=RemoteReach.choices, default=RemoteReach.RESIDENT
    )
    requirements = models.JSONField(default=list, validators=[validate_requirements])
    law_words = models.JSONField(
        "the law's own words",
        default=dict,
        blank=True,
        validators=[validate_law_words],
        help_text="Per item, a short quotation of the law as published and its section: "
        "{“range”: {“words”: “…”, “cite”: “RCW 49.58.110(1)”}}. An item without one is "
        "shown as a summary whose words were not checked.",
    )
    item_dates = models.JSONField(
        "items' own dates",
        default=dict,
        blank=True,
        validators=[validate_item_dates],
        help_text="An item that applies later than the rule, by its own source: "
        "{“application_deadline”: “2024-01-01”}.",
    )
    advice_items = models.JSONField(
        "items given as advice",
        default=list,
        blank=True,
        validators=[validate_requirements],
        help_text="Items the law leaves unsettled, or asks for outside the posting (before the "
        "first interview): shown as advice, never as “required”.",
    )
    max_range_width = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    exempt_above = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The rule does not apply where the top of the range is above this.",
    )
    currency = models.CharField(max_length=3, default="USD")
    effective_from = models.DateField()
    enforced_from = models.DateField(
        null=True, blank=True, help_text="Where enforcement starts later than the law."
    )
    mandatory = models.BooleanField(
        default=True,
        help_text="Off for guidance and for laws that ask for the range only on request: such "
        "a place gets a best-practice hint, never a “required”.",
    )
    what_must_be_shown = models.TextField()
    source_title = models.CharField(max_length=300)
    source_url = models.URLField()
    facts_checked = models.DateField(help_text="When these facts were last checked at the source.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["country", "region", "locality"]

    def __str__(self) -> str:
        return self.jurisdiction


class CurrencyRate(models.Model):
    """A rate HR sets, and dates, to compare a posting's pay with a pay law's limits in another
    currency (Ontario's are in Canadian dollars): a Toronto posting in US dollars is converted at
    it. Without one, the posting is told to state the law's currency."""

    from_currency = models.CharField(max_length=3, choices=Currency.choices)
    to_currency = models.CharField(max_length=3, choices=Currency.choices)
    rate = models.DecimalField(
        max_digits=12,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
        help_text="One unit of the first currency in the second (USD → CAD: about 1.4).",
    )
    as_of = models.DateField("rate of", help_text="The date the rate is from.")
    source = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = "currency rate for pay laws"
        verbose_name_plural = "currency rates for pay laws"
        constraints = [
            models.UniqueConstraint(
                fields=["from_currency", "to_currency"], name="currencyrate_one_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"1 {self.from_currency} = {self.rate} {self.to_currency} ({self.as_of})"

    def clean(self) -> None:
        if self.from_currency and self.from_currency == self.to_currency:
            raise ValidationError("A rate converts between two currencies.")


class PlaceHeadcount(models.Model):
    """How many of the organisation's employees one pay rule counts, for the rules that count
    only employees in their place (Minnesota: at Minnesota sites). None given: the rule's
    threshold is taken as met, and its findings say so."""

    organisation = models.ForeignKey(
        "roles.OrganisationProfile", on_delete=models.CASCADE, related_name="place_headcounts"
    )
    rule = models.ForeignKey(
        PayTransparencyRule,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"headcount_counted": HeadcountCounted.IN_PLACE},
    )
    employees = models.PositiveIntegerField(help_text="As the rule counts them (see its note).")

    class Meta:
        verbose_name = "employees counted by a pay rule"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "rule"], name="placeheadcount_one_per_rule"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.employees}"


#: At most this many findings kept as written on one draft: far more than a real draft has
#: findings, and a bound on the rows (and the panel) someone scripting the button can make.
FINDING_DISMISSALS_MAX = 200


class FindingDismissal(models.Model):
    """“Keep as written” for one finding on one draft. It holds while the text it points at is
    unchanged: ``text_digest`` is a hash of that text, and a finding whose text hashes otherwise
    is shown again."""

    job_description = models.ForeignKey(
        "roles.JobDescription", on_delete=models.CASCADE, related_name="dismissals"
    )
    finding_key = models.CharField(max_length=200)
    text_digest = models.CharField(max_length=64)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["job_description", "finding_key"], name="finding_dismissal_unique"
            )
        ]

    def __str__(self) -> str:
        return self.finding_key


def new_stamp() -> str:
    return secrets.token_hex(16)


class GuidanceStamp(models.Model):
    """One row whose ``token`` is made anew whenever a guidance table changes, in the same
    transaction as the change: a process holding the rules compares it (one query by primary
    key) and reads the tables again only when it moved (``roles.selectors.guidance``). A random
    token, not a counter: a counter goes back with a rolled-back change and can then reach the
    same number for other tables, and a process that read the rolled-back rules would keep them."""

    token = models.CharField(max_length=32, default=new_stamp)

    def __str__(self) -> str:
        return f"Guidance rules, stamp {self.token[:8]}"


def guidance_rules_changed(**kwargs) -> None:
    """Any change to a guidance table makes every process read the rules again."""
    if not GuidanceStamp.objects.filter(pk=1).update(token=new_stamp()):
        GuidanceStamp.objects.get_or_create(pk=1)


for _model in (Level, LevelSignal, GenderCodedWord, GenderCodedException, LanguageTerm):
    post_save.connect(guidance_rules_changed, sender=_model, dispatch_uid=f"guidance-{_model}")
    post_delete.connect(guidance_rules_changed, sender=_model, dispatch_uid=f"guidance-d-{_model}")
post_save.connect(guidance_rules_changed, sender=PayTransparencyRule, dispatch_uid="guidance-pay")
post_save.connect(guidance_rules_changed, sender=CurrencyRate, dispatch_uid="guidance-rate")
post_delete.connect(guidance_rules_changed, sender=CurrencyRate, dispatch_uid="guidance-rd")
post_delete.connect(guidance_rules_changed, sender=PayTransparencyRule, dispatch_uid="guidance-pd")


class LevelGuideQuestion(models.Model):
    """One question of "Which level do you need?": asked in ``position`` order, each answered by
    choosing one of its answers."""

    position = models.PositiveSmallIntegerField(unique=True)
    text = models.CharField(max_length=200)
    help_text = models.CharField(max_length=300, blank=True)
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the distinction comes from."
    )

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text


class LevelGuideAnswer(models.Model):
    """An answer to a guide question, and what it says about the level: ``weight`` points toward
    ``level`` (none: the answer leans neither way), with the reason shown in the result."""

    question = models.ForeignKey(
        LevelGuideQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=200)
    level = models.ForeignKey(
        Level,
        to_field="slug",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The level this answer points to; blank for an answer that points to neither.",
    )
    weight = models.PositiveSmallIntegerField(
        default=1, help_text="How strongly it points there (1 weak, 3 strong)."
    )
    reason = models.CharField(
        max_length=300, blank=True, help_text="Shown with the recommendation: why this answer."
    )

    class Meta:
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "position"], name="levelguideanswer_position"
            )
        ]

    def __str__(self) -> str:
        return self.text


class PayBand(models.Model):
    """HR's pay band for a level, in one currency and pay period, optionally for one country
    (and state or province). Checked against drafts' pay in the guidance panel; never printed."""

    level = models.ForeignKey(Level, to_field="slug", on_delete=models.CASCADE, related_name="+")
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    pay_period = models.CharField(max_length=8, choices=PayPeriod.choices, default=PayPeriod.YEAR)
    minimum = models.DecimalField(max_digits=12, decimal_places=2)
    maximum = models.DecimalField(max_digits=12, decimal_places=2)
    country = CountryField(blank=True, help_text="Blank: everywhere without a band of its own.")
    region = models.CharField("state or province", max_length=80, blank=True)
    hours_per_year = models.PositiveIntegerField(
        default=2080,
        validators=[MinValueValidator(1)],
        help_text="How hourly and annual pay compare: the hours of a working year (2,080 is "
        "40 hours × 52 weeks).",
    )

    class Meta:
        ordering = ["level__rank", "currency", "country", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "currency", "country", "region"], name="payband_one_per_place"
            ),
            models.CheckConstraint(
                condition=models.Q(maximum__gte=models.F("minimum")),
                name="payband_maximum_not_below_minimum",
                violation_error_message="The maximum is below the minimum.",
            ),
        ]

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.region, str(self.country or "")) if part)
        return f"{self.level_id}: {self.currency} {self.minimum:,.0f}–{self.maximum:,.0f}" + (
            f" ({where})" if where else ""
        )


post_save.connect(guidance_rules_changed, sender=PayBand, dispatch_uid="guidance-band")
post_delete.connect(guidance_rules_changed, sender=PayBand, dispatch_uid="guidance-band-d")
