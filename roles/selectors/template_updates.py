"""Reads for the template updates page and the editor's notice that a draft's template moved
on: the template version a draft was copied from, and the template's changes since then that
the draft does not have yet. Separate to mirror ``roles/services/template_updates.py``, which
writes what the owner takes; the "What changed" comparison reads the version as copied too."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import prefetch_related_objects
from reversion.models import Version

from roles.checks.compare import FIELDS, Words, compare_documents
from roles.documents.data import (
    document_from_draft,
    document_from_template,
    document_from_template_version,
)
from roles.models import ITEM_LISTS, JobDescription, RoleTemplate

#: The fields a template update may set on a draft (the others are derived or the draft's own).
TAKEN_FIELDS = {"title", "reports_to", "summary", "scope", "impact", "collaboration", "benefits"}


@dataclass(frozen=True)
class TemplateUpdate:
    key: str  # "field:<name>" or "<added|changed|removed>:<list>:<template item id>"
    section: str
    kind: str  # "changed", "added", "removed"
    text: str
    words: Words | None = None


def template_as_copied(job_description: JobDescription, revision_id: int | None = None):
    """The version of the template the draft was copied from (or, with ``revision_id``, the one
    in that revision), with its revision's rows prefetched (``document_from_template_version``);
    None when not recorded."""
    revision_id = revision_id or job_description.source_template_revision_id
    if not revision_id or not job_description.source_template_id:
        return None
    return (
        Version.objects.get_for_model(RoleTemplate)
        .filter(revision_id=revision_id, object_id=str(job_description.source_template_id))
        .select_related("revision")
        .prefetch_related("revision__version_set")
        .first()
    )


def latest_template_revision_id(template_id: int) -> int | None:
    """The template's newest revision (what a page of updates is read at)."""
    return (
        Version.objects.get_for_model(RoleTemplate)
        .filter(object_id=str(template_id))
        .order_by("-pk")
        .values_list("revision_id", flat=True)
        .first()
    )


def template_updates_baseline(job_description: JobDescription) -> int | None:
    """The template revision the updates are counted from: the one the owner last went through,
    else the one the draft was copied from."""
    return job_description.template_revision_seen_id or job_description.source_template_revision_id


def template_updates_pending(job_description: JobDescription) -> bool:
    """Whether the (active) template moved on since the baseline: one query, the template's
    latest revision against the draft's record, never a diff."""
    baseline = template_updates_baseline(job_description)
    if not job_description.source_template_id or not baseline:
        return False
    latest = latest_template_revision_id(job_description.source_template_id)
    return (
        latest is not None
        and latest != baseline
        and RoleTemplate.objects.active().filter(pk=job_description.source_template_id).exists()
    )


def template_updates(job_description: JobDescription) -> tuple[list[TemplateUpdate], int | None]:
    """The template's changes since the baseline that the draft does not have yet, and the
    template revision they were read at (the page posts it back with a choice)."""
    if not template_updates_pending(job_description):
        return [], None
    latest = latest_template_revision_id(job_description.source_template_id)
    version = template_as_copied(job_description, template_updates_baseline(job_description))
    if version is None:
        return [], None
    template = (
        RoleTemplate.objects.select_related("level")
        .with_items()
        .get(pk=job_description.source_template_id)
    )
    prefetch_related_objects([job_description], *(name for name, *_ in ITEM_LISTS))
    then, now = document_from_template_version(version), document_from_template(template)
    draft = document_from_draft(job_description)
    # Two versions of one template: items match by their ids only.
    comparison = compare_documents(
        then, now, left_is_template=True, right_is_template=True, fuzzy=False
    )
    updates = [
        TemplateUpdate(f"field:{name}", label, "changed", str(getattr(now, name)), change.words)
        for (label, name), change in zip(FIELDS, comparison.fields, strict=True)
        if name in TAKEN_FIELDS and change.changed and getattr(draft, name) != getattr(now, name)
    ]
    for (label, changes), name in zip(comparison.lists, comparison.list_names, strict=True):
        by_source = {item.source_id: item for item in getattr(draft, name) if item.source_id}
        now_items = {item.id: item for item in getattr(now, name)}
        for change in changes:
            has = by_source.get(change.key)
            if change.kind == "added" and has is None:
                updates.append(
                    TemplateUpdate(f"added:{name}:{change.key}", label, "added", change.right)
                )
            elif change.kind == "changed" and has is not None:
                if _same(has, now_items[change.key]):
                    continue  # taken already
                updates.append(
                    TemplateUpdate(
                        f"changed:{name}:{change.key}", label, "changed", change.right, change.words
                    )
                )
            elif change.kind == "removed" and has is not None:
                updates.append(
                    TemplateUpdate(f"removed:{name}:{change.key}", label, "removed", change.left)
                )
    return updates, latest


def _same(draft_item, template_item) -> bool:
    """Whether a draft's item says what the template's says (ids and records aside)."""
    skip = {"id", "source_id"}
    return all(
        getattr(draft_item, name) == getattr(template_item, name)
        for name in vars(template_item)
        if name not in skip
    )


def template_item_as_copied(job_description: JobDescription, template_model, item_id: int) -> dict:
    """The template item's fields as they were at the baseline revision."""
    version = template_as_copied(job_description, template_updates_baseline(job_description))
    content_type = ContentType.objects.get_for_model(template_model)
    for stored in version.revision.version_set.all():
        if stored.content_type_id == content_type.pk and int(stored.object_id) == item_id:
            return dict(stored.field_dict)
    return {}
