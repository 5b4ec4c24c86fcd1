"""Level fit: does the draft read as its own level? The seed's distinctions made checkable: each
level's signals (company-wide strategy for a VP; one department, hands-on, day to day for a
Director; one shift, team or unit for a Manager), the level the title names, who the role reports
to, and whether each KPI's review fits the level's horizon.

A scope finding rests on evidence, not on one word: the signals of the whole draft are weighed
(each phrase once; everyday words such as "daily" or "department" weigh half), only inside one
clause, never after a negation ("rather than enterprise-wide strategy"), never in a sentence that
names that level's own title ("the policies set by the VP"), and another level must lead the
draft's own by a clear margin.
"""

import re
from dataclasses import dataclass

from .findings import Finding
from .rules import CADENCES, GuidanceRules, LevelRule
from .text import clauses, find_phrases, phrase_stems, sentences, tokens

#: The paragraphs and list whose words say what scope the role has.
SCOPE_FIELDS = (("summary", "Summary"), ("scope", "Scope"))

#: Another level's signals must weigh this much (two telling phrases, or four everyday words)...
EVIDENCE_NEEDED = 2.0
#: ...and lead the draft's own level's by this much.
EVIDENCE_MARGIN = 1.5

# Words in a KPI that imply how often it is looked at: a daily or per-shift measure belongs to a
# weekly horizon at most, an annual one to a yearly horizon. Vocabulary tied to the fixed cadence
# choices, not data HR keeps.
_SHORT_HORIZON = re.compile(r"\b(daily|per shift|each shift|every shift|hourly|per hour)\b", re.I)
_LONG_HORIZON = re.compile(r"\b(annual|annually|yearly|multi-year)\b", re.I)

#: Words before a level's title word that place the holder above the plain title ("Senior Vice
#: President") or below it ("Associate Director"); read from titles, not data: they are the
#: vocabulary of titles themselves.
_SENIOR = frozenset({"senior", "sr", "executive", "group", "global", "svp", "evp", "chief"})
_JUNIOR = frozenset({"associate", "assistant", "deputy", "junior", "jr"})
#: Titles that say nothing of the level: a general manager heads a unit of any size, from a
#: store to a company.
_UNREADABLE = re.compile(r"\bgeneral\s+manager\b", re.I)


def _signal_phrases(rules: GuidanceRules) -> list[tuple[object, tuple[str, ...]]]:
    # Cached on the rules value (hashing every signal per call would cost more than matching).
    if "signals" not in rules.extra:
        rules.extra["signals"] = [
            ((level.slug, signal), phrase_stems(signal.phrase))
            for level in rules.levels
            for signal in level.signals
        ]
    return rules.extra["signals"]


def check_level(document, rules: GuidanceRules) -> list[Finding]:
    own = rules.level(document.level)
    if own is None:
        return []
    return [
        *_title(document, own, rules),
        *_scope_findings(document, own, rules),
        *_reports_to(document, own, rules),
        *_horizon(document, own),
    ]


def _scope_texts(document):
    for section, label in SCOPE_FIELDS:
        yield section, label, None, None, getattr(document, section)
    for position, item in enumerate(document.responsibilities):
        yield "responsibilities", f"Responsibility {position + 1}", position, item.id, item.text


@dataclass(frozen=True)
class _Evidence:
    signal: object
    section: str
    label: str
    position: int | None
    item_id: int | None
    text: str
    words: str


def scope_evidence(document, rules: GuidanceRules) -> dict[str, dict[str, _Evidence]]:
    """For each level, its signals found in the draft's scope texts (each phrase once, where it
    first occurs): inside one clause, not after a negation, not in a sentence naming that
    level's title."""
    phrases = _signal_phrases(rules)
    titles = _title_patterns(rules)
    evidence: dict[str, dict[str, _Evidence]] = {}
    for section, label, position, item_id, text in _scope_texts(document):
        for sentence, _offset in sentences(text):
            named = {slug for slug, pattern in titles.items() if pattern.search(sentence)}
            for clause, _at in clauses(sentence):
                for match in find_phrases(tokens(clause), phrases, clause):
                    slug, signal = match.key
                    if slug in named:
                        continue  # about the person the sentence names, not this role
                    evidence.setdefault(slug, {}).setdefault(
                        signal.phrase,
                        _Evidence(
                            signal,
                            section,
                            label,
                            position,
                            item_id,
                            text,
                            clause[match.start : match.end],
                        ),
                    )
    return evidence


def _title_patterns(rules: GuidanceRules) -> dict[str, re.Pattern]:
    """For each level, one pattern for the words that name it in a title (plurals too), built
    once per set of rules. Linear: escaped words between one-character lookarounds."""
    if "titles" not in rules.extra:
        rules.extra["titles"] = {
            level.slug: re.compile(
                r"(?<![\w-])(?:"
                + "|".join(re.escape(word) for word in level.title_words if word)
                + r")s?(?![\w-])",
                re.IGNORECASE,
            )
            for level in rules.levels
            if any(level.title_words)
        }
    return rules.extra["titles"]


#: On a draft whose title puts a senior modifier on its own level ("Senior Operations Manager",
#: "Sr. Director"), the signals of the level just above weigh this share of their weight: a
#: senior holder sits at the top of the level and does some of the next one's work (a Senior
#: Manager leads managers, one site, several shifts), so those words tell the two apart weakly.
SENIOR_TITLE_SHARE = 0.5


def _weight(found: dict[str, _Evidence], share: float = 1.0) -> float:
    return share * sum(evidence.signal.weight for evidence in found.values())


@dataclass(frozen=True)
class ScopeReading:
    """The level a draft's scope reads as, when another than its own: that level, the weights,
    and the evidence for it, heaviest first."""

    level: LevelRule
    weight: float
    own_weight: float
    evidence: list[_Evidence]


def scope_reading(document, own: LevelRule, rules: GuidanceRules) -> ScopeReading | None:
    """The level the draft's scope texts read as, if another level's evidence is enough and
    leads the draft's own level's by a clear margin; else None."""
    evidence = scope_evidence(document, rules)
    own_weight = _weight(evidence.get(own.slug, {}))
    in_title = level_named_in(document.title, (own,))
    senior = in_title is not None and in_title.senior
    family = [
        level
        for level in rules.levels
        if level.job_family == own.job_family and level.slug != own.slug
    ]
    above = [level for level in family if level.rank > own.rank]
    shares = (
        {min(above, key=lambda level: level.rank).slug: SENIOR_TITLE_SHARE}
        if senior and above
        else {}
    )
    weighed = sorted(
        (
            (_weight(evidence.get(level.slug, {}), shares.get(level.slug, 1.0)), level)
            for level in family
        ),
        key=lambda pair: -pair[0],
    )
    if not weighed:
        return None
    weight, other = weighed[0]
    if weight < EVIDENCE_NEEDED or weight - own_weight < EVIDENCE_MARGIN:
        return None
    found = sorted(evidence[other.slug].values(), key=lambda e: -e.signal.weight)
    return ScopeReading(other, weight, own_weight, found)


def _scope_findings(document, own: LevelRule, rules: GuidanceRules) -> list[Finding]:
    reading = scope_reading(document, own, rules)
    if reading is None:
        return []
    other, weight, own_weight, found = (
        reading.level,
        reading.weight,
        reading.own_weight,
        reading.evidence,
    )
    first = found[0]
    quoted = ", ".join(f"“{e.words}”" for e in found[:5])
    return [
        Finding(
            category="level",
            code="level-signal",
            section=first.section,
            position=first.position,
            item_id=first.item_id,
            quote=first.words,
            message=f"The draft reads as {other.name} scope, not {own.name}: {quoted} "
            f"(weight {weight:g} against {own_weight:g} for {own.name}).",
            why=f"{first.signal.explanation[:1].upper()}{first.signal.explanation[1:]}.",
            source=first.signal.source,
            suggestion=_own_scope_hint(own),
            text=first.text,
        )
    ]


def _own_scope_hint(own: LevelRule) -> str:
    telling = [signal for signal in own.signals if signal.weight >= 1] or list(own.signals)
    examples = ", ".join(f"“{signal.phrase}”" for signal in telling[:4])
    return f"Describe what a {own.name} owns" + (f", e.g. {examples}." if examples else ".")


#: Where the words qualifying a title word stop: "Director of Operations, Senior Living" is not a
#: senior director, "Deputy General Manager and Vice President" not a deputy VP.
_MODIFIER_STOP = re.compile(r"[,;:()/&–—]|\b(?:and|of|to|for|the|at|in|with)\b", re.I)
#: At most this many words before a title word qualify it: "Senior Operations Manager",
#: "Assistant Store Operations Manager".
_MODIFIER_WORDS = 3


def _modifiers(before: str) -> frozenset[str]:
    """The words just before a title word that qualify it, lower-cased."""
    stops = list(_MODIFIER_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    return frozenset(word.lower() for word in re.findall(r"[A-Za-z]+", before)[-_MODIFIER_WORDS:])


@dataclass(frozen=True)
class TitleLevel:
    level: LevelRule
    senior: bool  # "Senior", "Sr.", "Executive", "Group", SVP, EVP
    junior: bool  # "Associate", "Assistant", "Deputy"


def title_levels(title: str, levels: tuple[LevelRule, ...]) -> list[TitleLevel]:
    """The levels a job title names, with the words before each that place the holder above or
    below the plain title; the longest title word first ("Vice President" before "President",
    "Managing Director" before "Director"), each part of the title read once."""
    title = _UNREADABLE.sub(" ", title)
    words = sorted(
        ((word, level) for level in levels for word in level.title_words if word),
        key=lambda pair: -len(pair[0]),
    )
    found, taken = [], []
    for word, level in words:
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}s?(?![\w-])", title, re.I):
            if any(low < match.end() and match.start() < high for low, high in taken):
                continue
            taken.append(match.span())
            modifiers = _modifiers(title[max(0, match.start() - 40) : match.start()])
            word_itself = match.group().lower()
            found.append(
                TitleLevel(
                    level,
                    senior=bool(modifiers & _SENIOR) or word_itself in _SENIOR,
                    junior=bool(modifiers & _JUNIOR),
                )
            )
    return found


def level_named_in(title: str, levels: tuple[LevelRule, ...]) -> TitleLevel | None:
    """The most senior level a title names ("General Manager and Chief Executive Officer" is a
    chief executive): a title of two hats is read by the higher."""
    named = title_levels(title, levels)
    return max(named, key=lambda named: named.level.rank) if named else None


def _title(document, own: LevelRule, rules: GuidanceRules) -> list[Finding]:
    family = tuple(level for level in rules.levels if level.job_family == own.job_family)
    named = level_named_in(document.title, family)
    if named is None or named.level.slug == own.slug:
        return []
    return [
        Finding(
            category="level",
            code="title-level",
            section="title",
            quote=document.title,
            message=f"The title “{document.title}” names a {named.level.name}; this draft is at "
            f"the {own.name} level.",
            why="Candidates read the level from the title first; a title and a level that "
            "disagree draw the wrong applicants.",
            suggestion=f"Choose the {named.level.name} level, or a title that says {own.name}.",
            text=document.title,
        )
    ]


def _reports_to(document, own: LevelRule, rules: GuidanceRules) -> list[Finding]:
    boss = level_named_in(document.reports_to, rules.levels) if document.reports_to else None
    if boss is None:
        return []
    common = {
        "category": "level",
        "section": "reports_to",
        "quote": document.reports_to,
        "text": document.reports_to,
    }
    if boss.level.rank < own.rank:
        return [
            Finding(
                **common,
                code="reports-to-level",
                message=f"A {own.name} reports to “{document.reports_to}”, a {boss.level.name}: "
                "a role reports to a more senior level.",
                why="Reporting lines run upward; a reader takes the role for a lower level.",
                suggestion=f"Name a role above {own.name}, or check the level of this draft.",
            )
        ]
    if boss.level.rank == own.rank:
        mine = level_named_in(document.title, (own,))
        if boss.senior or (mine is not None and mine.junior):
            return []  # a VP under an SVP, an Associate Director under a Director
        return [
            Finding(
                **common,
                code="reports-to-level",
                severity="info",
                message=f"This {own.name} reports to another {boss.level.name}, "
                f"“{document.reports_to}”: fine when that role's remit is wider.",
                why="A reader expects a reporting line to run upward.",
                suggestion="If the manager's remit is wider, the title may say so "
                "(“Senior …”, “Group …”).",
            )
        ]
    # Only the role's own ladder: another family's ranks say nothing about this reporting line.
    between = [
        level
        for level in rules.levels
        if own.rank < level.rank < boss.level.rank and level.job_family == own.job_family
    ]
    if not between:
        return []
    needed = [level for level in between if not level.may_be_skipped]
    skipped = (needed or between)[0]
    return [
        Finding(
            **common,
            code="reports-to-skip",
            severity="advice" if needed else "info",
            message=f"Does this {own.name} really report straight to “{document.reports_to}”? "
            f"That skips the {skipped.name} level.",
            why="A skip-level line is unusual; candidates read it as a larger role."
            if needed
            else f"Many organisations have no {skipped.name} between them: information.",
            suggestion=f"If a {skipped.name} sits between them, name that role.",
        )
    ]


def _horizon(document, own: LevelRule) -> list[Finding]:
    shortest, longest = CADENCES.index(own.shortest_cadence), CADENCES.index(own.longest_cadence)
    findings = []
    for position, kpi in enumerate(document.kpis):
        cadence = CADENCES.index(kpi.cadence) if kpi.cadence in CADENCES else None
        words = f"{kpi.name} {kpi.measure}"
        short_words = _SHORT_HORIZON.search(words)
        long_words = _LONG_HORIZON.search(words)
        problem = ""
        if (cadence is not None and cadence < shortest) or (short_words and shortest > 0):
            problem = "too close-up"
        elif (cadence is not None and cadence > longest) or (
            long_words and longest < CADENCES.index("annually")
        ):
            problem = "too far out"
        if not problem:
            continue
        quote = (short_words or long_words).group() if (short_words or long_words) else kpi.name
        findings.append(
            Finding(
                category="level",
                code="kpi-horizon",
                section="kpis",
                position=position,
                item_id=kpi.id,
                subfield="cadence",
                quote=quote,
                message=f"KPI {position + 1}, “{kpi.name}”, reviewed {kpi.cadence_label.lower()}, "
                f"is {problem} for a {own.name}.",
                why=f"A {own.name}'s horizon is {own.shortest_cadence} to {own.longest_cadence} "
                "reviews.",
                suggestion=f"Measure at the {own.name}'s level, reviewed {own.shortest_cadence} "
                f"to {own.longest_cadence}.",
                text=f"{kpi.name}|{kpi.measure}|{kpi.cadence}",
            )
        )
    return findings
