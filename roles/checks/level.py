"""Level fit: does the draft read as its own level? The seed's distinctions made checkable: each
level's signals (company-wide strategy for a VP; one department, hands-on, day to day for a
Director), who the role reports to, and whether each KPI's review fits the level's horizon."""

import re

from .findings import Finding
from .rules import CADENCES, GuidanceRules, LevelRule
from .text import find_phrases, names_any, phrase_stems, sentences, tokens

#: The paragraphs and list whose words say what scope the role has.
SCOPE_FIELDS = (("summary", "Summary"), ("scope", "Scope"))

# Words in a KPI that imply how often it is looked at: a daily or per-shift measure belongs to a
# weekly horizon at most, an annual one to a yearly horizon. Vocabulary tied to the fixed cadence
# choices, not data HR keeps.
_SHORT_HORIZON = re.compile(r"\b(daily|per shift|each shift|every shift|hourly|per hour)\b", re.I)
_LONG_HORIZON = re.compile(r"\b(annual|annually|yearly|multi-year)\b", re.I)


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
    findings = []
    for section, label, position, item_id, text in _scope_texts(document):
        findings += _scope_findings(own, rules, section, label, position, item_id, text)
    findings += _reports_to(document, own, rules)
    findings += _horizon(document, own)
    return findings


def _scope_texts(document):
    for section, label in SCOPE_FIELDS:
        yield section, label, None, None, getattr(document, section)
    for position, item in enumerate(document.responsibilities):
        yield "responsibilities", f"Responsibility {position + 1}", position, item.id, item.text


def _scope_findings(own, rules, section, label, position, item_id, text) -> list[Finding]:
    findings = []
    phrases = _signal_phrases(rules)
    by_slug = {level.slug: level for level in rules.levels}
    for sentence, _offset in sentences(text):
        matches = find_phrases(tokens(sentence), phrases)
        counts: dict[str, list] = {}
        for match in matches:
            counts.setdefault(match.key[0], []).append(match)
        own_count = len(counts.get(own.slug, ()))
        for slug, level_matches in counts.items():
            other = by_slug[slug]
            # "Within the policies set by the VP": words about a level the sentence names are
            # about that person's work, not this role's.
            if slug == own.slug or names_any(sentence, other.title_words):
                continue
            if len(level_matches) <= own_count:
                continue
            quoted = [sentence[match.start : match.end] for match in level_matches]
            signal = level_matches[0].key[1]
            findings.append(
                Finding(
                    category="level",
                    code="level-signal",
                    section=section,
                    position=position,
                    item_id=item_id,
                    quote=quoted[0],
                    message=f"{label} reads as {other.name} scope, not {own.name}: "
                    + ", ".join(f"“{words}”" for words in quoted)
                    + ".",
                    why=f"{signal.explanation[:1].upper()}{signal.explanation[1:]}.",
                    source=signal.source,
                    suggestion=_own_scope_hint(own),
                    text=text,
                )
            )
    return findings


def _own_scope_hint(own: LevelRule) -> str:
    examples = ", ".join(f"“{signal.phrase}”" for signal in own.signals[:4])
    return f"Describe what a {own.name} owns" + (f", e.g. {examples}." if examples else ".")


def level_named_in(title: str, levels: tuple[LevelRule, ...]) -> LevelRule | None:
    """The level a job title names, the longest title word first ("Vice President" before
    "President", "Managing Director" before "Director")."""
    words = sorted(
        ((word, level) for level in levels for word in level.title_words if word),
        key=lambda pair: -len(pair[0]),
    )
    for word, level in words:
        if names_any(title, (word,)):
            return level
    return None


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
    if boss.rank <= own.rank:
        return [
            Finding(
                **common,
                code="reports-to-level",
                message=f"A {own.name} reports to “{document.reports_to}”, a {boss.name}: "
                "a role must report to a more senior level.",
                why="Reporting lines run upward; a reader takes the role for a lower level.",
                suggestion=f"Name a role above {own.name}, or check the level of this draft.",
            )
        ]
    # Only the role's own ladder: another family's ranks say nothing about this reporting line.
    between = [
        level
        for level in rules.levels
        if own.rank < level.rank < boss.rank and level.job_family == own.job_family
    ]
    if between:
        return [
            Finding(
                **common,
                code="reports-to-skip",
                message=f"Does this {own.name} really report straight to “{document.reports_to}”? "
                f"That skips the {between[0].name} level.",
                why="A skip-level line is unusual; candidates read it as a larger role.",
                suggestion=f"If a {between[0].name} sits between them, name that role.",
            )
        ]
    return []


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
