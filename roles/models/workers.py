"""Task workers, as the web processes see them: each running worker says it is alive every few
seconds, so a web process knows whether anything will render documents in the background."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class WorkerHeartbeatQuerySet(models.QuerySet):
    def alive(self, now=None) -> "WorkerHeartbeatQuerySet":
        """Workers heard from within three heartbeats (one missed beat is not death)."""
        silence = timedelta(seconds=3 * settings.TASKS_WORKER_HEARTBEAT_SECONDS)
        return self.filter(last_seen__gte=(now or timezone.now()) - silence)


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    objects = WorkerHeartbeatQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.hostname} (pid {self.pid})"
