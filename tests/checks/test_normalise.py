"""Text is normalised once before every check (curly quotes and apostrophes, non-breaking and
soft hyphens, no-break spaces, ligatures, full-width forms), and every finding gives back the
words and the text as typed."""

import pytest

from roles.checks.text import normalise
from tests.helpers.checks import document, findings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("driver’s licence", "driver's licence"),
        ("“fast‑paced”", '"fast-paced"'),  # curly quotes, non-breaking hyphen
        ("day\u2011to\u2011day", "day-to-day"),
        ("900\u00a0people", "900 people"),
        ("aggres\u00adsive", "aggressive"),  # a soft hyphen is not there for a reader
        ("con\ufb01dent", "confident"),  # the "fi" ligature
        ("（ＣＥＯ）", "(CEO)"),  # full-width forms
        ("plain text", "plain text"),
    ],
)
def test_text_is_read_with_plain_characters(typed, read):
    assert normalise(typed).text == read


def test_every_span_of_the_text_read_maps_back_to_the_text_as_typed():
    typed = "A con\ufb01dent, aggres\u00adsive, e\ufb00ective leader’s team"
    normalised = normalise(typed)
    assert len(normalised.text) == len(typed) + 1  # two ligatures add two, a soft hyphen drops one
    for word in ("confident", "aggressive", "effective", "leader's", "team"):
        at = normalised.text.index(word)
        assert normalise(normalised.as_typed(at, at + len(word))).text == word
    at = normalised.text.index("aggressive")
    assert normalised.as_typed(at, at + len("aggressive")) == "aggres\u00adsive"


def test_a_curly_apostrophe_no_longer_hides_a_requirement(rules):
    doc = document(qualifications=["Valid driver’s license is mandatory"])
    (finding,) = [f for f in findings(doc, rules) if f.code == "term-ability"]
    assert finding.quote == "Valid driver’s license"  # as typed, not as read
    assert finding.text == "Valid driver’s license is mandatory"
    assert "“Valid driver’s license”" in finding.message


def test_a_soft_hyphen_or_a_ligature_inside_a_word_is_still_the_word(rules):
    doc = document(summary="We want an aggres\u00adsive, con\ufb01dent operator.")
    words = [f.quote for f in findings(doc, rules) if f.code == "gender-coded"]
    assert words == ["aggres\u00adsive", "con\ufb01dent"]
