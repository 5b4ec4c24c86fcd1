"""The admin's language terms are matched with RE2, in time linear in the text whatever pattern an
HR admin types: whole words and phrases as before (without lookaround, which RE2 lacks), and "not
when followed by" in place of a pattern's negative lookahead."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from roles.checks.language import term_findings
from roles.checks.rules import GuidanceRules, LanguageRule


def found(text: str, *rules: LanguageRule) -> list[str]:
    entries = [("responsibilities", "Responsibility 1", 0, None, text)]
    return [finding.quote for finding in term_findings(entries, GuidanceRules(language=rules))]


WORD_RULES = (
    LanguageRule(term="lead time", category="jargon", match="word"),
    LanguageRule(term="team", category="jargon", match="word"),
    LanguageRule(term="rock star", category="jargon", match="stem"),
    LanguageRule(term="élan", category="jargon", match="word"),
)


def reference(text: str) -> list[str]:
    """What the lookaround patterns (Python's re) found, rule by rule, in order of the text."""
    hits = []
    for rule in WORD_RULES:
        words = r"[\s-]+".join(re.escape(part) for part in rule.term.split())
        tail = r"[\w'-]*" if rule.match == "stem" else ""
        pattern = re.compile(rf"(?<![\w-]){words}{tail}(?![\w-])", re.I)
        hits += [(match.start(), match.group()) for match in pattern.finditer(text)]
    return [quote for _start, quote in sorted(hits, key=lambda hit: hit[0])]


@given(
    st.lists(
        st.sampled_from(
            ["lead", "time", "team", "rock", "star", "stars", "élan", "x", "é", "9", "_", "'s"]
        )
        | st.sampled_from([" ", "  ", "-", "\n", ".", ","]),
        max_size=30,
    ).map("".join)
)
@settings(max_examples=1500, deadline=None)
@example("team team lead time lead-time leadtime team-lead xteam teamé élan_ rock stars' x")
@example("ateam team team")
def test_words_and_phrases_match_as_the_lookaround_patterns_did(text):
    assert sorted(found(text, *WORD_RULES)) == sorted(reference(text))


def test_not_followed_by_takes_the_place_of_a_negative_lookahead():
    young = LanguageRule(
        term="young",
        category="age",
        match="pattern",
        pattern=r"\byoung\b",
        not_followed_by="'s",
    )
    assert found("A young team. Young's modulus. young", young) == ["young", "young"]
    age = LanguageRule(
        term="age limit",
        category="age",
        match="pattern",
        pattern=r"\bunder\s+\d{2}\b",
        not_followed_by=r"\s*(?:%|percent|hours?)",
    )
    assert found("Under 30. Under 40 hours. under 50%. under 60", age) == ["Under 30", "under 60"]
    ninja = LanguageRule(term="ninja", category="jargon", match="word", not_followed_by="turtles")
    assert found("A ninja. Ninja  turtles. ninja-turtles", ninja) == ["ninja"]


def test_a_pattern_re2_refuses_is_skipped_not_run_by_pythons_re():
    lookahead = LanguageRule(term="x", category="jargon", match="pattern", pattern="ninja(?!s)")
    assert found("a ninja", lookahead) == []


def test_a_catastrophic_pattern_cannot_stall_the_check():
    # Nested quantifiers that Python's re backtracks through exponentially (some 2^n steps on
    # n characters): RE2's automaton reads each character once.
    catastrophic = LanguageRule(term="x", category="jargon", match="pattern", pattern="(x+x+)+y")
    assert found("x" * 50_000, catastrophic) == []
    assert found("x" * 50 + "y", catastrophic) == ["x" * 50 + "y"]
