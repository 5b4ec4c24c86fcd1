"""@mentions are read in one pass: the same names as the rule's regular expression, in work that
grows with the comment, not with its square."""

import re
import time

from hypothesis import example, given, settings
from hypothesis import strategies as st

from roles.services.comments import mention_names
from tests.helpers.work import grows_linearly, lines_run

# The rule as one regular expression (what the parser replaced): right, and quadratic.
RULE = re.compile(r"(?<![\w@])@([\w.@+-]+?)(?=[.,;:!?)]*(?:\s|$))")


@given(st.text(alphabet="@ab_.,;:!?)+- \né", max_size=40))
@settings(max_examples=2000, deadline=None)
@example("Ask @bob.")
@example("mail bob@example.com or @carol, then @dave!")
@example("@.@x @.. @a.@b.c. (@ann) @@bob @-x.")
def test_mentions_are_the_names_the_rule_finds(body):
    assert mention_names(body) == RULE.findall(body)


PATHOLOGICAL = [
    lambda n: "@" + "." * n + "x",  # every length of name tried, each scanning every full stop
    lambda n: "@a" + "." * n + "x",
    lambda n: "@a." * n + "!x",
    lambda n: ("ask @bob, " + "@" * 5 + ".+-") * n,
]


def test_reading_mentions_is_linear_in_the_comment():
    for body in PATHOLOGICAL:
        assert grows_linearly(
            lines_run(mention_names, body(1000)), lines_run(mention_names, body(4000))
        )


def test_a_100_kb_pathological_comment_is_read_at_once():
    # A smoke check beside the count above: the rule took some 90 s on the first of these.
    for body in PATHOLOGICAL:
        text = body(100_000)[:100_000]
        started = time.perf_counter()
        mention_names(text)
        assert time.perf_counter() - started < 2
