"""The HTTP helpers the views share (``roles/http.py``): ids read from URLs and forms, and the
file names of downloads."""

import pytest

from roles.http import LARGEST_ID, filename_stem, parse_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", 1), ("42", 42), ("007", 7), (str(LARGEST_ID), LARGEST_ID), (12, 12)],
)
def test_it_reads_an_id(text, expected):
    assert parse_id(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0",
        "-1",
        "+1",
        " 1",
        "1 ",
        "1.0",
        "1e3",
        "0x1F",
        "1_000",
        "abc",
        str(LARGEST_ID + 1),
        "9" * 20,
        "9" * 5000,  # longer than int() converts: refused by its length first
        "١٢",  # Arabic-Indic digits: isdecimal() says yes and int() reads 12
        "１２",  # fullwidth digits, the same
        "²",  # isdigit() says yes; int() raises
        None,
    ],
)
def test_it_refuses_what_is_not_an_id(text):
    assert parse_id(text) is None


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("VP of Operations", "vp-of-operations"),
        ("Directrice des opérations", "directrice-des-operations"),
        ("<>!!", "job-description"),
        ("", "job-description"),
        ("x" * 200, "x" * 80),
    ],
)
def test_file_name_stems_are_made_from_the_title(title, stem):
    assert filename_stem(title) == stem
