"""Actions that write several rows. Each one is atomic: it happens whole or not at all."""

import reversion
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from reversion.models import Version

from .models import (
    ITEM_LISTS,
    DocumentContent,
    JobDescription,
    OrganisationProfile,
    RoleTemplate,
    content_values,
)


def _snapshot(job_description: JobDescription, *, user, comment: str) -> None:
    """Record the draft and its lists as they are now, as one revision. Taken after the writes,
    so the revision holds exactly the saved lists."""
    with reversion.create_revision():
        reversion.add_to_revision(job_description)
        reversion.set_user(user)
        reversion.set_comment(comment)


def _copy_items(source, job_description: JobDescription) -> None:
    for related_name, content_model, _template_model, draft_model in ITEM_LISTS:
        draft_model.objects.bulk_create(
            draft_model(job_description=job_description, **content_values(item, content_model))
            for item in getattr(source, related_name).all()
        )


@transaction.atomic
def jobdescription_create_from_template(*, template: RoleTemplate, owner) -> JobDescription:
    """Start a draft for ``owner`` by copying every text of ``template`` onto the draft's own rows.

    Copy, don't link: editing the template later never changes this draft.
    """
    job_description = JobDescription(
        owner=owner,
        source_template=template,
        company=OrganisationProfile.load().name,
        **content_values(template, DocumentContent),
    )
    job_description.full_clean()
    job_description.save()
    _copy_items(template, job_description)
    _snapshot(job_description, user=owner, comment=f"Started from the “{template.title}” template")
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
    copy.save()
    _copy_items(job_description, copy)
    _snapshot(copy, user=owner, comment=f"Duplicated from “{job_description.title}”")
    return copy


class EditConflict(Exception):
    """The draft was saved by someone (or another tab) since this editor loaded it."""

    def __init__(self, current: JobDescription) -> None:
        super().__init__(f"Draft {current.pk} is at version {current.version}.")
        self.current = current


@transaction.atomic
def jobdescription_save(
    *, form, formsets: dict, expected_version: int, user=None
) -> JobDescription:
    """Save an edited draft and its item formsets together, positions taken from the edited order.

    The caller has validated ``form`` and every formset. ``expected_version`` is the version the
    editor loaded; if the draft has been saved since, nothing is written and ``EditConflict``
    says so. The check and the bump are one UPDATE, so two concurrent saves cannot both pass it.
    """
    job_description = form.instance
    claimed = JobDescription.objects.filter(pk=job_description.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(JobDescription.objects.get(pk=job_description.pk))
    job_description.version = expected_version + 1
    _save_forms(job_description, form, formsets)
    _snapshot(job_description, user=user, comment="Edited")
    return job_description


def _save_forms(job_description: JobDescription, form, formsets: dict) -> None:
    form.save()
    for formset in formsets.values():
        formset.instance = job_description
        for form_ in formset.deleted_forms:
            if form_.instance.pk:
                form_.instance.delete()
        for position, item_form in enumerate(formset.ordered_forms):
            item = item_form.instance
            if item.pk and item.position == position and not item_form.has_changed():
                continue  # Untouched and in place: nothing to write.
            item = item_form.save(commit=False)
            item.job_description = job_description
            item.position = position
            item.save()


def jobdescription_trash(*, job_description: JobDescription) -> None:
    """Move a draft to the trash; it can be restored until it is purged."""
    job_description.deleted_at = timezone.now()
    job_description.save(update_fields=["deleted_at"])


def jobdescription_restore(*, job_description: JobDescription) -> None:
    job_description.deleted_at = None
    job_description.save(update_fields=["deleted_at", "updated_at"])


def jobdescription_purge_trash(*, now=None) -> int:
    """Delete, with their lists, the drafts that have been in the trash past the retention time."""
    deleted, _ = JobDescription.objects.purgeable(now or timezone.now()).delete()
    return deleted


def jobdescription_versions(job_description: JobDescription):
    """The saved revisions of a draft, newest first, with who made them."""
    return (
        Version.objects.get_for_object(job_description)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


@transaction.atomic
def jobdescription_restore_version(*, job_description: JobDescription, version: Version, user):
    """Put a draft and its lists back as they were in ``version``, as a new revision.

    Lists are restored whole: items added since are removed, removed ones come back.
    """
    current = JobDescription.objects.select_for_update().get(pk=job_description.pk)
    version.revision.revert(delete=True)
    # The lock and the trash are not content: they keep moving forward, so an editor opened
    # before the restore still gets a conflict instead of overwriting it.
    JobDescription.objects.filter(pk=current.pk).update(
        version=current.version + 1, deleted_at=current.deleted_at, updated_at=timezone.now()
    )
    restored = JobDescription.objects.get(pk=current.pk)
    when = f"{version.revision.date_created:%d %b %Y, %H:%M}"
    _snapshot(restored, user=user, comment=f"Restored the version of {when}")
    return restored
