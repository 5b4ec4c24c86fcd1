""" "Which level do you need?": a recommendation from the guide's answers, as a pure function over
the questions (plain values from ``roles.selectors.level_guide``) and the chosen answers.

Each answer points to a level with a weight (or to none). The level with the most weight is
recommended, with the reasons of the answers that point to it. Answers that point to two levels,
with the leader holding less than ``CLEAR_SHARE`` of the weight, are "mixed": the page says so,
and what that usually means, instead of pretending to a clear answer. A tie recommends neither.
Hand-written: it is a weighted vote over a handful of answers, which no library is needed for.
"""

from dataclasses import dataclass, field

#: The leader's share of the weight below which answers that point two ways are "mixed".
CLEAR_SHARE = 0.7


@dataclass(frozen=True)
class GuideAnswer:
    id: int
    text: str
    level: str  # a level's slug, or "" for an answer that points to neither
    weight: int
    reason: str


@dataclass(frozen=True)
class GuideQuestion:
    id: int
    text: str
    help_text: str
    answers: tuple[GuideAnswer, ...]


@dataclass(frozen=True)
class GuideResult:
    #: The recommended level's slug; "" when the answers point nowhere or tie.
    level: str
    scores: dict[str, int]
    reasons: tuple[str, ...]
    #: Reasons of the answers that point to another level (to either level in a tie).
    other_reasons: tuple[str, ...]
    mixed: bool
    answered: int
    unanswered: tuple[str, ...] = field(default_factory=tuple)
    #: Every level the answers point to, most weight first: (slug, the reasons pointing there).
    by_level: tuple[tuple[str, tuple[str, ...]], ...] = ()


def recommend(questions: tuple[GuideQuestion, ...], chosen: dict[int, int]) -> GuideResult:
    """The recommendation for ``chosen`` (question id → answer id; unknown ids are ignored)."""
    picked: list[GuideAnswer] = []
    unanswered = []
    for question in questions:
        answer = next((a for a in question.answers if a.id == chosen.get(question.id)), None)
        if answer is None:
            unanswered.append(question.text)
        else:
            picked.append(answer)
    scores: dict[str, int] = {}
    for answer in picked:
        if answer.level and answer.weight:
            scores[answer.level] = scores.get(answer.level, 0) + answer.weight
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    total = sum(scores.values())
    if not ranked:
        return GuideResult("", scores, (), (), False, len(picked), tuple(unanswered))
    top_level, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    level = top_level if top > runner_up else ""
    mixed = runner_up > 0 and top / total < CLEAR_SHARE
    by_level = tuple(
        (slug, tuple(a.reason for a in picked if a.level == slug and a.reason))
        for slug, _ in ranked
    )
    reasons = by_level[0][1] if level else ()
    other = tuple(reason for slug, group in by_level if slug != level for reason in group)
    return GuideResult(
        level, scores, reasons, other, mixed, len(picked), tuple(unanswered), by_level
    )
