#!/usr/bin/env python
"""Bounded load test: simulated HR users sign in, edit, preview and export PDFs against gunicorn
with PostgreSQL, all on 127.0.0.1. Afterwards every user's last saved edit is checked in the
database. Run it with `make loadtest`; it is not part of `make test`.

It creates a fresh database (dropped at the end), collects static files, starts gunicorn on a
free local port, runs for a fixed time, and exits non-zero on any failed request or lost edit.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.harness import fresh_database, gunicorn, manage  # noqa: E402
from tests.helpers.pages import form_values  # noqa: E402

PASSWORD = "load-test-" + secrets.token_urlsafe(8)


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.failures: list[str] = []
        self.last_saved: dict[str, tuple[str, str]] = {}

    def record(self, kind: str, ms: float, failure: str | None) -> None:
        with self.lock:
            self.times[kind].append(ms)
            if failure:
                self.failures.append(f"{kind}: {failure}")


def hr_user(number: int, base: str, deadline: float, results: Results) -> None:
    session = requests.Session()
    username = f"load{number:02d}"

    def call(kind, method, path, expect=(200,), **kwargs):
        started = time.perf_counter()
        try:
            response = session.request(
                method, base + path, timeout=60, allow_redirects=False, **kwargs
            )
            failure = (
                None if response.status_code in expect else f"{path} -> {response.status_code}"
            )
        except requests.RequestException as error:
            response, failure = None, f"{path} -> {error!r}"
        results.record(kind, (time.perf_counter() - started) * 1000, failure)
        return response

    call("sign-in page", "GET", "/accounts/login/")
    token = session.cookies.get("csrftoken", "")
    # "login": allauth's name for the username field.
    credentials = {"login": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    if not call("sign in", "POST", "/accounts/login/", (302,), data=credentials):
        return
    token = session.cookies.get("csrftoken", token)
    started = call(
        "start draft",
        "POST",
        "/roles/vp-of-operations/start/",
        (302,),
        data={"csrfmiddlewaretoken": token},
    )
    if started is None or started.status_code != 302:
        return
    draft = started.headers["Location"]
    round_ = 0
    while time.monotonic() < deadline:
        round_ += 1
        editor = call("editor", "GET", draft)
        if editor is None or editor.status_code != 200:
            continue
        values = form_values(editor.text, "editor-form")
        title = f"Load user {number} round {round_}"
        text = f"Responsibility written by load user {number} in round {round_}."
        values |= {"title": title, "responsibilities-0-text": text}
        saved = call("save", "POST", draft, (302,), data=values)
        if saved is not None and saved.status_code == 302:
            with results.lock:
                results.last_saved[username] = (title, text)
        call("preview", "GET", f"{draft}preview/")
        if round_ % 3 == 1:
            pdf = call("pdf", "GET", f"{draft}download/pdf/")
            if pdf is not None and pdf.status_code == 200 and not pdf.content.startswith(b"%PDF"):
                results.record("pdf", 0, "not a PDF")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jdbuilder_loadtest"
        ),
    )
    parser.add_argument("--output", default=str(ROOT / "test-artifacts" / "loadtest.json"))
    args = parser.parse_args()

    with fresh_database(args.database_url) as env:
        create_users = (
            "from django.contrib.auth.models import User\n"
            f"for n in range({args.users}):\n"
            f"    User.objects.create_user(f'load{{n:02d}}', password={PASSWORD!r})\n"
        )
        manage(env, "shell", "-c", create_users)
        with gunicorn(env, "loadtest-gunicorn.log") as (base, _server):
            results = Results()
            deadline = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=hr_user, args=(n, base, deadline, results))
                for n in range(args.users)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(args.seconds + 120)
            elapsed = time.monotonic() - started

        with psycopg.connect(args.database_url) as connection:
            rows = connection.execute(
                "SELECT u.username, j.title, ("
                " SELECT r.text FROM roles_responsibility r WHERE r.job_description_id = j.id"
                " ORDER BY r.position, r.id LIMIT 1)"
                " FROM roles_jobdescription j JOIN auth_user u ON u.id = j.owner_id"
            ).fetchall()
        stored = {username: (title, text) for username, title, text in rows}
        lost = [u for u, saved in results.last_saved.items() if stored.get(u) != saved]

    table = []
    for kind, times in results.times.items():
        table.append(
            {
                "request": kind,
                "count": len(times),
                "median_ms": round(statistics.median(times)),
                "p95_ms": round(percentile(times, 0.95)),
            }
        )
    total = sum(row["count"] for row in table)
    all_times = [t for times in results.times.values() for t in times]
    summary = {
        "date": time.strftime("%Y-%m-%d"),
        "users": args.users,
        "seconds": round(elapsed),
        "requests": total,
        "requests_per_second": round(total / elapsed, 1),
        "failed_requests": len(results.failures),
        "users_with_saves": len(results.last_saved),
        "lost_edits": len(lost),
        "p95_ms_all": round(percentile(all_times, 0.95)),
        "by_request": table,
    }
    Path(args.output).write_text(json.dumps(summary, indent=2))
    print(f"{'request':<14} {'count':>6} {'median ms':>10} {'p95 ms':>8}")
    for row in table:
        print(f"{row['request']:<14} {row['count']:>6} {row['median_ms']:>10} {row['p95_ms']:>8}")
    for key in ("users", "seconds", "requests", "requests_per_second", "failed_requests"):
        print(f"{key}: {summary[key]}")
    print(f"lost edits: {len(lost)} of {len(results.last_saved)} users checked in the database")
    print(f"p95 over all requests: {summary['p95_ms_all']} ms")
    for failure in results.failures[:10]:
        print("FAILED", failure)
    return 1 if results.failures or lost or not results.last_saved else 0


if __name__ == "__main__":
    sys.exit(main())
