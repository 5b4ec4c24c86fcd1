"""Reads of the task queue as the web sees it: is a worker alive (documents are then rendered
ahead of time), what waits, what failed (``/readyz``), and why a draft's background render
failed (the editor). Operations, not a page family's reads: it reads the task backend, not the
app's own tables. The HR rooms reach the first and the last through ``roles.ops``.

Redis and RQ are imported inside the functions that read RQ's queue, and only when
``TASKS_BACKEND`` is ``rq``: a web process on the database backend never loads them."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, F, Min, When
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from roles.documents.render_failures import render_failure_key, render_trouble_key
from roles.models import JobDescription, WorkerHeartbeat


def task_worker_running() -> bool:
    """Whether a background task worker has been heard from lately (documents are then rendered
    ahead of time; otherwise when someone asks for them)."""
    if settings.TASKS_BACKEND == "rq":
        return _rq_worker_running()
    return WorkerHeartbeat.objects.alive().exists()


def background_render_failure(job_description: JobDescription) -> str:
    """Why rendering the PDF of the draft's current version failed ("" if it did not), and what
    to do: a version that cannot be rendered is not tried again (a new version is); a
    background render that gave up for another reason is tried again by the download."""
    pk, version = job_description.pk, job_description.version
    if failure := cache.get(render_failure_key(pk, version)):
        return f"{failure} Save a changed version to try again."
    if trouble := cache.get(render_trouble_key(pk, version)):
        return f"{trouble} Downloading it tries again."
    return ""


def task_queue_status(now=None) -> dict:
    """The task queue at a glance: tasks waiting to run, how long the oldest has waited, tasks
    that failed in the last hour, and workers alive."""
    now = now or timezone.now()
    if settings.TASKS_BACKEND == "rq":
        return _rq_queue_status(now)
    # A deferred task waits from its run_after, any other from when it was queued.
    waiting = DBTaskResult.objects.ready().aggregate(
        count=Count("pk"),
        since=Min(
            Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
        ),
    )
    failed = DBTaskResult.objects.failed().filter(finished_at__gte=now - timedelta(hours=1))
    return {
        "waiting": waiting["count"],
        "oldest_wait_seconds": _seconds_since(waiting["since"], now),
        "failed_last_hour": failed.count(),
        "workers": WorkerHeartbeat.objects.alive(now).count(),
    }


def _seconds_since(moment, now) -> int:
    return round((now - moment).total_seconds()) if moment else 0


def _rq_worker_running() -> bool:
    import django_rq
    from redis.exceptions import RedisError
    from rq import Worker

    try:
        return Worker.count(queue=django_rq.get_queue("default")) > 0
    except RedisError:  # Redis down: nothing will render ahead of time
        return False


def _rq_queue_status(now) -> dict:
    import django_rq
    from rq import Worker
    from rq.defaults import DEFAULT_FAILURE_TTL
    from rq.registry import FailedJobRegistry

    queue = django_rq.get_queue("default")
    oldest = queue.get_job_ids(0, 0)
    job = queue.fetch_job(oldest[0]) if oldest else None
    failed = FailedJobRegistry(queue=queue)
    # RQ scores a failed job by when it expires: failed at + the failure TTL (a year by default).
    recent = now.timestamp() + DEFAULT_FAILURE_TTL - 3600
    return {
        "waiting": queue.count,
        "oldest_wait_seconds": _seconds_since(job.enqueued_at if job else None, now),
        "failed_last_hour": failed.connection.zcount(failed.key, recent, "+inf"),
        "workers": Worker.count(queue=queue),
    }
