"""Reads for the start page and the comparison pages (``views/library.py``): the role library
by job family, the templates compared with their items, and what a person may compare.
Separate because these pages read the role library, which the admin writes, not a service."""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from roles.models import RoleTemplate
from roles.selectors.drafts import drafts_owned_by


@dataclass(frozen=True)
class RoleFamily:
    """One job family of the library: its active templates, most senior first, and the pairs of
    neighbouring ranks the start page offers to compare."""

    name: str
    templates: list

    @property
    def neighbours(self) -> list[tuple]:
        return list(zip(self.templates, self.templates[1:], strict=False))


def role_library() -> list[RoleFamily]:
    """The active role templates grouped by their level's job family (families by name), each
    family ordered by rank, most senior first, with their work locations (the place a new draft
    starts with). Two queries, whatever the number of templates."""
    templates = (
        RoleTemplate.objects.active()
        .select_related("level")
        .prefetch_related("locations")
        .order_by("level__job_family", "-level__rank", "display_order", "title")
    )
    families: dict[str, list] = {}
    for template in templates:
        families.setdefault(template.level.job_family, []).append(template)
    return [RoleFamily(name, members) for name, members in families.items()]


def with_their_items(templates) -> None:
    """Read the lists of ``templates`` from ``role_library`` (their level and locations already
    read) in three queries: the start page's pair, without reading the two rows again."""
    prefetch_related_objects(list(templates), "responsibilities", "kpis", "qualifications")


def comparison_choices(user) -> list[tuple[str, str]]:
    """What the person may compare: the active role templates (by family, then rank, most senior
    first), then their own live drafts, newest edit first; as (value, label)."""
    templates = [t for family in role_library() for t in family.templates]
    drafts = drafts_owned_by(user)[:50]
    return [(f"template:{t.pk}", f"Template: {t.title}") for t in templates] + [
        (f"draft:{d.pk}", f"Draft: {d.title}{_draft_facts(d)}") for d in drafts
    ]


def _draft_facts(draft) -> str:
    """' (Denver · Operations · Req. 7)': what tells drafts of one role apart in the picker."""
    place = next((loc.city or loc.region for loc in draft.locations.all()), "")
    req = f"Req. {draft.requisition_id}" if draft.requisition_id else ""
    facts = [fact for fact in (place, draft.department, req) if fact]
    return f" ({' · '.join(facts)})" if facts else ""


def active_template_with_items(slug: str) -> RoleTemplate | None:
    """The active role template ``slug`` with its level and items (the API's template), or None."""
    return (
        RoleTemplate.objects.active().select_related("level").with_items().filter(slug=slug).first()
    )
