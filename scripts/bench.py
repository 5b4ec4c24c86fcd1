#!/usr/bin/env python
"""The deployment benchmark (`make bench`): gunicorn with the production settings on 127.0.0.1,
every figure measured in this one run, printed as a table and written to
test-artifacts/bench.json. Ratios are comparable across machines; milliseconds are not.

Phases: (1) uncached PDF exports (dummy cache) with 2 workers — latency, throughput at
concurrency 4, and plain WeasyPrint on the same HTML in this process; (2) one worker, no recycling,
its memory (with its render processes) after 20 and 500 renders; (3) the normal cache — cached
re-download, editor page at concurrency 10 against a trivial view, "My drafts" with 10,000 drafts
against 10.
"""

import argparse
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.harness import (  # noqa: E402
    ARTIFACTS,
    DEFAULT_DATABASE_URL,
    fresh_database,
    gunicorn,
    signed_in_session,
)

PASSWORD = "bench-password-1"


def timed(session, url: str) -> float:
    started = time.perf_counter()
    response = session.get(url, timeout=120)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, f"{url} -> {response.status_code}"
    return elapsed


def series(session, url: str, runs: int) -> list[float]:
    return [timed(session, url) for _ in range(runs)]


def concurrent(sessions, url: str, per_thread: int) -> tuple[list[float], float]:
    times: list[float] = []
    lock = threading.Lock()

    def work(session):
        for _ in range(per_thread):
            elapsed = timed(session, url)
            with lock:
                times.append(elapsed)

    threads = [threading.Thread(target=work, args=(s,)) for s in sessions]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, time.perf_counter() - started


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def worker_pid(master_pid: int) -> int:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def editor_and_trivial(sessions, editor_url: str, trivial_url: str, rounds: int = 5):
    """The editor page and the trivial view at concurrency 10, in alternating rounds so that
    machine noise hits both alike."""
    editor: list[float] = []
    trivial: list[float] = []
    concurrent(sessions, editor_url, 2)  # warm
    for _ in range(rounds):
        editor += concurrent(sessions, editor_url, 10)[0]
        trivial += concurrent(sessions, trivial_url, 10)[0]
    return editor, trivial


def setup_data() -> dict:
    """Users and drafts, written through Django in this process."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from roles.models import JobDescription, RoleTemplate
    from roles.services import jobdescription_create_from_template

    users = get_user_model().objects
    pdf_user = users.create_user("bench-pdf", password=PASSWORD)
    small = users.create_user("bench-small", password=PASSWORD)
    large = users.create_user("bench-large", password=PASSWORD)
    template = RoleTemplate.objects.get(slug="vp-of-operations")
    draft = jobdescription_create_from_template(template=template, owner=pdf_user)
    for owner, count in ((small, 10), (large, 10_000)):
        JobDescription.objects.bulk_create(
            (
                JobDescription(owner=owner, title=f"Draft {n}", level="vp", summary="Summary.")
                for n in range(count)
            ),
            batch_size=2000,
        )
    return {"draft": draft, "small": small, "large": large}


def plain_weasyprint_median(draft, runs: int) -> float:
    from roles.document import render_html
    from roles.management.commands.bench_pdf import median_ms, plain_weasyprint_pdf

    html = render_html(draft)
    plain_weasyprint_pdf(html)  # warm up
    return median_ms(lambda: plain_weasyprint_pdf(html), runs)


def queries_per_page(user) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    client.get("/drafts/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/drafts/").status_code == 200
    return len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    started = time.monotonic()
    rows: list[tuple[str, str, str]] = []

    with fresh_database(args.database_url) as env:
        os.environ.update({k: v for k, v in env.items() if k.startswith(("DJANGO_", "DATABASE_"))})
        os.environ["DJANGO_SETTINGS_MODULE"] = "jdbuilder.settings"
        data = setup_data()
        from roles.management.commands.bench_pdf import memory_mb, peak_memory_mb

        pdf_url = f"/drafts/{data['draft'].pk}/pdf/"

        # 1. Uncached exports, 2 workers.
        uncached = {"CACHE_URL": "dummy://", "WEB_CONCURRENCY": "2"}
        with gunicorn(env, "bench-uncached.log", **uncached) as (base, _):
            session = signed_in_session(base, "bench-pdf", PASSWORD)
            series(session, base + pdf_url, 4)  # warm both workers
            pdf_times = series(session, base + pdf_url, args.runs)
            sessions = [signed_in_session(base, "bench-pdf", PASSWORD) for _ in range(4)]
            burst, wall = concurrent(sessions, base + pdf_url, 10)
            # Nothing is cached here, so the editor renders its fields on every request, as on
            # the first opening after each save.
            editor_url = base + data["draft"].get_absolute_url()
            sessions = [signed_in_session(base, "bench-pdf", PASSWORD) for _ in range(10)]
            concurrent(sessions, editor_url, 2)  # warm
            fresh_editor, _ = concurrent(sessions, editor_url, 20)
        plain_ms = plain_weasyprint_median(data["draft"], args.runs)
        pdf_median = statistics.median(pdf_times)
        per_second = len(burst) / wall
        ceiling = cores / (plain_ms / 1000)
        rows += [
            (
                "PDF export over HTTP, median / p95",
                f"{pdf_median:.0f} / {p95(pdf_times):.0f} ms",
                "absolute",
            ),
            ("plain WeasyPrint, same HTML, median", f"{plain_ms:.0f} ms", "absolute"),
            ("export / plain WeasyPrint (target ≤ 1.2)", f"{pdf_median / plain_ms:.2f}", "ratio"),
            ("exports per second, 2 workers, concurrency 4", f"{per_second:.1f}", "absolute"),
            (
                f"… / ceiling of {cores} cores ÷ plain render (target ≥ 0.8)",
                f"{per_second / ceiling:.2f}",
                "ratio",
            ),
        ]

        # 2. Worker memory: one worker, never recycled.
        memory = {"CACHE_URL": "dummy://", "WEB_CONCURRENCY": "1", "GUNICORN_MAX_REQUESTS": "0"}
        with gunicorn(env, "bench-memory.log", **memory) as (base, server):
            session = signed_in_session(base, "bench-pdf", PASSWORD)
            worker = worker_pid(server.pid)
            series(session, base + pdf_url, 20)
            memory_20 = memory_mb(worker)
            series(session, base + pdf_url, 430)
            memory_500 = peak_memory_mb(worker, lambda: timed(session, base + pdf_url), 50)
        rows += [
            (
                "worker memory (PSS, with render processes) after 20 / 500 renders",
                f"{memory_20:.0f} / {memory_500:.0f} MB",
                "absolute",
            ),
            (
                "worker memory growth (target ≤ 15%)",
                f"{(memory_500 / memory_20 - 1) * 100:.0f}%",
                "ratio",
            ),
        ]

        # 3. The normal cache. Workers are not recycled here: a restart in the middle of one
        # measurement would charge it a worker's start-up and an empty cache.
        cached_env = {"WEB_CONCURRENCY": "2", "GUNICORN_MAX_REQUESTS": "0"}
        with gunicorn(env, "bench-cached.log", **cached_env) as (base, _):
            session = signed_in_session(base, "bench-pdf", PASSWORD)
            timed(session, base + pdf_url)
            cached = series(session, base + pdf_url, args.runs * 2)
            editor_url = base + data["draft"].get_absolute_url()
            sessions = [signed_in_session(base, "bench-pdf", PASSWORD) for _ in range(10)]
            editor, trivial = editor_and_trivial(sessions, editor_url, base + "/healthz")
            small = signed_in_session(base, "bench-small", PASSWORD)
            large = signed_in_session(base, "bench-large", PASSWORD)
            series(small, base + "/drafts/", 3)
            series(large, base + "/drafts/", 3)
            list_small, list_large = [], []
            for _ in range(args.runs * 4):  # alternately, so machine noise hits both alike
                list_small.append(timed(small, base + "/drafts/"))
                list_large.append(timed(large, base + "/drafts/"))
        editor_median = statistics.median(editor)
        trivial_median = statistics.median(trivial)
        small_queries = queries_per_page(data["small"])
        large_queries = queries_per_page(data["large"])
        rows += [
            (
                "cached re-download, median (target ≤ 10 ms)",
                f"{statistics.median(cached):.1f} ms",
                "absolute",
            ),
            (
                "editor page at concurrency 10, median / p95",
                f"{editor_median:.0f} / {p95(editor):.0f} ms",
                "absolute",
            ),
            (
                "trivial view (/healthz) at concurrency 10, median",
                f"{trivial_median:.0f} ms",
                "absolute",
            ),
            (
                "editor / trivial view (target ≤ 3)",
                f"{editor_median / trivial_median:.2f}",
                "ratio",
            ),
            (
                "editor with its fields rendered (as after a save), median / p95",
                f"{statistics.median(fresh_editor):.0f} / {p95(fresh_editor):.0f} ms",
                "absolute",
            ),
            (
                "My drafts with 10,000 / with 10 drafts (target ≤ 1.5)",
                f"{statistics.median(list_large) / statistics.median(list_small):.2f}",
                "ratio",
            ),
            (
                "SQL queries per My drafts page, 10,000 / 10",
                f"{large_queries} / {small_queries}",
                "count",
            ),
        ]

    elapsed = time.monotonic() - started
    width = max(len(name) for name, _, _ in rows)
    print(f"{'figure':<{width}}  {'value':>18}  kind")
    for name, value, kind in rows:
        print(f"{name:<{width}}  {value:>18}  {kind}")
    print(f"benchmark took {elapsed:.0f} s on {cores} cores, {time.strftime('%Y-%m-%d')}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bench.json").write_text(
        json.dumps(
            {
                "date": time.strftime("%Y-%m-%d"),
                "cores": cores,
                "seconds": round(elapsed),
                "figures": [{"figure": n, "value": v, "kind": k} for n, v, k in rows],
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
