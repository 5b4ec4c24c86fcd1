"""Inclusive language: gender-coded words (Gaucher, Friesen & Kay 2011), the admin's lists of
age, ability, gendered, national-origin and jargon terms, and requirements overload.

The gender-coded count is written here, not taken from gender-decoder (which is a web app, not a
library), to fix where it misfires on operations text: it matches every list entry as a raw
prefix, so "decision" counts as "decisive" and "shareholder" as "share*", and it counts a word
once per entry it starts with. Here an unstarred entry matches only the whole word, a stem only
what begins with it, a tested list of exceptions is skipped, and each word counts once.
"""

import bisect
import itertools
import re
from dataclasses import dataclass

import re2

from .findings import Finding
from .rules import CodedWord, GuidanceRules, LanguageRule
from .text import clause_spans, words

#: A clause that says the trait is not wanted ("a dominant personality is not required").
_NOT_WANTED = re.compile(r"\b(?:not(?!\s+only)|never|no|rather\s+than|instead\s+of)\b|n't\b", re.I)
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


class _Coded:
    """Appendix A compiled for matching, built once per set of rules: whole words in a dict,
    stems in one anchored alternation (longest first), exception phrases in one pattern."""

    def __init__(self, rules: GuidanceRules) -> None:
        self.whole = {word.term.lower(): word for word in rules.coded_words if not word.is_stem}
        stems = sorted(
            (word for word in rules.coded_words if word.is_stem), key=lambda word: -len(word.term)
        )
        self.stems = {word.term.lower(): word for word in stems}
        self.stem_pattern = (
            re.compile("|".join(re.escape(term) for term in self.stems)) if stems else None
        )
        # Python's re, not RE2: the phrases are escaped words between one-character lookarounds,
        # each space run read once per phrase that reached it, so linear in the text.
        phrases = sorted(rules.coded_exceptions, key=len, reverse=True)
        self.exceptions = (
            re.compile(
                r"(?<![\w-])(?:"
                + "|".join(r"[\s-]+".join(map(re.escape, phrase.split())) for phrase in phrases)
                + r")(?![\w-])",
                re.IGNORECASE,
            )
            if phrases
            else None
        )

    def match(self, word: str) -> CodedWord | None:
        word = word.lower().replace("’", "'").removesuffix("'s")
        for candidate in [word] + ([word.rsplit("-", 1)[1]] if "-" in word else []):
            if candidate in self.whole:
                return self.whole[candidate]
            # An adverb of a whole-word entry describes the person as the adjective does
            # ("communicates confidently", "decisively"): the study's lists name adjectives.
            if candidate.endswith("ly") and candidate[:-2] in self.whole:
                return self.whole[candidate[:-2]]
            stem = self.stem_pattern.match(candidate) if self.stem_pattern else None
            # A compound is read by its last part ("hyper-competitive"), or whole when the entry
            # itself is one ("self-reliant"): "support-services" is not "support*".
            if stem and (candidate != word or "-" not in word or "-" in stem.group()):
                return self.stems[stem.group()]
        return None

    def coded_words(self, text: str):
        """(word, entry, counted) for every word of ``text`` Appendix A matches as printed;
        ``counted`` is False for a word in an exception phrase (the job's own function, another
        sense, an ordinary word), in a clause that says the trait is not wanted, or in a name."""
        found = words(text)
        coded = [
            (index, entry) for index, (word, *_) in enumerate(found) if (entry := self.match(word))
        ]
        if not coded:
            return
        # Only a text with a coded word is searched for exceptions and negated clauses.
        skip = [m.span() for m in self.exceptions.finditer(text)] if self.exceptions else []
        # A trait in a clause that says it is not wanted describes no one.
        skip += [
            (low, high) for low, high in clause_spans(text) if _NOT_WANTED.search(text, low, high)
        ]
        skip = _merged(skip)
        at = 0  # words come in order: one walk over the merged spans, linear in the text
        for index, entry in coded:
            word, start, end = found[index]
            end -= 2 if word.endswith(("'s", "’s")) else 0  # "the competition's" as "competition"
            while at < len(skip) and skip[at][1] < end:
                at += 1
            excepted = at < len(skip) and skip[at][0] <= start
            yield word, entry, not excepted and not _in_proper_noun(text, found, index)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans as disjoint ones, in order (overlapping ones joined)."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _in_proper_noun(text: str, found, index: int) -> bool:
    """Whether the word at ``index`` is part of a name ("Loyal Heart Hospice", "Seattle
    Children's Theatre", "Harbor Supportive Housing"): capitalised, with a capitalised word right
    beside it (only spaces between). A heading in capitals is not a name."""
    word, start, end = found[index]
    if not _capitalised(word):
        return False
    if index + 1 < len(found):
        after, next_start, _ = found[index + 1]
        if _capitalised(after) and not text[end:next_start].strip():
            return True
    if index > 0:
        before, _, before_end = found[index - 1]
        # The word before must not start its sentence: "Warm Springs" names a place, but a
        # sentence's first word is capitalised anyway.
        if _capitalised(before) and not text[before_end:start].strip():
            return True
    return False


def _coded(rules: GuidanceRules) -> _Coded:
    # Cached on the rules value itself: hashing hundreds of rows per call would cost more than
    # the matching (the rules are built afresh when the admin's tables are read).
    if "coded" not in rules.extra:
        rules.extra["coded"] = _Coded(rules)
    return rules.extra["coded"]


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
        *gender_coded_findings(texts, rules),
        *term_findings(texts, rules),
        *_requirements(document, rules),
    ]


#: What Gaucher, Friesen & Kay (2011) found for each direction (studies 3–5): the reason a verdict
#: gives. Masculine wording lowered women's sense of belonging and the appeal of the job;
#: feminine wording had little effect on men (gender-decoder reads it the same way).
_VERDICT_WHY = {
    "masculine": "Gaucher et al. found that masculine-coded wording made a job less appealing to "
    "women, who expected to belong less; it did not change how able they felt to do it.",
    "feminine": "Gaucher et al. found feminine-coded wording had little effect on men's interest "
    "in a job: information, nothing to change.",
    "neutral": "No trait word tilts the ad either way.",
}


def gender_coded_findings(texts, rules: GuidanceRules) -> list[Finding]:
    """The verdict and the coded words, counting only words that describe the person wanted
    (traits), not the job's own function or other senses; the count of Appendix A as printed
    stands beside the verdict, so the departure from the study's method shows."""
    hits = {"masculine": [], "feminine": []}
    as_printed = {"masculine": 0, "feminine": 0}
    coded = _coded(rules)
    for section, label, position, item_id, text in texts:
        for word, entry, counted in coded.coded_words(text):
            as_printed[entry.gender] += 1
            if counted:
                hits[entry.gender].append((section, label, position, item_id, text, word, entry))
    masculine, feminine = len(hits["masculine"]), len(hits["feminine"])
    verdict = gender_verdict(masculine, feminine)
    direction = "neutral" if verdict == "neutral" else verdict.split()[-1].removesuffix("-coded")
    summary = Finding(
        category="language",
        code="gender-verdict",
        message=f"Gender coding: {verdict} ({masculine} masculine-coded, "
        f"{feminine} feminine-coded trait word{'s' if feminine != 1 else ''}; Appendix A as "
        f"printed counts {as_printed['masculine']} and {as_printed['feminine']}, with the "
        "job's own words such as “lead” and “support”).",
        why=_VERDICT_WHY[direction],
        source=rules.coded_source,
        # Only masculine wording was found to put people off: the other verdicts inform.
        severity="advice" if direction == "masculine" else "info",
        text=verdict,
    )
    findings = [summary]
    # Every trait word the verdict counted is shown, so a reviewer sees both numbers' words: the
    # verdict's own direction first, with its severity; the other direction's (and both, on a
    # tie) as information under it.
    for gender in sorted(hits, key=lambda gender: gender != direction):
        leading = gender == direction
        for section, label, position, item_id, text, word, entry in hits[gender]:
            findings.append(
                Finding(
                    category="language",
                    code="gender-coded",
                    section=section,
                    position=position,
                    item_id=item_id,
                    quote=word,
                    message=f"{label}: “{word}” is {gender}-coded"
                    + (f" (“{entry.term}*”)" if entry.is_stem else "")
                    + ("." if leading else f"; counted in the verdict ({verdict})."),
                    why=_WORD_WHY[gender] if leading else _AGAINST_WHY[gender],
                    source=rules.coded_source,
                    suggestion="Say what the work needs in neutral words.",
                    severity="advice" if leading and direction == "masculine" else "info",
                    text=text,
                )
            )
    return findings


#: Why a trait word in the verdict's own direction is shown.
_WORD_WHY = {
    "masculine": "A trait word tilts the whole ad; balance it or say what the work needs.",
    "feminine": "Information: feminine-coded words were not found to put men off.",
}
#: Why a trait word against the verdict's direction (or on a tie) is shown: it is in the count.
_AGAINST_WHY = {
    "masculine": "Information: the verdict weighs it against the feminine-coded words; "
    "masculine-coded wording was found to make a job less appealing to women.",
    "feminine": "Information: the verdict weighs it against the masculine-coded words; "
    "feminine-coded words were not found to put men off.",
}


def re2_compile(pattern: str):
    """``pattern`` compiled by RE2, case ignored: matched in time linear in the text whatever an
    HR admin typed (no backtracking; no lookaround or backreferences either). Raises
    ``re2.error`` for a pattern RE2 refuses."""
    return re2.compile(pattern, options=_RE2_OPTIONS)


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.case_sensitive = False
_RE2_OPTIONS.log_errors = False  # a refused pattern is an exception, not a line on stderr
_RE2_OPTIONS.max_mem = 8 << 20  # RE2's default, stated: the compiled automaton's memory bound

#: A character of a word, or a hyphen: what may not stand right before or after a whole word or
#: phrase ("lead" is not in "leader" nor "mis-lead"). Python's ``[\w-]``: letters, digits of any
#: script, "_" and "-".
_WORDLIKE = r"\p{L}\p{N}_-"


@dataclass(frozen=True)
class _Term:
    rule: LanguageRule
    pattern: object  # an RE2 pattern
    #: A whole word or phrase: the pattern's group 1 is the hit, and the character after it
    #: must not be word-like (RE2 has no lookahead, so that is checked here).
    whole: bool
    not_followed_by: object | None

    def hits(self, data: bytes):
        """(start, end) of each hit in ``data`` (UTF-8), in byte offsets, in order."""
        pos, size = 0, len(data)
        while pos <= size and (match := self.pattern.search(data, pos)):
            start, end = match.span(1 if self.whole else 0)
            if self.whole and _wordlike_at(data, end):
                # Not a whole word; the next hit may start inside this one (after a space in a
                # phrase), and the pattern reads the character before it, so look from here.
                pos = max(start, pos + 1)
                continue
            pos = end if end > start else end + 1
            if self.not_followed_by is not None and self.not_followed_by.match(
                data, end, end + NOT_FOLLOWED_BY_WINDOW
            ):
                continue
            yield start, end


def _wordlike_at(data: bytes, offset: int) -> bool:
    char = data[offset : offset + 4].decode("utf-8", "ignore")[:1]
    return bool(char) and (char.isalnum() or char in "_-")


#: How far "not when followed by" looks after a hit, in bytes of UTF-8 (some 100 characters):
#: each hit's look is bounded, so the whole search stays linear in the text.
NOT_FOLLOWED_BY_WINDOW = 400


def _compiled(rules: GuidanceRules) -> list[_Term]:
    if "terms" in rules.extra:
        return rules.extra["terms"]
    compiled = rules.extra["terms"] = []
    for rule in rules.language:
        try:
            if rule.match == "pattern":
                pattern, whole = re2_compile(rule.pattern), False
            else:
                # Whole words: preceded by the start or a character that is not word-like (that
                # character is matched, the hit is group 1), followed by one (checked in _Term).
                words_ = r"[\s-]+".join(re2.escape(part) for part in rule.term.split())
                tail = r"[\p{L}\p{N}_'-]*" if rule.match == "stem" else ""
                pattern = re2_compile(rf"(?:^|[^{_WORDLIKE}])({words_}{tail})")
                whole = True
            # Spaces between the hit and what follows it are skipped ("ninja" and "turtles").
            follows = (
                re2_compile(rf"\s*(?:{rule.not_followed_by})") if rule.not_followed_by else None
            )
        except re2.error:
            continue  # the admin refuses such patterns; an old bad row is skipped, not fatal
        compiled.append(_Term(rule, pattern, whole, follows))
    return compiled


# Between texts when they are searched as one: neither a space, a word character nor a hyphen, so
# no term's pattern runs from one text into the next.
_SEPARATOR = "\x00"

#: Each text is searched up to this many characters: more than any field holds (3,000), so it
#: cuts nothing the editor can save; it bounds what RE2 reads if a caller ever passes more.
TERM_TEXT_MAX_CHARS = 10_000


def _term_matches(texts: list[str], rules: GuidanceRules) -> list[list[tuple[int, str, object]]]:
    """For each text, its matches as (start, matched words, rule): the texts are searched
    together, each pattern once over all of them joined (some 110 patterns over some 40 texts).
    Nothing is remembered between calls: the whole search of a full draft costs less than a
    remembered one used to save (docs/performance.md)."""
    distinct = list(dict.fromkeys(texts))
    joined = _SEPARATOR.join(text[:TERM_TEXT_MAX_CHARS] for text in distinct)
    # RE2 reads UTF-8 bytes, encoded once; hits are turned back into characters below.
    data = joined.encode()
    starts = list(
        itertools.accumulate((min(len(t), TERM_TEXT_MAX_CHARS) + 1 for t in distinct), initial=0)
    )
    found: dict[str, list] = {text: [] for text in distinct}
    for term in _compiled(rules):
        to_chars = _CharOffsets(data)
        for byte_start, byte_end in term.hits(data):
            start, end = to_chars(byte_start), to_chars(byte_end)
            index = bisect.bisect_right(starts, start) - 1
            found[distinct[index]].append((start - starts[index], joined[start:end], term.rule))
    for matches in found.values():
        matches.sort(key=lambda match: match[0])
    return [found[text] for text in texts]


class _CharOffsets:
    """Character offsets of increasing byte offsets in UTF-8 ``data``: each call decodes only
    the bytes since the last, so one pattern's hits cost one pass over the text."""

    def __init__(self, data: bytes) -> None:
        self.data, self.ascii = data, data.isascii()
        self.byte = self.char = 0

    def __call__(self, offset: int) -> int:
        if self.ascii:
            return offset
        if offset < self.byte:
            self.byte = self.char = 0
        self.char += len(self.data[self.byte : offset].decode())
        self.byte = offset
        return self.char


def one_per_span(matches: list[tuple[int, str, object]]) -> list[tuple[int, str, object]]:
    """The matches with no two overlapping, in order: where rules overlap ("He or she" is the
    pronoun pair and "he" and "she"), the longest match, the most specific rule, wins; of two as
    long, the one that starts first, then the first in the lists' order. One phrase is one
    finding. (Inserting into ``kept`` moves pointers in C: a field's few matches cost nothing.)"""
    kept: list[tuple[int, int]] = []  # (start, end) of the kept matches, sorted
    chosen = []
    # Longest first; Python's sort is stable, so equal lengths keep the lists' order.
    for match in sorted(matches, key=lambda match: -len(match[1])):
        start, end = match[0], match[0] + len(match[1])
        at = bisect.bisect_left(kept, (start, end))
        if (at > 0 and kept[at - 1][1] > start) or (at < len(kept) and kept[at][0] < end):
            continue
        kept.insert(at, (start, end))
        chosen.append(match)
    return sorted(chosen, key=lambda match: match[0])


def term_findings(texts, rules: GuidanceRules) -> list[Finding]:
    """Every term of the lists in every text, in the order of the document, one per phrase."""
    texts = list(texts)
    findings = []
    for (section, label, position, item_id, text), matches in zip(
        texts, _term_matches([entry[4] for entry in texts], rules), strict=True
    ):
        for _start, words_, rule in one_per_span(matches):
            findings.append(
                Finding(
                    category="language",
                    code=f"term-{rule.category}",
                    section=section,
                    position=position,
                    item_id=item_id,
                    quote=words_,
                    message=f"{label}: “{words_}” ({rule.category_label.lower()}).",
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
