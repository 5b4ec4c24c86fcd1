"""Bulk export: many drafts in one format as one ZIP, made in the background.

One task a draft renders its file (so every worker takes a share; a PDF already rendered after a
save comes from the cache) into the default storage, and the draft that finishes last queues the
task that packs the ZIP; the drafts' files are deleted once it is made (or the export fails or
expires). The ZIP is kept for ``BULK_EXPORT_KEPT_FOR`` and then deleted by a task queued for that
moment (and by ``manage.py purge_bulk_exports``, for operators and for a queue that lost it).

The three tasks sit at the end of this module, beside the services they run and queue (as pretix
keeps its Celery tasks in its services): the export's steps read as one story, and no module of
tasks and module of services import each other. ``roles.tasks`` re-exports them for the jobs
queued under their former paths.
"""

import shutil
import tempfile
import zipfile
from datetime import timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Sum, prefetch_related_objects
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django_tasks import task

from roles.documents import DocumentBeingPrepared, DocumentRenderError
from roles.documents.pdf import rendering_in_background
from roles.documents.registry import EXPORTERS, export
from roles.http import filename_stem
from roles.models import (
    BULK_EXPORT_KEPT_FOR,
    BULK_EXPORT_MAX_BYTES,
    BULK_EXPORT_MAX_DRAFTS,
    BULK_EXPORT_MAX_RUNNING,
    ITEM_LISTS,
    BulkExport,
    BulkExportItem,
    BulkExportStatus,
    JobDescription,
)
from roles.services.documents import document_for_export
from roles.services.tasks import again_later

NOT_INCLUDED_NAME = "not-included.txt"
#: An export still being prepared after this has lost its tasks: it no longer counts toward
#: the limit of exports at once.
STALLED_AFTER = timedelta(hours=1)


def bulkexport_create(*, user, job_description_ids: list[int], format_name: str) -> BulkExport:
    """A bulk export of the drafts ``job_description_ids`` (in that order) in ``format_name``,
    for ``user``, who must be able to read every one of them; its render tasks are queued when
    this commits. Raises ``ValidationError`` with a message for the person asking."""
    if format_name not in EXPORTERS:
        raise ValidationError("Choose one of the formats.")
    ids = list(dict.fromkeys(job_description_ids))  # each draft once, first place kept
    if not ids:
        raise ValidationError("Select at least one draft to export.")
    if len(ids) > BULK_EXPORT_MAX_DRAFTS:
        raise ValidationError(
            f"Export at most {BULK_EXPORT_MAX_DRAFTS} drafts at a time; you selected {len(ids)}."
        )
    drafts = (
        JobDescription.objects.readable_by(user)
        .select_related("owner")
        .prefetch_related("locations")
        .in_bulk(ids)
    )
    if len(drafts) != len(ids):
        # Never say which: a draft id someone may not read is not confirmed to exist.
        raise ValidationError(
            "Some of the selected drafts are not available to you (deleted, or not yours). "
            "Reload the list and select again."
        )
    with transaction.atomic():
        # The person's row is the lock: two requests at once cannot both see room for one more
        # (locking their exports would lock nothing while they have none).
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        running = BulkExport.objects.filter(
            requested_by=user,
            status__in=[
                BulkExportStatus.RENDERING,
                BulkExportStatus.ZIPPING,
                BulkExportStatus.PACKING,
            ],
            # One whose tasks were lost stops counting after an hour (the purge deletes it).
            created_at__gte=timezone.now() - STALLED_AFTER,
        )
        if running.count() >= BULK_EXPORT_MAX_RUNNING:
            raise ValidationError(
                f"You have {BULK_EXPORT_MAX_RUNNING} exports being prepared; wait for one to "
                "finish, then try again."
            )
        bulk_export = BulkExport.objects.create(
            requested_by=user, format=format_name, total=len(ids)
        )
        extension = EXPORTERS[format_name].extension
        taken = {NOT_INCLUDED_NAME}
        items = BulkExportItem.objects.bulk_create(
            BulkExportItem(
                bulk_export=bulk_export,
                job_description_id=pk,
                position=position,
                filename=_unique_name(_file_title(drafts[pk]), extension, taken),
            )
            for position, pk in enumerate(ids)
        )
        # bulk_create sets the primary keys on PostgreSQL and SQLite; other databases read them.
        item_ids = [item.pk for item in items if item.pk] or list(
            bulk_export.items.values_list("pk", flat=True)
        )
        for item_id in item_ids:
            transaction.on_commit(partial(render_bulk_export_item.enqueue, item_id))
    return bulk_export


def _file_title(draft: JobDescription) -> str:
    """What tells drafts of one role apart in a ZIP: the title, the first place, the requisition
    and the owner ('vp-of-operations-denver-req-7-alice.pdf')."""
    place = next((loc.city or loc.region for loc in draft.locations.all()), "")
    parts = (draft.title, place, draft.requisition_id, draft.owner.get_username())
    return " ".join(part for part in parts if part)


def _unique_name(title: str, extension: str, taken: set[str]) -> str:
    """'vp-of-operations.pdf', then 'vp-of-operations-2.pdf' for the next with that title."""
    stem = filename_stem(title)
    name, number = f"{stem}.{extension}", 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}.{extension}"
    taken.add(name)
    return name


def bulkexport_render_item(*, item_id: int) -> str:
    """Render one draft of a bulk export. The draft is read again as its requester may read it
    now: one deleted, or no longer theirs, since the export began is left out with a note."""
    item = (
        BulkExportItem.objects.select_related("bulk_export__requested_by")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        return "export deleted"
    if item.done:
        # A second delivery of this task, or an attempt after the one that finished the item
        # failed to queue the zip: queue it (again). The zip task claims the export, so a
        # duplicate packs nothing.
        if item.bulk_export.status == BulkExportStatus.ZIPPING:
            zip_bulk_export.enqueue(item.bulk_export_id)
        return "already done"
    bulk_export = item.bulk_export
    draft = (
        JobDescription.objects.readable_by(bulk_export.requested_by)
        .select_related("level")
        .filter(pk=item.job_description_id)
        .first()
    )
    if draft is None:
        return bulkexport_finish_item(
            item_id=item.pk, error="This draft is no longer available to you."
        )
    prefetch_related_objects([draft], *(name for name, *_ in ITEM_LISTS))
    try:
        # A task: the largest draft's PDF gets its whole time budget, not a request's.
        with rendering_in_background():
            content = export(bulk_export.format, document_for_export(draft)).content
    except DocumentBeingPrepared:
        raise  # rendered elsewhere right now: the task's next attempt finds it in the cache
    except DocumentRenderError as error:
        return bulkexport_finish_item(item_id=item.pk, error=str(error))
    return bulkexport_finish_item(item_id=item.pk, content=content)


def bulkexport_finish_item(*, item_id: int, content: bytes | None = None, error: str = "") -> str:
    """Store one draft's file in storage (or why there is none) and count it; the last one
    queues the ZIP."""
    item = (
        BulkExportItem.objects.only("bulk_export_id", "filename", "file").filter(pk=item_id).first()
    )
    if item is None:
        return "export deleted"
    stored = content is not None
    if stored:
        # Stored before the row names it: a row never names a file that is not there.
        item.file.save(f"{item.bulk_export_id}-{item.filename}", ContentFile(content), save=False)
    counted = False
    try:
        with transaction.atomic():
            finished_here = BulkExportItem.objects.filter(pk=item_id, done=False).update(
                done=True,
                file=item.file.name,
                size=len(content) if stored else None,
                error=error,
            )
            if finished_here:
                _count_finished(item.bulk_export_id)
        counted = bool(finished_here)
    finally:
        if stored and not counted:
            item.file.delete(save=False)  # no row names it
    if not counted:
        return "already done"  # another worker (or an earlier attempt) finished it
    return "failed: " + error if error else "rendered"


def _count_finished(bulk_export_id: int) -> None:
    BulkExport.objects.filter(pk=bulk_export_id).update(finished=F("finished") + 1)
    bulk_export = BulkExport.objects.select_for_update().get(pk=bulk_export_id)
    if bulk_export.finished >= bulk_export.total and bulk_export.is_running:
        bulk_export.status = BulkExportStatus.ZIPPING
        bulk_export.save(update_fields=["status"])
        transaction.on_commit(partial(zip_bulk_export.enqueue, bulk_export.pk))


def bulkexport_zip(*, bulk_export_id: int) -> str:
    """Pack the rendered files into the ZIP, in the order they were selected, with a note
    naming any draft left out and why; keep it for a day. Claims the export first, so a second
    delivery of the task packs nothing twice."""
    if not BulkExport.objects.filter(pk=bulk_export_id, status=BulkExportStatus.ZIPPING).update(
        status=BulkExportStatus.PACKING
    ):
        return "not waiting to be zipped"
    bulk_export = BulkExport.objects.get(pk=bulk_export_id)
    items = bulk_export.items.order_by("position")
    size = items.aggregate(size=Sum("size"))["size"] or 0
    if size > BULK_EXPORT_MAX_BYTES:
        return _fail(
            bulk_export,
            f"The files come to {filesizeformat(size)}, more than the "
            f"{filesizeformat(BULK_EXPORT_MAX_BYTES)} one export may hold. Export fewer drafts "
            "at a time.",
        )
    left_out = list(items.filter(file="").only("filename", "error"))
    if len(left_out) == bulk_export.total:
        return _fail(bulk_export, "None of the drafts could be exported: " + _reasons(left_out))
    now = timezone.now()
    try:
        with tempfile.TemporaryFile() as spool:
            with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for item in items.exclude(file="").only("filename", "file"):
                    with (
                        item.file.open("rb") as source,
                        archive.open(_entry(item.filename, now), "w") as entry,
                    ):
                        shutil.copyfileobj(source, entry)  # a piece at a time, not whole
                if left_out:
                    archive.writestr(_entry(NOT_INCLUDED_NAME, now), _reasons(left_out, "\n"))
            spool.seek(0)
            name = f"job-descriptions-{bulk_export.format}-{now:%Y-%m-%d}-{bulk_export.pk}.zip"
            bulk_export.file.save(name, File(spool), save=False)
        bulk_export.size = bulk_export.file.size
        bulk_export.status = BulkExportStatus.READY
        bulk_export.ready_at = now
        bulk_export.expires_at = now + BULK_EXPORT_KEPT_FOR
        with transaction.atomic():
            bulk_export.save()
            # The ZIP holds them now; one that storage fails to delete goes with the export.
            transaction.on_commit(partial(_delete_item_files, bulk_export), robust=True)
            transaction.on_commit(
                partial(
                    delete_bulk_export.using(run_after=bulk_export.expires_at).enqueue,
                    bulk_export.pk,
                ),
                robust=True,  # the purge command deletes it if the queue cannot take this
            )
    except Exception:
        # Back to waiting, without a stray file, for the task's next attempt.
        if bulk_export.file:
            bulk_export.file.delete(save=False)
        BulkExport.objects.filter(pk=bulk_export.pk).update(
            status=BulkExportStatus.ZIPPING, file=""
        )
        raise
    return "ready"


def _entry(name: str, when) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=timezone.localtime(when).timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def _reasons(items: list[BulkExportItem], separator: str = " ") -> str:
    # Named by the file it would have been (from the title when the export began): a draft no
    # longer readable may have a new title its former reader must not learn.
    lines = [f"{item.filename}: {item.error}" for item in items]
    return separator.join(lines) + ("\n" if separator == "\n" else "")


def bulkexport_fail(*, bulk_export_id: int, message: str) -> str:
    """Give up on a bulk export with ``message`` for its requester."""
    bulk_export = BulkExport.objects.filter(pk=bulk_export_id).first()
    return _fail(bulk_export, message) if bulk_export else "gone"


def _fail(bulk_export: BulkExport, message: str) -> str:
    bulk_export.status = BulkExportStatus.FAILED
    bulk_export.error = message
    bulk_export.expires_at = timezone.now() + BULK_EXPORT_KEPT_FOR
    with transaction.atomic():
        bulk_export.save(update_fields=["status", "error", "expires_at"])
        transaction.on_commit(partial(_delete_item_files, bulk_export), robust=True)
    return "failed"


def bulkexport_delete(*, bulk_export_id: int, now=None) -> str:
    """Delete a bulk export and its ZIP once it has expired (a deferred task calls this)."""
    now = now or timezone.now()
    bulk_export = BulkExport.objects.filter(pk=bulk_export_id, expires_at__lte=now).first()
    if bulk_export is None:
        return "not expired"
    _delete(bulk_export)
    return "deleted"


def bulkexport_purge(*, now=None) -> int:
    """Delete every expired bulk export, and any still unfinished a day after it was asked for
    (its tasks were lost); returns how many."""
    now = now or timezone.now()
    expired = BulkExport.objects.filter(expires_at__lte=now) | BulkExport.objects.filter(
        expires_at__isnull=True, created_at__lte=now - BULK_EXPORT_KEPT_FOR
    )
    count = 0
    for bulk_export in expired:
        _delete(bulk_export)
        count += 1
    return count


def _delete(bulk_export: BulkExport) -> None:
    # Storage first: a row without a file is harmless, a file without a row is never deleted.
    if bulk_export.file:
        bulk_export.file.delete(save=False)
    _delete_item_files(bulk_export)
    bulk_export.delete()


def _delete_item_files(bulk_export: BulkExport) -> None:
    """Delete the files rendered for ``bulk_export`` from storage: once it is zipped, failed or
    expired, nothing reads them again."""
    deleted = []
    for item in bulk_export.items.exclude(file="").only("file"):
        item.file.delete(save=False)
        deleted.append(item.pk)
    BulkExportItem.objects.filter(pk__in=deleted).update(file="")


@task()
def render_bulk_export_item(item_id: int, attempt: int = 1) -> str:
    """Render one draft of a bulk export."""
    try:
        return bulkexport_render_item(item_id=item_id)
    except Exception:
        if not again_later(render_bulk_export_item, attempt, item_id):
            bulkexport_finish_item(item_id=item_id, error="It could not be prepared.")
        raise


@task()
def zip_bulk_export(bulk_export_id: int, attempt: int = 1) -> str:
    """Pack a bulk export's files into its ZIP."""
    try:
        return bulkexport_zip(bulk_export_id=bulk_export_id)
    except Exception:
        if not again_later(zip_bulk_export, attempt, bulk_export_id):
            bulkexport_fail(bulk_export_id=bulk_export_id, message="The ZIP could not be made.")
        raise


@task()
def delete_bulk_export(bulk_export_id: int) -> str:
    """Delete a bulk export's ZIP when it expires (queued to run then)."""
    return bulkexport_delete(bulk_export_id=bulk_export_id)
