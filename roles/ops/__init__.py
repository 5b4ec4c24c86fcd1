"""Operations: the plumbing that keeps the app running, not HR logic. ``workers`` (the task
workers' heartbeats, and taking over a dead worker's tasks, which writes django-tasks-db's result
rows directly), ``queue`` (the task queue as the web sees it: is a worker alive, what waits, what
failed, why a draft's background render failed) and ``health`` (``/healthz`` and ``/readyz``).
Models stay where they are (``WorkerHeartbeat`` in ``roles/models/workers.py``, app label
``roles``): only code lives here.

This module is the room's narrow interface: the HR rooms (views, services, selectors, documents,
forms, admin, access) and the worker command import only the names below, never
``roles.ops.<module>``; ``roles.urls`` alone wires the health views (a ``protected`` contract in
``pyproject.toml``). The room sits under services, which ask it whether a worker runs, and over
models and documents; it imports no HR room above it (the layers contract).

The render process pool stays in ``roles/documents/`` (``render_process.py``, ``render_server.py``)
although it is plumbing too. It is the PDF renderer's own machinery, used by ``documents/pdf.py``
alone, which owns the fetcher, the fonts and the stylesheet the pool preloads; moving it would make
the documents room (data in, bytes out) depend on ops, and ops already reads documents (the
render-failure keys), so the two would import each other. The worker warms it through
``roles.documents.pdf.start_render_process``, the renderer's own entry point."""

from roles.ops.queue import background_render_failure, task_worker_running
from roles.ops.workers import (
    worker_heartbeat_beat,
    worker_heartbeat_end,
    worker_recover_abandoned_tasks,
)

__all__ = [
    "background_render_failure",
    "task_worker_running",
    "worker_heartbeat_beat",
    "worker_heartbeat_end",
    "worker_recover_abandoned_tasks",
]
