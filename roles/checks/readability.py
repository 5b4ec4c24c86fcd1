"""Readability and length: Flesch reading ease and grade (textstat) of all the candidate-facing
text, sentences over the length limit, and the total against the 300–700 words that job-ad
studies find best.

The score is computed on what a candidate reads: each field, heading and list item is a sentence
of its own, ended by a full stop where the writer left none. Otherwise textstat, which ends
sentences only at . ! ?, runs a list of bullets into one "sentence" of a hundred words and scores
a plain posting far below what it reads like (issue #25: −27 to 34 on real postings)."""

import textstat
from textstat import backend as textstat_backend

from .findings import Finding
from .language import candidate_texts
from .rules import GuidanceRules
from .text import sentences, words

LENGTH_SOURCE = (
    "Appcast, “The Recruitment Marketing Benchmark Report” (job ads of 301–700 words draw the "
    "most applicants per view)"
)
FLESCH_SOURCE = (
    "Flesch, “A new readability yardstick”, Journal of Applied Psychology 32 (1948): 30–50 "
    "“difficult” (college), 50–60 “fairly difficult”; Kincaid et al. (1975) for the grade; "
    "computed with textstat"
)


def as_read(text: str) -> str:
    """``text`` with each line (a heading, an item, a paragraph) ended as a sentence: a full
    stop after a line that does not end with . ! or ?"""
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(line + "." if line and line[-1] not in ".!?" else line for line in lines)


#: textstat 0.7.8 puts an lru_cache of 128 entries on each of its functions, keyed on the whole
#: text: some 50 functions could each hold 128 drafts. Each scoring empties them (its language
#: data, cached in ``textstat.backend.utils``, stays). A draft is scored once per check.
_TEXTSTAT_CACHES = tuple(
    function
    for package in (
        textstat_backend.counts,
        textstat_backend.metrics,
        textstat_backend.selections,
        textstat_backend.transformations,
        textstat_backend.validations,
    )
    for function in vars(package).values()
    if hasattr(function, "cache_clear")
)


def scores(text: str) -> tuple[float, float]:
    """(reading ease, grade) of ``text``."""
    try:
        return textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)
    finally:
        for function in _TEXTSTAT_CACHES:
            function.cache_clear()


def check_readability(document, rules: GuidanceRules) -> list[Finding]:
    findings = []
    texts = [entry for entry in candidate_texts(document) if entry[0] != "title"]
    whole = "\n".join(text for *_, text in texts if text.strip())
    total = len(words(whole))
    low, high = rules.words_range
    if whole.strip():
        ease, grade = scores("\n".join(as_read(text) for *_, text in texts if text.strip()))
        findings.append(
            Finding(
                category="readability",
                code="reading-ease",
                message=f"Reading ease {ease:.0f} (grade {grade:.1f}), {total} words in all.",
                why="Plain writing widens the pool. A leadership posting written plainly lands at "
                "30–50 (“difficult”, as most professional writing); below 30 it reads like an "
                "academic paper.",
                source=FLESCH_SOURCE,
                severity="info",
                text=f"{ease:.0f}",
            )
        )
    if total and not low <= total <= high:
        findings.append(
            Finding(
                category="readability",
                code="length",
                message=f"{total} words: {'shorter' if total < low else 'longer'} than the "
                f"{low}–{high} words that draw the most applicants.",
                why="Very short ads say too little to apply on; long ones lose readers.",
                source=LENGTH_SOURCE,
                suggestion="Cut repetition and the least essential items."
                if total > high
                else "Say more about the work, the team and the pay.",
                text=str(total // 50),
            )
        )
    limit = rules.max_sentence_words
    for section, label, position, item_id, text in texts:
        for sentence, _offset in sentences(text):
            count = len(words(sentence))
            if count > limit:
                findings.append(
                    Finding(
                        category="readability",
                        code="long-sentence",
                        section=section,
                        position=position,
                        item_id=item_id,
                        quote=" ".join(sentence.split()[:8]) + " …",
                        message=f"{label}: a sentence of {count} words (over {limit}).",
                        why="Sentences over about 30 words are hard to take in at one reading.",
                        source="Plain Language Action and Information Network, Federal Plain "
                        "Language Guidelines (2011)",
                        suggestion="Split it in two, or make it a list.",
                        text=text,
                    )
                )
    return findings
