"""Background tasks. Each one is thin: it takes ids and values (never model instances, which go
stale in a queue), calls a service, and returns a short word for the task's result.

Services queue these tasks after their writes commit, so this module is imported wherever a
draft is saved. The services a task calls are imported when the task runs: the render service
brings WeasyPrint with it, which a web process that only saves a form need not load.

Neither django-tasks nor its database backend retries a failed task, so a task that fails for a
reason that may pass (a database or storage hiccup) queues itself again, a little later, with
its attempt number, up to ``TASKS_RETRY_DELAYS_SECONDS``; every failed attempt stays in the task
results (the admin lists them) with its traceback.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task
from django_tasks.signals import task_finished

logger = logging.getLogger(__name__)


def render_failure_key(job_description_id: int, version: int) -> str:
    """Where a render of a version that cannot be rendered leaves its message: the editor shows
    it, and downloads of that version show it instead of rendering it again."""
    return f"render-failed:{job_description_id}:{version}"


def render_trouble_key(job_description_id: int, version: int) -> str:
    """Where a background render that gave up for another reason (storage, database) leaves its
    message for the editor; a download renders that version itself."""
    return f"render-trouble:{job_description_id}:{version}"


@task()
def render_draft_pdf(job_description_id: int, version: int, attempt: int = 1) -> str:
    """Render a draft's PDF ahead of its download."""
    from roles.documents import DocumentRenderError
    from roles.services.documents import jobdescription_prerender

    try:
        return jobdescription_prerender(job_description_id=job_description_id, version=version)
    except DocumentRenderError as error:
        # The document itself cannot be rendered: trying again changes nothing. Its download
        # shows this message instead of rendering it again; a new version tries again.
        cache.set(render_failure_key(job_description_id, version), str(error), 60 * 60 * 24)
        raise
    except Exception:
        delays = settings.TASKS_RETRY_DELAYS_SECONDS
        if attempt <= len(delays):
            run_after = timezone.now() + timedelta(seconds=delays[attempt - 1])
            render_draft_pdf.using(run_after=run_after).enqueue(
                job_description_id, version, attempt=attempt + 1
            )
            logger.warning(
                "Rendering draft %s version %s failed (attempt %s); trying again at %s",
                job_description_id,
                version,
                attempt,
                run_after.isoformat(),
            )
        else:
            message = "The PDF could not be prepared in the background."
            cache.set(render_trouble_key(job_description_id, version), message, 60 * 60 * 24)
        raise


def _again_later(task, attempt: int, *args) -> bool:
    """Queue ``task`` again a little later with the next attempt number, if it has attempts
    left; False when it has none."""
    delays = settings.TASKS_RETRY_DELAYS_SECONDS
    if attempt > len(delays):
        return False
    run_after = timezone.now() + timedelta(seconds=delays[attempt - 1])
    task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1)
    logger.warning("%s%s failed (attempt %s); again at %s", task.name, args, attempt, run_after)
    return True


@task()
def render_bulk_export_item(item_id: int, attempt: int = 1) -> str:
    """Render one draft of a bulk export."""
    from roles.services.exports import bulkexport_finish_item, bulkexport_render_item

    try:
        return bulkexport_render_item(item_id=item_id)
    except Exception:
        if not _again_later(render_bulk_export_item, attempt, item_id):
            bulkexport_finish_item(item_id=item_id, error="It could not be prepared.")
        raise


@task()
def zip_bulk_export(bulk_export_id: int, attempt: int = 1) -> str:
    """Pack a bulk export's files into its ZIP."""
    from roles.services.exports import bulkexport_fail, bulkexport_zip

    try:
        return bulkexport_zip(bulk_export_id=bulk_export_id)
    except Exception:
        if not _again_later(zip_bulk_export, attempt, bulk_export_id):
            bulkexport_fail(bulk_export_id=bulk_export_id, message="The ZIP could not be made.")
        raise


@task()
def delete_bulk_export(bulk_export_id: int) -> str:
    """Delete a bulk export's ZIP when it expires (queued to run then)."""
    from roles.services.exports import bulkexport_delete

    return bulkexport_delete(bulk_export_id=bulk_export_id)


@task()
def send_review_email(audit_entry_id: int, attempt: int = 1) -> str:
    """E-mail the people a review step concerns."""
    from roles.services.notifications import review_notify

    try:
        return review_notify(audit_entry_id=audit_entry_id)
    except Exception:
        _again_later(send_review_email, attempt, audit_entry_id)
        raise


@task()
def send_comment_email(comment_id: int, mentioned_ids: list[int], attempt: int = 1) -> str:
    """E-mail the people a comment concerns (and those it mentions)."""
    from roles.services.notifications import comment_notify

    try:
        return comment_notify(comment_id=comment_id, mentioned_ids=mentioned_ids)
    except Exception:
        _again_later(send_comment_email, attempt, comment_id, mentioned_ids)
        raise


@receiver(task_finished)
def log_task_finished(sender, task_result, **kwargs) -> None:
    """One line a task: what ran, how it ended, how long it took (JSON in production)."""
    started, finished = task_result.started_at, task_result.finished_at
    duration_ms = (finished - started).total_seconds() * 1000 if started and finished else None
    logger.info(
        "Task %s %s %s",
        task_result.task.name,
        task_result.status,
        f"in {duration_ms:.0f} ms" if duration_ms is not None else "",
        extra={
            "task_id": task_result.id,
            "task": task_result.task.module_path,
            "status": str(task_result.status),
            "duration_ms": duration_ms,
            "attempt": task_result.kwargs.get("attempt", 1),
        },
    )
