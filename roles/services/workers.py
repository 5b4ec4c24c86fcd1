"""Task workers' heartbeats: a running worker says it is alive every few seconds, and takes its
row away when it stops."""

from django.utils import timezone

from roles.models import WorkerHeartbeat


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
