"""What every background task shares: trying again a little later, and one log line a finished
task. The tasks themselves sit beside the service each one runs (``render_draft_pdf`` in
``documents``, the bulk-export tasks in ``exports``, the e-mail in ``notifications``), as pretix
keeps its Celery tasks in its services: the service that queues a task and the task that calls
the service are one module, so neither imports the other.

A task is thin: it takes ids and values (never model instances, which go stale in a queue),
calls its service, and returns a short word for the task's result. Neither django-tasks nor its
database backend retries a failed task, so a task that fails for a reason that may pass (a
database or storage hiccup) queues itself again with ``again_later``, up to
``TASKS_RETRY_DELAYS_SECONDS``; every failed attempt stays in the task results (the admin lists
them) with its traceback.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend

logger = logging.getLogger(__name__)


def again_later(task: Task, attempt: int, *args) -> bool:
    """Queue ``task`` again a little later with the next attempt number, if it has attempts
    left; False when it has none."""
    delays = settings.TASKS_RETRY_DELAYS_SECONDS
    if attempt > len(delays):
        return False
    run_after = timezone.now() + timedelta(seconds=delays[attempt - 1])
    task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1)
    logger.warning("%s%s failed (attempt %s); again at %s", task.name, args, attempt, run_after)
    return True


def enqueue_with_write(task: Task, *args) -> None:
    """Queue ``task`` as part of the write in progress: a write that rolls back queues nothing,
    and a queue that cannot be reached costs the task, never the write (it is logged).

    On the database backend, inside a transaction, the task's row is written in that
    transaction (in a savepoint), so it commits with the write: one commit a save instead of
    two (on PostgreSQL each commit waits for the disk), and a process that stops between the
    commit and the queueing cannot lose the task. Any other backend lives outside the
    database (RQ's Redis; the immediate backend runs the task at once), so the task is queued
    once the write commits."""
    in_the_database = isinstance(task.get_backend(), DatabaseBackend)
    if in_the_database and transaction.get_connection().in_atomic_block:
        try:
            with transaction.atomic():
                task.enqueue(*args)
        except DatabaseError:
            logger.exception("Could not queue %s%s; the write was kept without it", task.name, args)
        return
    transaction.on_commit(partial(task.enqueue, *args), robust=True)


def log_task_finished(sender, task_result, **kwargs) -> None:
    """One line a task: what ran, how it ended, how long it took (JSON in production).
    ``RolesConfig.ready`` connects it to django-tasks' ``task_finished``."""
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
