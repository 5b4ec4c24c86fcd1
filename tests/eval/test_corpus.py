"""The evaluation corpus (tests/eval/corpus/) is well formed: every label's words are in the
field it names, the split is the one its README states, and it covers what issue #25 asks."""

import hashlib
from collections import Counter

from scripts.eval_guidance import LANGUAGE_RULES, load, validate


def test_every_label_points_at_words_in_its_field():
    assert validate(load("all")) == []


def _first_30_percent_by_sha256(ids: list[str]) -> set[str]:
    ranked = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    return set(ranked[: round(len(ranked) * 0.3)])


def test_the_test_split_is_the_first_30_percent_of_ids_by_sha256():
    postings = [p for p in load("all") if not p.get("added_after_split")]
    test = _first_30_percent_by_sha256([p["id"] for p in postings])
    assert {p["id"] for p in postings if p["split"] == "test"} == test


def test_a_posting_added_later_is_in_test_only_if_the_rule_puts_it_there_moving_none():
    # README, "The split": the same rule over the whole list, unless that would move a posting
    # already in a split (then the new one goes to tune).
    postings = load("all")
    rule = _first_30_percent_by_sha256([p["id"] for p in postings])
    later = [p for p in postings if p.get("added_after_split")]
    assert later
    for posting in later:
        others_move = any(
            (other["id"] in rule) != (other["split"] == "test")
            for other in postings
            if other is not posting
        )
        expected = "test" if posting["id"] in rule and not others_move else "tune"
        assert posting["split"] == expected, posting["id"]


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
