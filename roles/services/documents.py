"""Documents made ahead of time: a draft's PDF rendered after each save, so that "Download PDF"
is served at once; and a draft's download, which renders the PDF on demand when nothing did.

The task that renders after a save, ``render_draft_pdf``, sits here beside the service it runs
and the download that queues it when a PDF is too large for a request (as pretix keeps its Celery
tasks in its services); ``roles.tasks`` re-exports it for the jobs queued under its former path.
This module brings the renderer (WeasyPrint) with it: the draft services, which the forms and
the admin import, import it only when a save queues the render."""

import hashlib
from dataclasses import replace

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django_tasks import task

from roles.documents import DocumentBeingPrepared, DocumentRenderError
from roles.documents.data import (
    DRAFT_NOTE,
    DocumentData,
    Organisation,
    approved_note,
    document_from_draft,
)
from roles.documents.pdf import cached_pdf, prerender_pdf, render_pdf, rendering_in_background
from roles.documents.registry import EXPORTERS, Export, export
from roles.documents.render_failures import render_failure_key, render_trouble_key
from roles.http import filename_stem
from roles.models import ITEM_LISTS, JobDescription, Level, ReviewState
from roles.ops import task_worker_running
from roles.services.tasks import again_later

#: How long a failed render is remembered for its version (a new version tries again at once).
RENDER_FAILURE_SECONDS = 60 * 60 * 24
#: A large PDF handed to the task worker is queued at most once in this long per version (the
#: "being prepared" page asks again every few seconds).
RENDER_QUEUED_SECONDS = 120


def document_status_note(job_description: JobDescription) -> str:
    """What an export of the draft says it is: the approval of this very version, or
    "Draft, not approved"."""
    if job_description.review_state == ReviewState.APPROVED:
        approval = job_description.approvals.first()
        if approval is not None and approval.version == job_description.version:
            return approved_note(
                approved_by=approval.approved_by,
                approved_on=timezone.localdate(approval.approved_at),
                version=approval.version,
            )
    return DRAFT_NOTE


def document_for_export(
    job_description: JobDescription,
    organisation: Organisation | None = None,
    *,
    status_note: str | None = None,
) -> DocumentData:
    """The draft (its lists prefetched) as every export prints it: with what it is in its footer
    (the render made after a save and the download must be the same document, or the download
    would miss the PDF rendered for it)."""
    document = document_from_draft(job_description, organisation)
    if status_note is None:
        status_note = document_status_note(job_description)
    return replace(document, status_note=status_note)


def _pdf_source_key(
    job_description: JobDescription, organisation: Organisation, status_note: str
) -> str:
    """What the draft's document is made from, but its lists: the draft's row (with its
    version, which every change to a list takes a new one of: ``jobdescription_save`` and
    ``jobdescription_restore_version`` are the only writers of a draft's rows), its level's
    row, its footer note and the organisation as documents print it."""
    source = (
        job_description.pk,
        [getattr(job_description, f.attname) for f in JobDescription._meta.concrete_fields],
        [getattr(job_description.level, f.attname) for f in Level._meta.concrete_fields],
        status_note,
        organisation,
    )
    return hashlib.sha256(repr(source).encode()).hexdigest()


def jobdescription_prerender(*, job_description_id: int, version: int) -> str:
    """Render the PDF of draft ``job_description_id`` as it is at ``version`` into the shared
    cache. A draft saved again since (or deleted) is skipped: the newer save has its own render
    queued, so a burst of saves never becomes a backlog of renders. Returns what happened."""
    draft = JobDescription.objects.live().filter(pk=job_description_id, version=version).first()
    if draft is None:
        return "superseded"
    prefetch_related_objects([draft], *(name for name, *_ in ITEM_LISTS))
    organisation, status_note = Organisation.load(), document_status_note(draft)
    document = document_for_export(draft, organisation, status_note=status_note)
    with rendering_in_background():
        rendered = prerender_pdf(
            document, source_key=_pdf_source_key(draft, organisation, status_note)
        )
    return "rendered" if rendered else "already rendered"


def jobdescription_export(*, job_description: JobDescription, format_name: str) -> Export:
    """The draft in ``format_name``, for its download (its lists are read here unless they are
    prefetched; a PDF already in the cache needs none of them).

    The PDF comes from the cache when the task worker rendered it after the save; else it is
    rendered here, within what a web request may take. A render that failed for this version
    is not tried again: its ``DocumentRenderError`` is raised again (a new version tries
    again). ``DocumentBeingPrepared`` is raised while it is being rendered elsewhere, and when
    it is too large for a request and a task worker runs: it is queued there (once)."""
    organisation = Organisation.load()
    status_note = document_status_note(job_description)
    if format_name != "pdf":
        prefetch_related_objects([job_description], *(name for name, *_ in ITEM_LISTS))
        return export(format_name, document_for_export(job_description, organisation))
    exporter = EXPORTERS["pdf"]
    filename = f"{filename_stem(job_description.title)}.{exporter.extension}"
    source_key = _pdf_source_key(job_description, organisation, status_note)
    if (content := cached_pdf(source_key)) is not None:
        return Export(filename=filename, content_type=exporter.content_type, content=content)
    pk, version = job_description.pk, job_description.version
    failure_key = render_failure_key(pk, version)
    if failure := cache.get(failure_key):
        raise DocumentRenderError(failure)
    prefetch_related_objects([job_description], *(name for name, *_ in ITEM_LISTS))
    document = document_for_export(job_description, organisation, status_note=status_note)
    try:
        content = render_pdf(document, hand_over=task_worker_running, source_key=source_key)
    except DocumentBeingPrepared as preparing:
        if failure := cache.get(failure_key):  # the render it waited for failed
            raise DocumentRenderError(failure) from None
        if preparing.hand_over and cache.add(
            f"render-queued:{pk}:{version}", True, RENDER_QUEUED_SECONDS
        ):
            render_draft_pdf.enqueue(pk, version)
        raise
    except DocumentRenderError as error:
        cache.set(failure_key, str(error), RENDER_FAILURE_SECONDS)
        raise
    return Export(filename=filename, content_type=exporter.content_type, content=content)


@task()
def render_draft_pdf(job_description_id: int, version: int, attempt: int = 1) -> str:
    """Render a draft's PDF ahead of its download."""
    try:
        return jobdescription_prerender(job_description_id=job_description_id, version=version)
    except DocumentRenderError as error:
        # The document itself cannot be rendered: trying again changes nothing. Its download
        # shows this message instead of rendering it again; a new version tries again.
        cache.set(
            render_failure_key(job_description_id, version), str(error), RENDER_FAILURE_SECONDS
        )
        raise
    except Exception:
        if not again_later(render_draft_pdf, attempt, job_description_id, version):
            message = "The PDF could not be prepared in the background."
            cache.set(
                render_trouble_key(job_description_id, version), message, RENDER_FAILURE_SECONDS
            )
        raise
