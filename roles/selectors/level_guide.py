"""Reads for "Which level do you need?" (the guide page): its questions and answers as plain
values, the levels it names, and the role templates it offers for them. Separate because the
guide reads the admin's guide tables, which no other page reads."""

from roles.checks.level_guide import GuideAnswer, GuideQuestion
from roles.models import Level, LevelGuideQuestion, RoleTemplate


def level_guide_questions() -> tuple[GuideQuestion, ...]:
    """The guide's questions and answers as plain values (``roles.checks.level_guide``)."""
    return tuple(
        GuideQuestion(
            id=question.pk,
            text=question.text,
            help_text=question.help_text,
            answers=tuple(
                GuideAnswer(
                    id=answer.pk,
                    text=answer.text,
                    level=answer.level_id or "",
                    weight=answer.weight,
                    reason=answer.reason,
                )
                for answer in question.answers.all()
            ),
        )
        for question in LevelGuideQuestion.objects.prefetch_related("answers")
    )


def levels_by_slug() -> dict[str, Level]:
    """Every level, by its slug (the guide's answers name levels by slug)."""
    return {level.slug: level for level in Level.objects.all()}


def recommended_template(level_slug: str) -> RoleTemplate | None:
    """The active role template the guide offers for the level it recommends: the first by
    title; None when the level has none."""
    return RoleTemplate.objects.active().filter(level_id=level_slug).order_by("title").first()


def templates_of_levels(first: Level, second: Level) -> tuple | None:
    """One active template of each level (the first by display order), or None: the pair the
    guide offers to compare when the answers point at two levels."""
    found = {}
    for template in RoleTemplate.objects.active().filter(level__in=[first, second]):
        found.setdefault(template.level_id, template)
    if first.slug in found and second.slug in found:
        return found[first.slug], found[second.slug]
    return None


def levels_by_rank():
    """Every level, most junior first (the API's list of levels)."""
    return Level.objects.order_by("rank", "slug")
