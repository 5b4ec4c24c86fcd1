"""The checks' work and memory are bounded: time in proportion to the text, counted in lines of
Python run (not seconds, which a busy machine blurs) at a size and at four times that size; and
no library cache left holding whole texts."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textstat import backend

from roles.checks.readability import scores
from roles.checks.text import find_phrases, phrase_stems, tokens
from tests.helpers.work import grows_linearly, lines_run

WORDS = ["the", "company", "operating", "model", "executive", "team", "annual", "plan", "sets"]
WORDS += ["as", "and"]  # words that end a phrase
PHRASES = [
    ("model", phrase_stems("company operating model")),
    ("team", phrase_stems("executive team")),
    ("plan", phrase_stems("annual operating plan")),
]


def test_phrase_matching_is_linear_in_the_text():
    # The worst case for the old matcher: every word repeats, so every anchor looked at every
    # occurrence of every other stem.
    def work(n: int) -> int:
        found = tokens("the company sets its operating model with the executive team " * n)
        return lines_run(find_phrases, found, PHRASES)

    assert grows_linearly(work(200), work(800))


def reference_find_phrases(found, phrases):
    """The matcher written plainly (every position looked at from every anchor): slow, plainly
    right, and what the fast one must agree with. Since issue #25 a phrase's words come in order,
    at most two words apart, with no clause word between them."""
    breaks = {"as", "and", "or", "but", "nor", "not", "than", "rather", "instead", "below"}
    breaks |= {"while", "so"}
    candidates = []
    for key, stems in phrases:
        for anchor in [i for i, token in enumerate(found) if token.stem == stems[0]]:
            used, last = [anchor], anchor
            for other in stems[1:]:
                later = [i for i, token in enumerate(found) if token.stem == other and i > last]
                if not later or later[0] - last - 1 > 2:
                    break
                if any(found[i].text.lower() in breaks for i in range(last + 1, later[0])):
                    break
                used.append(later[0])
                last = later[0]
            else:
                candidates.append((key, frozenset(used)))
    candidates.sort(key=lambda candidate: (-len(candidate[1]), min(candidate[1])))
    taken, matches = set(), []
    for key, positions in candidates:
        if not positions & taken:
            taken |= positions
            matches.append((key, positions))
    return sorted(matches, key=lambda match: min(match[1]))


@given(st.lists(st.sampled_from(WORDS), max_size=60))
@settings(max_examples=300, deadline=None)
def test_phrase_matching_agrees_with_the_plain_reference(text_words):
    found = tokens(" ".join(text_words))
    fast = [(match.key, match.positions) for match in find_phrases(found, PHRASES)]
    assert fast == reference_find_phrases(found, PHRASES)


def test_scoring_leaves_no_text_in_textstats_caches():
    # textstat 0.7.8 keeps an lru_cache of 128 entries on each of its functions, keyed on the
    # whole text: some 50 functions could hold 128 drafts each.
    cached = [
        function
        for package in (backend.counts, backend.metrics, backend.selections)
        for function in vars(package).values()
        if hasattr(function, "cache_info")
    ]
    assert len(cached) > 20
    scores("The team plans the work. " * 20_000)
    assert {function.__name__: function.cache_info().currsize for function in cached} == {
        function.__name__: 0 for function in cached
    }


def test_normalising_is_linear_in_the_text():
    from roles.checks.text import normalise

    def work(n: int) -> int:
        return lines_run(
            normalise, "con\ufb01dent aggres\u00adsive driver’s day\u2011to\u2011day " * n
        )

    assert grows_linearly(work(200), work(800))


@pytest.mark.django_db
def test_counting_trait_words_is_linear_in_the_text(rules):
    from roles.checks.language import gender_coded_findings

    def work(n: int) -> int:
        text = "Not aggressive, lead the team; warm storage. A confident Loyal Heart nurse. " * n
        return lines_run(gender_coded_findings, [("summary", "Summary", None, None, text)], rules)

    assert grows_linearly(work(50), work(200))


@pytest.mark.django_db
def test_weighing_level_evidence_is_linear_in_the_text(rules):
    from roles.checks.level import scope_evidence
    from tests.helpers.checks import document

    def work(n: int) -> int:
        text = "Runs one site, rather than the company-wide operating model; briefs the shift. " * n
        return lines_run(scope_evidence, document(summary=text), rules)

    assert grows_linearly(work(50), work(200))
