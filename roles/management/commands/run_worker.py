"""The background task worker for the database queue: django-tasks-db's ``db_worker``, plus a
heartbeat, so that web processes know whether anything will render documents ahead of time and
live workers take over the tasks of a worker that died mid-task."""

import logging
import os
import socket
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from roles.ops import (
    worker_heartbeat_beat,
    worker_heartbeat_end,
    worker_recover_abandoned_tasks,
)

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run a background task worker on the database queue (Ctrl+C stops it)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=settings.TASKS_WORKER_INTERVAL_SECONDS,
            help="Seconds an idle worker waits before looking for tasks again.",
        )

    def handle(self, *args, interval: float, verbosity: int, **options) -> None:
        hostname = socket.gethostname()
        worker_id = f"{hostname[:40]}-{os.getpid()}-{get_random_string(8)}"
        stopped = threading.Event()
        heartbeat = threading.Thread(
            target=self._beat,
            args=(worker_id, hostname, stopped),
            name="worker-heartbeat",
            daemon=True,
        )
        heartbeat.start()
        # Beside the queue, not before it: tasks that render nothing need not wait for it.
        threading.Thread(target=self._warm, name="render-warm-up", daemon=True).start()
        self.stdout.write(f"Task worker {worker_id} is running (Ctrl+C stops it).")
        try:
            # db_worker stops on SIGINT/SIGTERM (after the task it is running) by raising
            # SystemExit, which passes through here.
            call_command(
                "db_worker",
                interval=interval,
                worker_id=worker_id,
                reload=False,
                startup_delay=False,
                verbosity=verbosity,
            )
        finally:
            # The heartbeat thread removes its own row as it ends, so no beat can land after
            # the removal (a removal from this thread could race one still being written).
            stopped.set()
            heartbeat.join(timeout=10)
            if heartbeat.is_alive():
                logger.warning("Worker %s: its heartbeat did not stop in time", worker_id)
            self.stdout.write(f"Task worker {worker_id} has stopped.")

    @staticmethod
    def _warm() -> None:
        """The first PDF after the worker starts renders as fast as the next ones."""
        from roles.documents.pdf import start_render_process  # WeasyPrint: only where it renders

        try:
            start_render_process()
        except Exception:  # the first render starts it then, slower; the worker works without
            logger.exception("The render process could not be started ahead of the first render")

    @staticmethod
    def _beat(worker_id: str, hostname: str, stopped: threading.Event) -> None:
        started_at = timezone.now()
        try:
            while not stopped.is_set():
                try:
                    close_old_connections()
                    worker_heartbeat_beat(
                        worker_id=worker_id,
                        hostname=hostname,
                        pid=os.getpid(),
                        started_at=started_at,
                    )
                    # Tasks a dead worker left RUNNING: queue them again, or fail them.
                    worker_recover_abandoned_tasks(
                        max_attempts=1 + len(settings.TASKS_RETRY_DELAYS_SECONDS)
                    )
                except Exception:  # a database hiccup must not end the heartbeat for good
                    logger.exception("Worker %s could not record its heartbeat", worker_id)
                stopped.wait(settings.TASKS_WORKER_HEARTBEAT_SECONDS)
        finally:
            try:
                worker_heartbeat_end(worker_id=worker_id)
            finally:
                connection.close()
