"""Writing drafts: start one from a template, save an edit, duplicate, trash, restore. Each action
is atomic: it happens whole or not at all."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from reversion.models import Version

from roles.models import (
    EDITABLE_FIELDS,
    EDITABLE_STATES,
    ITEM_LISTS,
    MAX_ITEMS,
    DocumentContent,
    JobDescription,
    OrganisationProfile,
    ReviewAction,
    ReviewState,
    RoleTemplate,
    WebhookEventType,
    content_values,
)
from roles.selectors.guidance import open_findings
from roles.services.guidance import jobdescription_store_open_findings
from roles.services.review import review_record
from roles.services.sharing import sharelink_revoke_open
from roles.services.tasks import enqueue_with_write
from roles.services.webhooks import draft_event_emit


def _snapshot(job_description: JobDescription, *, user, comment: str) -> None:
    """Record the draft and its lists as they are now, as one revision. Taken after the writes,
    so the revision holds exactly the saved lists."""
    with reversion.create_revision():
        reversion.add_to_revision(job_description)
        reversion.set_user(user)
        reversion.set_comment(comment)


def _hold_saved_lists(job_description: JobDescription, rows_by_list: Mapping[str, list]) -> None:
    """Let ``job_description.<list>.all()`` answer with the rows just saved, as a prefetch would:
    the snapshot (reversion follows the lists) then records them without reading them again,
    four queries fewer per save."""
    # Django has no public way to prefetch rows already in hand; this stores them as
    # ``prefetch_related_objects`` does (``django.db.models.query.prefetch_one_level``).
    cache = job_description.__dict__.setdefault("_prefetched_objects_cache", {})
    for related_name, rows in rows_by_list.items():
        cache.pop(related_name, None)
        queryset = getattr(job_description, related_name).get_queryset()
        queryset._result_cache, queryset._prefetch_done = list(rows), True
        cache[related_name] = queryset


def _render_with_the_write(job_description: JobDescription) -> None:
    """Queue the render of this version's PDF with the write (``enqueue_with_write``): a write
    that rolls back queues nothing; a queue that cannot be reached costs the head start, not the
    save."""
    # Imported here: the render task's module brings the renderer (WeasyPrint), which the forms
    # and the admin, importing this module, must not load (tests/test_forms.py).
    from roles.services.documents import render_draft_pdf

    enqueue_with_write(render_draft_pdf, job_description.pk, job_description.version)


def _copy_items(source, job_description: JobDescription) -> None:
    """Copy ``source``'s lists (a template's or a draft's) onto the draft, each item recording
    the template item it came from (a draft's copy keeps its items' record)."""
    from_template = isinstance(source, RoleTemplate)
    for related_name, content_model, _template_model, draft_model in ITEM_LISTS:
        draft_model.objects.bulk_create(
            draft_model(
                job_description=job_description,
                source_item_id=item.pk if from_template else item.source_item_id,
                **content_values(item, content_model),
            )
            for item in getattr(source, related_name).all()
        )


def _set_first_place(job_description: JobDescription, city: str, region: str) -> None:
    """The draft's first work location is in ``city``, ``region`` (as asked when it starts);
    its ZIP or postal code, which named the template's place, is dropped if the place moved."""
    location = job_description.locations.order_by("position", "pk").first()
    city, region = city.strip(), region.strip().upper()
    if location is None or (location.city, location.region) == (city, region):
        return
    location.city, location.region, location.postal_code = city, region, ""
    location.full_clean()
    location.save(update_fields=["city", "region", "postal_code"])


def _template_revision(template: RoleTemplate):
    """The template's latest history revision; one is recorded first if it has none yet (a
    seeded template never saved in the admin), so the draft knows what it was copied from."""
    latest = Version.objects.get_for_object(template).select_related("revision").first()
    if latest is not None:
        return latest.revision
    with reversion.create_revision():
        reversion.add_to_revision(template)
        reversion.set_comment("As first copied into a draft")
    return Version.objects.get_for_object(template).select_related("revision").first().revision


@transaction.atomic
def jobdescription_create_from_template(
    *,
    template: RoleTemplate,
    owner,
    title: str = "",
    department: str = "",
    requisition_id: str = "",
    place: tuple[str, str] | None = None,
) -> JobDescription:
    """Start a draft for ``owner`` by copying every text of ``template`` onto the draft's own rows;
    a working ``title``, ``department`` and ``requisition_id`` tell it apart from other drafts of
    the same role from the start (the template's title when none is given).

    Copy, don't link: editing the template later never changes this draft.
    """
    job_description = JobDescription(
        owner=owner,
        source_template=template,
        source_template_revision=_template_revision(template),
        company=OrganisationProfile.load().name,
        **content_values(template, DocumentContent),
    )
    job_description.title = title.strip() or job_description.title
    job_description.department = department.strip()
    job_description.requisition_id = requisition_id.strip()
    job_description.full_clean()
    job_description.save()
    _copy_items(template, job_description)
    if place is not None:
        _set_first_place(job_description, *place)
    _snapshot(job_description, user=owner, comment=f"Started from the “{template.title}” template")
    jobdescription_store_open_findings(job_description=job_description)
    _render_with_the_write(job_description)
    draft_event_emit(WebhookEventType.DRAFT_CREATED, job_description)
    return job_description


@transaction.atomic
def jobdescription_duplicate(*, job_description: JobDescription, owner) -> JobDescription:
    """Copy a draft, with all its lists, into a new draft owned by ``owner``."""
    copy = JobDescription.objects.get(pk=job_description.pk)
    copy.pk = None
    copy._state.adding = True
    copy.owner = owner
    copy.version = 1
    copy.title = f"{job_description.title} (copy)"[
        : JobDescription._meta.get_field("title").max_length
    ]
    copy.deleted_at = None
    copy.review_state = ReviewState.DRAFT  # a copy is a new draft: never reviewed or approved
    copy.save()
    _copy_items(job_description, copy)
    _snapshot(copy, user=owner, comment=f"Duplicated from “{job_description.title}”")
    jobdescription_store_open_findings(job_description=copy)
    _render_with_the_write(copy)
    draft_event_emit(WebhookEventType.DRAFT_CREATED, copy)
    return copy


class EditConflict(Exception):
    """The draft was saved by someone (or another tab) since this editor loaded it."""

    def __init__(self, current: JobDescription) -> None:
        super().__init__(f"Draft {current.pk} is at version {current.version}.")
        self.current = current


class NotEditable(Exception):
    """The JD's review state does not allow edits (in review, archived)."""

    def __init__(self, current: JobDescription) -> None:
        state = current.get_review_state_display().lower()
        hint = (
            " Withdraw it from review to edit it."
            if current.review_state == ReviewState.IN_REVIEW
            else ""
        )
        super().__init__(f"This job description is {state}: its text cannot be edited.{hint}")
        self.current = current


_EDITED_FIELDS = [
    field.name
    for field in JobDescription._meta.concrete_fields
    if field.name
    not in (
        "id",
        "review_state",
        "owner",
        "deleted_at",
        "source_template_revision",
        "template_revision_seen",
    )
]


#: The draft's links, which a save never edits: ``full_clean`` leaves them out (checking that a
#: link's row exists costs a query each).
_NOT_EDITED_LINKS = [
    field.name for field in JobDescription._meta.concrete_fields if field.is_relation
]


def _claim(job_description: JobDescription, expected_version: int) -> bool:
    """Take the next version if the draft is still at ``expected_version`` and its review state
    allows edits: one UPDATE, so two saves (or a save and a submission) cannot both pass. An
    approved JD becomes a draft again in the same UPDATE. Returns whether it was approved."""
    at_version = JobDescription.objects.filter(pk=job_description.pk, version=expected_version)
    approved = at_version.filter(review_state=ReviewState.APPROVED)
    editable = at_version.filter(review_state__in=EDITABLE_STATES - {ReviewState.APPROVED})
    attempts = [(approved, True), (editable, False)]
    if job_description.review_state != ReviewState.APPROVED:
        attempts.reverse()  # the likely one first: one query on the common path
    for rows, was_approved in attempts:
        changes = {"version": F("version") + 1}
        if was_approved:
            changes["review_state"] = ReviewState.DRAFT
        if rows.update(**changes):
            return was_approved
    current = JobDescription.objects.get(pk=job_description.pk)
    if current.version == expected_version:
        raise NotEditable(current)
    raise EditConflict(current)


@dataclass(frozen=True)
class ItemValues:
    """One row of a list as it should be saved: the id of the row it was loaded from (``None``
    for a new row) and the values of its content fields (``text``; ``name``, ``measure``…)."""

    id: int | None
    values: Mapping[str, object] = field(default_factory=dict)
    #: For a new row: the template item it is taken from (a template update).
    source_item_id: int | None = None


@transaction.atomic
def jobdescription_save(
    *,
    job_description: JobDescription,
    fields: Mapping[str, object],
    items: Mapping[str, Sequence[ItemValues]],
    expected_version: int,
    user=None,
) -> JobDescription:
    """Save an edit of a draft: its ``fields`` (names from ``EDITABLE_FIELDS``) and, for each list
    named in ``items``, the whole list in its new order.

    A list's rows keep their ids: a row named by id is updated in place (only if something
    changed), a row without an id is added, and a saved row the list no longer names is deleted.
    ``expected_version`` is the version the caller loaded; if the draft has been saved since,
    nothing is written and ``EditConflict`` says so. The check and the bump are one UPDATE, so two
    concurrent saves cannot both pass it. Values that break a model's rules raise
    ``ValidationError``, and then nothing is written either.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    was_approved = _claim(job_description, expected_version)
    for name, value in fields.items():
        setattr(job_description, name, value)
    job_description.version = expected_version + 1
    job_description.full_clean(exclude=_NOT_EDITED_LINKS)
    rows_by_list = {
        related_name: (
            _save_list(job_description, draft_model, items[related_name])
            if related_name in items
            else list(getattr(job_description, related_name).all())
        )
        for related_name, _content_model, _template_model, draft_model in ITEM_LISTS
    }
    # Counted before the draft's own UPDATE, which stores the count with the edit.
    job_description.open_findings = open_findings(job_description, rows_by_list)
    # Not the review state, the owner or the trash: other services move those, under the row's
    # lock, and this instance (loaded at the request's start) must not write them back.
    job_description.save(update_fields=_EDITED_FIELDS)
    if was_approved:  # an edit of an approved JD starts a new round; the approval stays
        review_record(
            job_description=job_description,
            user=user,
            action=ReviewAction.EDIT_APPROVED,
            from_state=ReviewState.APPROVED,
            to_state=ReviewState.DRAFT,
        )
    _hold_saved_lists(job_description, rows_by_list)
    _snapshot(job_description, user=user, comment="Edited")
    _render_with_the_write(job_description)
    return job_description


def _save_list(
    job_description: JobDescription, model: type[models.Model], values: Sequence[ItemValues]
) -> list[models.Model]:
    """Make the draft's list of ``model`` rows exactly ``values``, in that order, in a number of
    queries that does not grow with the list. Returns the rows, in that order."""
    if len(values) > MAX_ITEMS:
        raise ValidationError(f"A list can hold at most {MAX_ITEMS} items.")
    saved = {row.pk: row for row in model.objects.filter(job_description=job_description)}
    named = [item.id for item in values if item.id is not None]
    if len(named) != len(set(named)) or not set(named) <= saved.keys():
        raise ValidationError("The list names a row that is not in this draft, or one twice.")
    content_fields = [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in ("id", "job_description", "source_item")  # provenance is not edited
    ]
    model.objects.filter(pk__in=saved.keys() - set(named)).delete()
    new_rows, changed_rows, ordered = [], [], []
    for position, item in enumerate(values):
        row = (
            saved[item.id]
            if item.id is not None
            else model(job_description=job_description, source_item_id=item.source_item_id)
        )
        ordered.append(row)
        before = {name: getattr(row, name) for name in content_fields}
        for name, value in {**item.values, "position": position}.items():
            if name not in content_fields:
                raise ValueError(f"{model.__name__} has no field {name!r}")
            setattr(row, name, value)
        row.full_clean(exclude=["job_description", "source_item"])  # a record, not a link
        if row.pk is None:
            new_rows.append(row)
        elif before != {name: getattr(row, name) for name in content_fields}:
            changed_rows.append(row)
    model.objects.bulk_create(new_rows)
    if changed_rows:
        model.objects.bulk_update(changed_rows, content_fields)
    return ordered


@transaction.atomic
def jobdescription_trash(*, job_description: JobDescription, user=None) -> None:
    """Move a draft to the trash; it can be restored until it is purged. Its open share links
    are revoked: restoring the draft does not bring them back (a person who deletes a draft to
    stop sharing it must not find it shared again)."""
    if job_description.review_state == ReviewState.IN_REVIEW:
        raise NotEditable(job_description)  # its reviewers are deciding: withdraw it first
    # Before the draft is in the trash: a link to a trashed draft no longer counts as open.
    sharelink_revoke_open(job_description=job_description, user=user)
    job_description.deleted_at = timezone.now()
    job_description.save(update_fields=["deleted_at"])


def jobdescription_restore(*, job_description: JobDescription) -> None:
    job_description.deleted_at = None
    job_description.save(update_fields=["deleted_at", "updated_at"])


def jobdescription_purge_trash(*, now=None) -> int:
    """Delete, with their lists, the drafts that have been in the trash past the retention time."""
    deleted, _ = JobDescription.objects.purgeable(now or timezone.now()).delete()
    return deleted


@transaction.atomic
def jobdescription_restore_version(*, job_description: JobDescription, version: Version, user):
    """Put a draft and its lists back as they were in ``version``, as a new revision.

    Lists are restored whole: items added since are removed, removed ones come back.
    """
    current = JobDescription.objects.select_for_update().get(pk=job_description.pk)
    if current.review_state not in EDITABLE_STATES:
        raise NotEditable(current)
    version.revision.revert(delete=True)
    # The lock, the trash, the owner and the review state are not content: they keep moving
    # forward, so an editor opened before the restore still gets a conflict instead of
    # overwriting it, and an old version brings back no old owner or state. Restoring an
    # approved JD's old version is an edit of it: a new round.
    new_state = (
        ReviewState.DRAFT if current.review_state == ReviewState.APPROVED else current.review_state
    )
    JobDescription.objects.filter(pk=current.pk).update(
        version=current.version + 1,
        deleted_at=current.deleted_at,
        owner=current.owner_id,
        review_state=new_state,
        # Where it came from, and how far its template updates went, are not content either.
        source_template_revision=current.source_template_revision_id,
        template_revision_seen=current.template_revision_seen_id,
        updated_at=timezone.now(),
    )
    restored = JobDescription.objects.get(pk=current.pk)
    if new_state != current.review_state:
        review_record(
            job_description=restored,
            user=user,
            action=ReviewAction.EDIT_APPROVED,
            from_state=current.review_state,
            to_state=new_state,
        )
    when = f"{version.revision.date_created:%d %b %Y, %H:%M}"
    _snapshot(restored, user=user, comment=f"Restored the version of {when}")
    jobdescription_store_open_findings(job_description=restored)
    _render_with_the_write(restored)
    return restored
