"""Inclusive language: gender-coded words (Gaucher, Friesen & Kay 2011), the admin's lists of
age, ability, gendered, national-origin and jargon terms, and requirements overload.

The gender-coded count is written here, not taken from gender-decoder (which is a web app, not a
library), to fix where it misfires on operations text: it matches every list entry as a raw
prefix, so "decision" counts as "decisive" and "shareholder" as "share*", and it counts a word
once per entry it starts with. Here an unstarred entry matches only the whole word, a stem only
what begins with it, a tested list of exceptions is skipped, and each word counts once.
"""

import re
from functools import lru_cache

from .findings import Finding
from .rules import CodedWord, GuidanceRules, LanguageRule
from .text import words

_DEGREE = re.compile(r"\b(degree|bachelor'?s?|master'?s?|mba|ph\.?d|doctorate|diploma)\b", re.I)
_EQUIVALENT = re.compile(r"\bequivalent\b|\bcomparable experience\b", re.I)


def candidate_texts(document):
    """Every text a candidate reads, as (section, label, position, item id, text)."""
    yield "title", "Title", None, None, document.title
    for section in ("summary", "scope", "impact", "collaboration"):
        yield section, section.capitalize(), None, None, getattr(document, section)
    for name, label, attribute in (
        ("responsibilities", "Responsibility", "text"),
        ("qualifications", "Qualification", "text"),
    ):
        for position, item in enumerate(getattr(document, name)):
            yield name, f"{label} {position + 1}", position, item.id, getattr(item, attribute)
    for position, kpi in enumerate(document.kpis):
        yield "kpis", f"KPI {position + 1}", position, kpi.id, f"{kpi.name}. {kpi.measure}"
    for section in ("benefits", "other_compensation", "apply_instructions"):
        yield (
            section,
            section.replace("_", " ").capitalize(),
            None,
            None,
            getattr(document, section),
        )


@lru_cache(maxsize=16)
def _coded_index(coded: tuple[CodedWord, ...]):
    whole = {word.term.lower(): word for word in coded if not word.is_stem}
    stems = sorted((word for word in coded if word.is_stem), key=lambda word: -len(word.term))
    return whole, stems


def coded_word(word: str, rules: GuidanceRules) -> CodedWord | None:
    """The coded entry ``word`` matches, if any: the whole compound first ("self-reliant"), then
    its last part ("data-driven" as "driven")."""
    whole, stems = _coded_index(rules.coded_words)
    word = word.lower().replace("’", "'").removesuffix("'s")
    candidates = [word] + ([word.rsplit("-", 1)[1]] if "-" in word else [])
    for candidate in candidates:
        if candidate in rules.coded_exceptions:
            return None
        if candidate in whole:
            return whole[candidate]
        for entry in stems:
            if candidate.startswith(entry.term.lower()):
                return entry
    return None


def gender_verdict(masculine: int, feminine: int) -> str:
    """gender-decoder's verdict from the counts (its assess_coding: the difference, with
    "strongly" past 3)."""
    score = feminine - masculine
    if score == 0:
        return "neutral"
    strength = "strongly " if abs(score) > 3 else ""
    return f"{strength}{'feminine' if score > 0 else 'masculine'}-coded"


def check_language(document, rules: GuidanceRules) -> list[Finding]:
    texts = list(candidate_texts(document))
    return [
        *_gender_coded(texts, rules),
        *_terms(texts, rules),
        *_requirements(document, rules),
    ]


def _gender_coded(texts, rules: GuidanceRules) -> list[Finding]:
    hits = {"masculine": [], "feminine": []}
    for section, label, position, item_id, text in texts:
        for word, _start, _end in words(text):
            if entry := coded_word(word, rules):
                hits[entry.gender].append((section, label, position, item_id, text, word, entry))
    masculine, feminine = len(hits["masculine"]), len(hits["feminine"])
    verdict = gender_verdict(masculine, feminine)
    summary = Finding(
        category="language",
        code="gender-verdict",
        message=f"Gender coding: {verdict} ({masculine} masculine-coded, "
        f"{feminine} feminine-coded word{'s' if feminine != 1 else ''}).",
        why="Masculine-coded ads make women less likely to apply and feel they belong.",
        source=rules.coded_source,
        severity="info" if verdict == "neutral" else "advice",
        text=verdict,
    )
    if verdict == "neutral":
        return [summary]
    side = "feminine" if feminine > masculine else "masculine"
    findings = [summary]
    for section, label, position, item_id, text, word, entry in hits[side]:
        findings.append(
            Finding(
                category="language",
                code="gender-coded",
                section=section,
                position=position,
                item_id=item_id,
                quote=word,
                message=f"{label}: “{word}” is {side}-coded"
                + (f" (“{entry.term}*”)." if entry.is_stem else "."),
                why="Coded words tilt the whole ad; balance them or say it neutrally.",
                source=rules.coded_source,
                suggestion="Say what the work needs in neutral words.",
                text=text,
            )
        )
    return findings


@lru_cache(maxsize=16)
def _compiled(language: tuple[LanguageRule, ...]) -> list[tuple[LanguageRule, re.Pattern]]:
    compiled = []
    for rule in language:
        if rule.match == "pattern":
            try:
                pattern = re.compile(rule.pattern, re.I)
            except re.error:
                continue  # the admin validates patterns; an old bad row is skipped, not fatal
        else:
            words_ = r"[\s-]+".join(re.escape(part) for part in rule.term.split())
            tail = r"[\w'-]*" if rule.match == "stem" else ""
            pattern = re.compile(rf"(?<![\w-]){words_}{tail}(?![\w-])", re.I)
        compiled.append((rule, pattern))
    return compiled


def _terms(texts, rules: GuidanceRules) -> list[Finding]:
    findings = []
    compiled = _compiled(rules.language)
    for section, label, position, item_id, text in texts:
        for rule, pattern in compiled:
            for match in pattern.finditer(text):
                findings.append(
                    Finding(
                        category="language",
                        code=f"term-{rule.category}",
                        section=section,
                        position=position,
                        item_id=item_id,
                        quote=match.group(),
                        message=f"{label}: “{match.group()}” ({rule.category_label.lower()}).",
                        why=rule.why,
                        source=rule.source_title,
                        source_url=rule.source_url,
                        suggestion=rule.suggestion,
                        text=text,
                    )
                )
    return findings


def _requirements(document, rules: GuidanceRules) -> list[Finding]:
    findings = []
    required = document.required_qualifications
    if len(required) > rules.max_required_qualifications:
        findings.append(
            Finding(
                category="language",
                code="requirements-overload",
                section="qualifications",
                quote=f"{len(required)} required",
                message=f"{len(required)} qualifications are required; more than "
                f"{rules.max_required_qualifications} puts off people who meet most of them.",
                why="Many qualified applicants, women more often, apply only when they meet "
                "every listed requirement.",
                source="Mohr, “Why women don't apply for jobs unless they're 100% qualified”, "
                "Harvard Business Review (2014)",
                suggestion="Keep the few that are truly essential as required; mark the rest "
                "preferred.",
                text=str(len(required)),
            )
        )
    for position, item in enumerate(document.qualifications):
        if item.kind != "required" or not (degree := _DEGREE.search(item.text)):
            continue
        if _EQUIVALENT.search(item.text):
            continue
        findings.append(
            Finding(
                category="language",
                code="degree-required",
                section="qualifications",
                position=position,
                item_id=item.id,
                quote=degree.group(),
                message=f"Qualification {position + 1} requires a {degree.group()} without "
                "“or equivalent experience”.",
                why="A degree requirement screens out capable people who learned on the job.",
                source="US EEOC and OFCCP guidance on job-related, consistent-with-business-"
                "necessity requirements",
                suggestion="Add “or equivalent experience”, or make the degree preferred.",
                text=item.text,
            )
        )
    return findings
