"""Phase 6 of `make bench` (scripts/bench.py, which calls ``background_tasks``): the background
tasks, each figure against a peer measured in the same run.

(a) The editor's save with the queue against the same save without it. The product has no switch
    that stops a save from queueing its render, so the peer is a second gunicorn on the same
    database, cache and settings whose task backend is django-tasks' DummyBackend
    (``without_queue`` below, a benchmark-only WSGI entry point like scripts/bench_urls.py): every
    save still calls ``enqueue``, which keeps the task in a list in memory and stores nothing. The
    two are alternated round by round, once with no task worker running (the target: what storing
    the task costs a save) and once with a task worker per core rendering what the saves queue
    (no target: what the renders a save starts cost the saves that follow it on the same cores).
(b) The download 3 s after a save's response, with a task worker per core, against the download
    of the same document at the same version from the same server with nothing cached (the cache
    folder emptied just before): the web process then renders it itself, as every download did
    before the queue. Alternated within each round. The median and the p95 of the download 3 s
    later are each divided by the median of the peer. The download straight after a save is shown
    too, without a target (the worker has not had time; it looks for work every second).
(c) The render throughput of a task worker per core on 100 renders, from the first task's start
    to the last one's finish as the task rows record them, against the ceiling of cores ÷ the
    median plain WeasyPrint render of the same document measured in phase 1.
(d) One task worker's memory (PSS, with its render processes) after 500 renders against after 20.
(e) A bulk export of 50 PDFs, nothing rendered beforehand, from the request to the ZIP being
    ready, against 50 × the median plain render (phase 1) ÷ a task worker per core.
(f) A fresh start: a new web server and task worker, /readyz answering 200, one save, and the PDF
    asked for at once: the median of five starts against a warm download with nothing cached.

In (c), (d) and (e) the workers cache nothing (CACHE_URL=dummy://, as in phases 1 and 2), so every
task queued for the draft's current version is a real render of the same document as the peer;
and they look for work every 0.1 s (not 1 s), so that a worker is never idle while a task waits
(a busy worker takes the next task without waiting anyway).

The measuring helpers come from scripts/bench_measure.py, as bench.py's do: bench.py imports this
module, and this one imports nothing of bench.py.
"""

import json
import os
import tempfile
import time
from pathlib import Path
from statistics import median

from scripts.bench_measure import (
    NO_CACHE,
    PASSWORD,
    TWO_WORKERS,
    FormSaver,
    alternating,
    p95,
    ratio,
    ratio_row,
    row,
    timed,
    times_row,
)
from scripts.harness import ARTIFACTS, gunicorn, signed_in_session, task_workers

#: Save → wait → download rounds; each takes the wait and about half a second more. 30, so that
#: the p95 (the 29th) is not decided by the one slow request in 20 that this machine has.
DOWNLOAD_ROUNDS = 30
WAIT_AFTER_SAVE = 3  # seconds, from the save's response
THROUGHPUT_RENDERS = 100
MEMORY_RENDERS = (20, 500)
FRESH_STARTS = 5
BULK_EXPORT_DRAFTS = 50
#: The throughput and memory workers' polling interval (s) when the queue is empty.
BENCH_INTERVAL = "0.1"


def without_queue():
    """gunicorn's ``scripts.bench_tasks:without_queue()``: the product's WSGI application with
    django-tasks' DummyBackend as the default task backend (the peer of (a): saves queue into a
    list in memory, nothing is stored, nothing runs). Set before Django sets up, which is when
    the task is declared and checked against its backend."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jdbuilder.settings")
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from jdbuilder.wsgi import application

    return application


def background_tasks(env: dict, args, data: dict, plain_ms: float, cores: int) -> list[tuple]:
    """Phase 6. ``data["pdf draft"]`` is the document of phases 1 and 2; ``plain_ms`` the median
    plain WeasyPrint render of it."""
    drafts = _drafts()
    rows, uncached = _saves_and_downloads(env, args, drafts, cores)
    return [
        *rows,
        *_fresh_starts(env, drafts["fresh start"], uncached),
        *_throughput(env, data["pdf draft"], plain_ms, cores),
        *_bulk_export(env, data["pdf draft"], plain_ms, cores),
        *_worker_memory(env, data["pdf draft"]),
    ]


def _drafts() -> dict:
    """A user with three drafts of the VP template, one for each use below."""
    from django.contrib.auth import get_user_model

    from roles.models import RoleTemplate
    from roles.services.drafts import jobdescription_create_from_template

    user = get_user_model().objects.create_user("bench-tasks", password=PASSWORD)
    template = RoleTemplate.objects.get(slug="vp-of-operations")
    return {
        name: jobdescription_create_from_template(template=template, owner=user)
        for name in ("queue", "no queue", "download", "fresh start")
    }


def _saves_and_downloads(
    env: dict, args, drafts: dict, cores: int
) -> tuple[list[tuple], list[float]]:
    """(a) and (b): both servers and the task workers share a fresh cache folder, as the web
    processes and the workers of one machine do without Redis. Returns the rows and the
    downloads with nothing cached (the peer of (f))."""
    from django.utils import timezone

    def saver(base: str, draft) -> FormSaver:
        session = signed_in_session(base, "bench-tasks", PASSWORD)
        path = draft.get_absolute_url()
        return FormSaver(session, base + path, "editor-form", path)

    queued_before = {name: _tasks_of(draft) for name, draft in drafts.items()}
    with tempfile.TemporaryDirectory(prefix="jdbuilder-bench-cache-") as folder:
        cache = {"REDIS_URL": "", "CACHE_URL": "", "DJANGO_CACHE_DIR": folder}
        web = {**cache, **TWO_WORKERS}
        with (
            gunicorn(env, "bench-tasks.log", **web) as (base, _),
            gunicorn(
                env, "bench-tasks-no-queue.log", "scripts.bench_tasks:without_queue()", **web
            ) as (no_queue_base, _),
        ):
            saves = {
                "queue": saver(base, drafts["queue"]),
                "no queue": saver(no_queue_base, drafts["no queue"]),
            }
            for save in [*saves.values()] * 2:  # warm
                save()
            idle = alternating(saves, args.rounds, args.per_round)
            with task_workers(env, cores, "bench-tasks-worker", **cache):
                _drain()
                busy_since = timezone.now()
                busy = alternating(saves, args.rounds, args.per_round)
                _drain()
                rendered = _tasks_of(drafts["queue"], busy_since, "rendered")
                downloads = _download_rounds(base, drafts["download"], Path(folder))
    # Every save on the product's server queued its render, none on the peer's.
    queued = {name: _tasks_of(draft) - queued_before[name] for name, draft in drafts.items()}
    expected = {"queue": 2 + len(idle["queue"]) + len(busy["queue"]), "no queue": 0}
    expected["download"] = 2 * DOWNLOAD_ROUNDS
    expected["fresh start"] = 0  # (f) saves it later
    assert queued == expected, f"tasks queued {queued}, expected {expected}"

    uncached = median(downloads["uncached"])
    label = f"{WAIT_AFTER_SAVE} s after a save"
    busy_ratio = ratio(busy, "queue", "no queue")
    rows = [
        times_row(f"download {label}, {cores} task workers", downloads["later"]),
        times_row("download straight after a save (0 s)", downloads["0 s"]),
        times_row("download of the same document, nothing cached", downloads["uncached"]),
        ratio_row(
            f"download {label} ÷ nothing cached, median", median(downloads["later"]) / uncached, 0.1
        ),
        ratio_row(
            f"… p95 {label} ÷ median nothing cached", p95(downloads["later"]) / uncached, 0.1
        ),
        times_row("draft save with the queue, no worker running", idle["queue"]),
        times_row("same save, tasks not stored (DummyBackend)", idle["no queue"]),
        ratio_row("draft save with the queue ÷ without it", ratio(idle, "queue", "no queue"), 1.1),
        row(
            f"… with {cores} task workers running ({rendered} of its {len(busy['queue'])} saves"
            " rendered, the rest superseded first)",
            f"{busy_ratio:.2f}",
            "ratio",
        ),
    ]
    return rows, downloads["uncached"]


def _fresh_starts(env: dict, draft, uncached: list[float]) -> list[tuple]:
    """(f) A new web server and task worker (a deploy, or `make run` started), ready by its
    /readyz, one save, and the PDF asked for as soon as the save has answered, five times, each
    with an empty cache; against the median download of the same document with nothing cached
    from (b), where the web processes had long started their render processes."""
    from django.urls import reverse

    url = reverse("roles:download", args=[draft.pk, "pdf"])
    path = draft.get_absolute_url()
    times: list[float] = []
    for start in range(1, FRESH_STARTS + 1):
        with tempfile.TemporaryDirectory(prefix="jdbuilder-bench-fresh-") as folder:
            cache = {"REDIS_URL": "", "CACHE_URL": "", "DJANGO_CACHE_DIR": folder}
            with (
                task_workers(env, 1, f"bench-fresh-worker-{start}", **cache),
                gunicorn(env, f"bench-fresh-{start}.log", **cache, **TWO_WORKERS) as (base, _),
            ):
                _wait_until_ready(base)
                session = signed_in_session(base, "bench-tasks", PASSWORD)
                save = FormSaver(session, base + path, "editor-form", path)
                save(
                    after=lambda base=base, session=session: times.append(
                        timed(session, base + url)
                    )
                )
    return [
        times_row("fresh start: the PDF asked for at once after the first save", times),
        ratio_row(
            "… median ÷ a warm download with nothing cached", median(times) / median(uncached), 1.5
        ),
    ]


def _wait_until_ready(base: str, timeout: float = 120) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while requests.get(f"{base}/readyz", timeout=30).status_code != 200:
        if time.monotonic() > deadline:
            raise SystemExit(f"{base}/readyz did not answer 200 within {timeout:.0f} s")
        time.sleep(0.2)


def _download_rounds(base: str, draft, cache_folder: Path) -> dict[str, list[float]]:
    """(b): each round saves the draft, waits, downloads its PDF ("later"), empties the cache
    and downloads it again ("uncached", the peer: the web process renders it), then saves again
    and downloads at once ("0 s")."""
    from django.urls import reverse

    session = signed_in_session(base, "bench-tasks", PASSWORD)
    url = base + reverse("roles:download", args=[draft.pk, "pdf"])
    path = draft.get_absolute_url()
    save = FormSaver(session, base + path, "editor-form", path)
    times: dict[str, list[float]] = {"later": [], "uncached": [], "0 s": []}

    def empty_cache() -> None:
        for entry in cache_folder.iterdir():
            entry.unlink(missing_ok=True)

    def later() -> None:
        time.sleep(WAIT_AFTER_SAVE)
        times["later"].append(timed(session, url))
        empty_cache()
        times["uncached"].append(timed(session, url))

    for _ in range(4):  # both web workers start their render processes
        empty_cache()
        timed(session, url)
    for _ in range(DOWNLOAD_ROUNDS):
        save(after=later)
        save(after=lambda: times["0 s"].append(timed(session, url)))
    # Every sample, in order, for looking into a p95 that a single slow round decides.
    (ARTIFACTS / "bench-tasks-downloads.json").write_text(json.dumps(times, indent=1))
    return times


def _throughput(env: dict, draft, plain_ms: float, cores: int) -> list[tuple]:
    """(c): a worker per core, each warm (its render process started), then 100 renders queued
    at once."""

    draft.refresh_from_db()
    with task_workers(
        env, cores, "bench-tasks-throughput", "--interval", BENCH_INTERVAL, **NO_CACHE
    ) as workers:
        _drain()
        waiting = {worker.worker_id for worker in workers}
        for _ in range(10):
            for result in _wait_for(_enqueue(draft, 2 * cores)):
                waiting -= set(result.worker_ids)
            if not waiting:
                break
        else:
            raise SystemExit(f"task workers {waiting} rendered nothing")
        results = _wait_for(_enqueue(draft, THROUGHPUT_RENDERS))
    first = min(result.started_at for result in results)
    last = max(result.finished_at for result in results)
    per_second = THROUGHPUT_RENDERS / (last - first).total_seconds()
    ceiling = cores / (plain_ms / 1000)
    return [
        row(
            f"renders per second, {THROUGHPUT_RENDERS} tasks, {cores} task workers",
            f"{per_second:.1f}",
        ),
        ratio_row(f"… ÷ ceiling of {cores} cores ÷ plain render", per_second / ceiling, 0.8, True),
    ]


def _bulk_export(env: dict, pdf_draft, plain_ms: float, cores: int) -> list[tuple]:
    """(e): a bulk export of 50 PDFs with nothing rendered beforehand (the workers cache
    nothing), from the request to the ZIP being ready, against 50 plain renders shared by a
    worker per core: 50 × the median plain render ÷ workers."""
    from django.contrib.auth import get_user_model

    from roles.models import BulkExport, BulkExportStatus, RoleTemplate
    from roles.services.drafts import jobdescription_create_from_template
    from roles.services.exports import bulkexport_create, bulkexport_delete

    user = get_user_model().objects.get(username="bench-tasks")
    template = RoleTemplate.objects.get(slug="vp-of-operations")
    ids = [
        jobdescription_create_from_template(template=template, owner=user).pk
        for _ in range(BULK_EXPORT_DRAFTS)
    ]
    pdf_draft.refresh_from_db()
    with (
        tempfile.TemporaryDirectory() as media,
        task_workers(
            env,
            cores,
            "bench-tasks-bulk",
            "--interval",
            BENCH_INTERVAL,
            DJANGO_MEDIA_ROOT=media,
            **NO_CACHE,
        ),
    ):
        _drain()  # the renders the 50 new drafts queued, and every worker warm
        _wait_for(_enqueue(pdf_draft, 2 * cores))
        started = time.perf_counter()
        bulk_export = bulkexport_create(user=user, job_description_ids=ids, format_name="pdf")
        deadline = time.monotonic() + 300
        while (status := BulkExport.objects.get(pk=bulk_export.pk).status) not in (
            BulkExportStatus.READY,
            BulkExportStatus.FAILED,
        ):
            if time.monotonic() > deadline:
                raise SystemExit("the bulk export did not finish in 300 s")
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        assert status == BulkExportStatus.READY, BulkExport.objects.get(pk=bulk_export.pk).error
        bulk_export.refresh_from_db()
        size = bulk_export.size
        bulk_export.expires_at = bulk_export.created_at
        bulk_export.save(update_fields=["expires_at"])
        bulkexport_delete(bulk_export_id=bulk_export.pk)
    ideal = BULK_EXPORT_DRAFTS * plain_ms / 1000 / cores
    return [
        row(
            f"bulk export of {BULK_EXPORT_DRAFTS} PDFs to a ready ZIP, {cores} task workers",
            f"{seconds:.1f} s ({size // 1024} KB)",
        ),
        ratio_row(
            f"… ÷ ({BULK_EXPORT_DRAFTS} × median plain render ÷ {cores} workers)",
            seconds / ideal,
            1.3,
        ),
    ]


def _worker_memory(env: dict, draft) -> list[tuple]:
    """(d): one worker, the queue empty when it starts, so that its renders are the ones counted
    here."""
    from roles.management.commands.bench_pdf import memory_mb, peak_memory_mb

    first, total = MEMORY_RENDERS
    draft.refresh_from_db()
    assert not _pending(), "the queue is not empty"
    with task_workers(env, 1, "bench-tasks-memory", "--interval", BENCH_INTERVAL, **NO_CACHE) as (
        worker,
    ):
        pid = worker.process.pid
        _wait_for(_enqueue(draft, first))
        memory_first = memory_mb(pid)
        _wait_for(_enqueue(draft, total - first - 50))
        # As phase 2: the most after any of the last 50 (render processes are replaced every 50).
        memory_total = peak_memory_mb(pid, lambda: _wait_for(_enqueue(draft, 1)), 50)
    return [
        row(
            f"task worker memory (PSS, with render processes) after {first} / {total} renders",
            f"{memory_first:.0f} / {memory_total:.0f} MB",
        ),
        ratio_row(
            "task worker memory growth", (memory_total / memory_first - 1) * 100, 15, unit="%"
        ),
    ]


def _tasks_of(draft, since=None, outcome=None) -> int:
    """How many renders of ``draft`` were queued (since ``since``; that ended in ``outcome``)."""
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.filter(args_kwargs__args__0=draft.pk)
    if since:
        tasks = tasks.filter(enqueued_at__gte=since)
    if outcome:
        tasks = tasks.filter(return_value=outcome)
    return tasks.count()


def _pending() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists()


def _drain(timeout: float = 300) -> None:
    """Wait until the workers have run every task waiting (those the earlier phases' saves
    queued) before measuring."""
    deadline = time.monotonic() + timeout
    while _pending():
        if time.monotonic() > deadline:
            raise SystemExit(f"the task queue was not empty after {timeout:.0f} s")
        time.sleep(0.2)


def _enqueue(draft, count: int) -> list[str]:
    """Queue ``count`` renders of ``draft``'s current version at once (one transaction), as
    its saves do."""
    from django.db import transaction

    from roles.services.documents import render_draft_pdf

    with transaction.atomic():
        return [render_draft_pdf.enqueue(draft.pk, draft.version).id for _ in range(count)]


def _wait_for(ids: list[str]) -> list:
    """The rows of the tasks ``ids`` once all have finished; each must have rendered."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + 30 + 2 * len(ids)
    tasks = DBTaskResult.objects.filter(id__in=ids)
    while tasks.finished().count() < len(ids):
        if time.monotonic() > deadline:
            raise SystemExit(f"{len(ids)} renders did not finish in time")
        time.sleep(0.01 if len(ids) == 1 else 0.2)
    results = list(tasks)
    failed = [r for r in results if r.status != "SUCCESSFUL" or r.return_value != "rendered"]
    assert not failed, (
        f"{len(failed)} tasks did not render: {failed[0].status} {failed[0].traceback}"
    )
    return results
