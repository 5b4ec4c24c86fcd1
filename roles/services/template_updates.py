"""Template updates reach drafts on request: what changed in a draft's template since the draft was
copied from it, offered change by change; taking one is a save like any other (the optimistic
lock, a history revision, a fresh prerender, a new review round for an approved JD). Nothing
changes a draft without its owner's click."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from reversion.models import Version

from roles.checks.compare import FIELDS, Words, compare_documents
from roles.documents.data import (
    document_from_draft,
    document_from_template,
    document_from_template_version,
)
from roles.models import ITEM_LISTS, JobDescription, RoleTemplate, content_values
from roles.selectors import template_as_copied
from roles.services.drafts import ItemValues, jobdescription_save

#: The fields a template update may set on a draft (the others are derived or the draft's own).
TAKEN_FIELDS = {"title", "reports_to", "summary", "scope", "impact", "collaboration", "benefits"}


@dataclass(frozen=True)
class TemplateUpdate:
    key: str  # "field:<name>" or "<added|changed|removed>:<list>:<template item id>"
    section: str
    kind: str  # "changed", "added", "removed"
    text: str
    words: Words | None = None


def _latest_revision_id(template_id: int) -> int | None:
    return (
        Version.objects.get_for_model(RoleTemplate)
        .filter(object_id=str(template_id))
        .order_by("-pk")
        .values_list("revision_id", flat=True)
        .first()
    )


def _baseline(job_description: JobDescription) -> int | None:
    """The template revision the updates are counted from: the one the owner last went through,
    else the one the draft was copied from."""
    return job_description.template_revision_seen_id or job_description.source_template_revision_id


def template_updates_pending(job_description: JobDescription) -> bool:
    """Whether the (active) template moved on since the baseline: one query, the template's
    latest revision against the draft's record, never a diff."""
    baseline = _baseline(job_description)
    if not job_description.source_template_id or not baseline:
        return False
    latest = _latest_revision_id(job_description.source_template_id)
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
    latest = _latest_revision_id(job_description.source_template_id)
    version = template_as_copied(job_description, _baseline(job_description))
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


def _check_revision(job_description: JobDescription, shown_revision: int | None) -> None:
    latest = _latest_revision_id(job_description.source_template_id)
    if shown_revision is None or latest != shown_revision:
        raise ValidationError(
            "The template changed again while you were looking: here are its changes again."
        )


def template_update_take(
    *,
    job_description: JobDescription,
    user,
    key: str,
    expected_version: int,
    shown_revision: int | None,
) -> JobDescription:
    """Take one update, as the page showed it at ``shown_revision``, into the draft, as a save.
    A changed item takes only the fields the template changed: the owner's own edits to the
    others stay."""
    _check_revision(job_description, shown_revision)
    if key not in {update.key for update in template_updates(job_description)[0]}:
        raise ValidationError("This update no longer applies: the page was out of date.")
    kind, _, rest = key.partition(":")
    if kind == "field":
        template = RoleTemplate.objects.get(pk=job_description.source_template_id)
        return jobdescription_save(
            job_description=job_description,
            fields={rest: getattr(template, rest)},
            items={},
            expected_version=expected_version,
            user=user,
        )
    name, _, source_id = rest.partition(":")
    content_model, template_model = next(
        (content, template)
        for list_name, content, template, _draft in ITEM_LISTS
        if list_name == name
    )
    rows = list(getattr(job_description, name).all())
    values = [ItemValues(row.pk, content_values(row, content_model)) for row in rows]
    source = template_model.objects.filter(pk=int(source_id)).first()
    if kind == "added":
        values.append(
            ItemValues(None, content_values(source, content_model), source_item_id=source.pk)
        )
    elif kind == "changed":
        then = _template_item_then(job_description, template_model, int(source_id))
        now = content_values(source, content_model)
        changed = {field: value for field, value in now.items() if then.get(field) != value}
        values = [
            ItemValues(v.id, {**v.values, **changed}) if row.source_item_id == source.pk else v
            for row, v in zip(rows, values, strict=True)
        ]
    else:  # removed from the template: remove the draft's copy
        values = [
            v for row, v in zip(rows, values, strict=True) if row.source_item_id != int(source_id)
        ]
    return jobdescription_save(
        job_description=job_description,
        fields={},
        items={name: values},
        expected_version=expected_version,
        user=user,
    )


def _template_item_then(job_description: JobDescription, template_model, item_id: int) -> dict:
    """The template item's fields as they were at the baseline revision."""
    version = template_as_copied(job_description, _baseline(job_description))
    content_type = ContentType.objects.get_for_model(template_model)
    for stored in version.revision.version_set.all():
        if stored.content_type_id == content_type.pk and int(stored.object_id) == item_id:
            return dict(stored.field_dict)
    return {}


def template_updates_seen(*, job_description: JobDescription, shown_revision: int | None) -> None:
    """The owner has taken what they wanted of the changes shown at ``shown_revision``: the
    updates are counted from there on (what the draft was copied from stays recorded)."""
    if not job_description.source_template_id:
        raise ValidationError("This draft did not start from a template.")
    _check_revision(job_description, shown_revision)
    JobDescription.objects.filter(pk=job_description.pk).update(
        template_revision_seen_id=shown_revision
    )
