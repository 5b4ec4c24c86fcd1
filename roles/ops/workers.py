"""Task workers' heartbeats: a running worker says it is alive every few seconds, takes its row
away when it stops, and takes over the tasks of a worker that died without a word. The worker
command (``run_worker``) calls these through ``roles.ops``."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus

# The database queue's own model: this module is the one place outside the queue that writes it.
from django_tasks_db.models import DBTaskResult

from roles.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def worker_heartbeat_beat(*, worker_id: str, hostname: str, pid: int, started_at) -> None:
    """Record that the worker ``worker_id`` is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": timezone.now()},
        create_defaults={
            "hostname": hostname,
            "pid": pid,
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


def worker_heartbeat_end(*, worker_id: str) -> None:
    """The worker ``worker_id`` has stopped."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


class WorkerDied(Exception):
    """The worker running a task stopped without finishing it (killed, or its machine went)."""


def worker_recover_abandoned_tasks(*, max_attempts: int) -> list[str]:
    """Tasks left RUNNING by a worker that is gone: queue each again for a live worker, or mark
    it failed once it has been tried ``max_attempts`` times. django-tasks-db leaves such a task
    RUNNING forever; a live worker calls this with every heartbeat. Returns what it did."""
    now = timezone.now()
    alive = set(WorkerHeartbeat.objects.alive(now).values_list("worker_id", flat=True))
    silence = timedelta(seconds=3 * settings.TASKS_WORKER_HEARTBEAT_SECONDS)
    done = []
    with transaction.atomic():
        abandoned = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=now - silence)
            .select_for_update(skip_locked=True)
        )
        for result in abandoned:
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if len(result.worker_ids) < max_attempts:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                done.append(f"requeued {result.id}")
            else:
                result.set_failed(WorkerDied(f"Its worker stopped {len(result.worker_ids)} times."))
                done.append(f"failed {result.id}")
            logger.warning("Task %s was abandoned by its worker: %s", result.id, done[-1])
        WorkerHeartbeat.objects.filter(last_seen__lt=now - silence).delete()
    return done
