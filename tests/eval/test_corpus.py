"""The evaluation corpus (tests/eval/corpus/) is well formed: every label's words are in the
field it names, the split is the one its README states, and it covers what issue #25 asks."""

import hashlib
from collections import Counter

from scripts.eval_guidance import LANGUAGE_RULES, load, validate


def test_every_label_points_at_words_in_its_field():
    assert validate(load("all")) == []


def test_the_test_split_is_the_first_30_percent_of_ids_by_sha256():
    postings = load("all")
    ranked = sorted(
        (p["id"] for p in postings), key=lambda i: hashlib.sha256(i.encode()).hexdigest()
    )
    test = set(ranked[: round(len(ranked) * 0.3)])
    assert {p["id"] for p in postings if p["split"] == "test"} == test


def test_the_corpus_covers_the_levels_families_and_shapes_asked_for():
    postings = load("all")
    assert len(postings) >= 40
    levels = Counter(p["level"] for p in postings)
    assert min(levels[level] for level in ("vp", "director", "manager")) >= 10
    assert {"Operations", "Facilities", "Finance"} <= {p["family"] for p in postings}
    shapes = {shape for p in postings for shape in p["shapes"]}
    assert {
        "bullets-without-stops",
        "caps-heading",
        "curly-apostrophe",
        "non-breaking-hyphen",
        "proper-noun-coded",
        "own-title-in-text",
        "manager-title-in-text",
        "negation",
    } <= shapes
    rules = Counter(label["rule"] for p in postings for label in p["flag"])
    assert set(rules) == set(LANGUAGE_RULES)
