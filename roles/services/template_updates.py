"""Template updates reach drafts on request: what changed in a draft's template since the draft was
copied from it, offered change by change; taking one is a save like any other (the optimistic
lock, a history revision, a fresh prerender, a new review round for an approved JD). Nothing
changes a draft without its owner's click. What is offered is read by
``roles.selectors.template_updates``; this module writes what the owner takes."""

from django.core.exceptions import ValidationError

from roles.models import ITEM_LISTS, JobDescription, RoleTemplate, content_values
from roles.selectors.template_updates import (
    latest_template_revision_id,
    template_item_as_copied,
    template_updates,
)
from roles.services.drafts import ItemValues, jobdescription_save


def _check_revision(job_description: JobDescription, shown_revision: int | None) -> None:
    latest = latest_template_revision_id(job_description.source_template_id)
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
        then = template_item_as_copied(job_description, template_model, int(source_id))
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


def template_updates_seen(*, job_description: JobDescription, shown_revision: int | None) -> None:
    """The owner has taken what they wanted of the changes shown at ``shown_revision``: the
    updates are counted from there on (what the draft was copied from stays recorded)."""
    if not job_description.source_template_id:
        raise ValidationError("This draft did not start from a template.")
    _check_revision(job_description, shown_revision)
    JobDescription.objects.filter(pk=job_description.pk).update(
        template_revision_seen_id=shown_revision
    )
