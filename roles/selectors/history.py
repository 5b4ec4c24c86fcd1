"""Reads for a draft's history pages: its saved versions (django-reversion) and what each save
changed. Separate because they read reversion's tables, not the draft's own; the review pages
and share links read a past version through ``jobdescription_versions`` too."""

from django.contrib.contenttypes.models import ContentType
from reversion.models import Version

from roles.models import ITEM_LISTS, JobDescription


def jobdescription_versions(job_description: JobDescription):
    """The saved revisions of a draft, newest first, with who made them."""
    return (
        Version.objects.get_for_object(job_description)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def item_snapshot(version: Version) -> dict[str, dict[int, dict]]:
    """The revision's items, by list and id, as their stored field values."""
    snapshot: dict[str, dict[int, dict]] = {}
    for related_name, _content, _template_model, draft_model in ITEM_LISTS:
        content_type = ContentType.objects.get_for_model(draft_model)
        snapshot[related_name] = {
            int(v.object_id): v.field_dict
            for v in version.revision.version_set.all()
            if v.content_type_id == content_type.pk
        }
    return snapshot


#: Fields every save changes, or that are not what the document says.
_NOT_CONTENT = {"owner", "version", "updated_at", "deleted_at", "created_at", "open_findings"}


def describe_changes(newer: Version, older: Version | None) -> str:
    """'Title, Summary; responsibilities: 1 added, 2 changed' — what a save changed."""
    if older is None:
        return "First version"
    fields = [
        JobDescription._meta.get_field(name).verbose_name.capitalize()
        for name, value in newer.field_dict.items()
        if name in older.field_dict and older.field_dict[name] != value and name not in _NOT_CONTENT
    ]
    parts = [", ".join(fields)] if fields else []
    new_items, old_items = item_snapshot(newer), item_snapshot(older)
    for related_name in new_items:
        now, before = new_items[related_name], old_items[related_name]
        added = len(now.keys() - before.keys())
        removed = len(before.keys() - now.keys())
        changed = sum(
            1
            for pk in now.keys() & before.keys()
            if {k: v for k, v in now[pk].items() if k != "position"}
            != {k: v for k, v in before[pk].items() if k != "position"}
        )
        moved = sum(
            1
            for pk in now.keys() & before.keys()
            if now[pk].get("position") != before[pk].get("position")
        )
        counts = [
            f"{n} {word}"
            for n, word in (
                (added, "added"),
                (removed, "removed"),
                (changed, "changed"),
                (moved, "moved"),
            )
            if n
        ]
        if counts:
            label = "KPIs" if related_name == "kpis" else related_name
            parts.append(f"{label}: {', '.join(counts)}")
    return "; ".join(parts) or "No content changes"


def version_history(job_description: JobDescription) -> list[tuple[Version, str]]:
    """Each saved version of the draft, newest first, with what its save changed."""
    versions = list(
        jobdescription_versions(job_description).prefetch_related("revision__version_set")
    )
    return [
        (
            version,
            describe_changes(version, versions[index + 1] if index + 1 < len(versions) else None),
        )
        for index, version in enumerate(versions)
    ]
