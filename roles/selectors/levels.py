"""Reads for the level admin: which drafts' level-fit findings a level's new rank, family, title
words or horizon would change, shown before the change is saved. Separate from the guidance
panel's reads: it checks many drafts at once, against rules that are not saved yet."""

from dataclasses import dataclass, replace

from django.db.models import prefetch_related_objects

from roles.checks.level import check_level
from roles.checks.rules import LevelRule
from roles.documents.data import document_from_draft
from roles.models import ITEM_LISTS, JobDescription
from roles.selectors.guidance import guidance_rules

#: At most this many drafts are checked for a preview (the newest edits first): enough to see
#: what a change does, bounded however many drafts the organisation keeps.
PREVIEW_MAX_DRAFTS = 200


@dataclass(frozen=True)
class LevelChangePreview:
    """The drafts whose level findings a change alters, of those checked, of those it may touch."""

    changed: list[JobDescription]
    checked: int
    in_family: int


def level_change_preview(
    *,
    slug: str,
    name: str,
    rank: int,
    job_family: str,
    title_words: str,
    shortest_cadence: str,
    longest_cadence: str,
    may_be_skipped: bool,
) -> LevelChangePreview:
    """The live drafts (of this family) whose level-fit findings differ once the level has these
    values (a new level when ``slug`` is new), newest edit first, of the ``PREVIEW_MAX_DRAFTS``
    most recently edited; with how many were checked and how many the change may touch."""
    rules = guidance_rules()
    held = rules.level(slug)
    proposed = LevelRule(
        slug=slug,
        name=name,
        rank=rank,
        job_family=job_family,
        title_words=tuple(word.strip() for word in title_words.split(",") if word.strip()),
        shortest_cadence=shortest_cadence,
        longest_cadence=longest_cadence,
        may_be_skipped=may_be_skipped,
        signals=held.signals if held else (),
    )
    others = tuple(level for level in rules.levels if level.slug != slug)
    after = replace(rules, levels=(*others, proposed))
    families = {job_family, held.job_family if held else job_family}
    in_family = [level.slug for level in rules.levels if level.job_family in families]
    candidates = JobDescription.objects.live().filter(level_id__in=[*in_family, slug])
    drafts = list(candidates.select_related("level").order_by("-updated_at")[:PREVIEW_MAX_DRAFTS])
    prefetch_related_objects(drafts, *(name for name, *_ in ITEM_LISTS))
    changed = []
    for draft in drafts:
        document = document_from_draft(draft)
        before = {finding.key for finding in check_level(document, rules)}
        if before != {finding.key for finding in check_level(document, after)}:
            changed.append(draft)
    total = len(drafts) if len(drafts) < PREVIEW_MAX_DRAFTS else candidates.count()
    return LevelChangePreview(changed=changed, checked=len(drafts), in_family=total)
