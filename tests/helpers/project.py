"""The project's own machinery: its settings module under a given environment, and other
processes of the project (a script, a task worker) working on the test database."""

import os
import runpy
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings as django_settings
from django.db import connection

ROOT = Path(django_settings.BASE_DIR)


def settings_from_env(monkeypatch, **env: str) -> dict:
    """The project's settings module, run afresh with ``env`` added to the environment."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "jdbuilder" / "settings.py"))


def database_url_for_other_processes() -> str:
    """The URL of the database this test runs on, for another process to open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}@{db['HOST']}{port}/{db['NAME']}"


def project_env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url_for_other_processes(),
        **extra,
    }


def run_django(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a new Python process with Django set up on the test settings."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=project_env(),
    )


@contextmanager
def task_worker(*, interval: float = 0.2, heartbeat: float = 5, **env: str):
    """A real task worker on the test database (``manage.py run_worker``, or RQ's worker when
    TASKS_BACKEND=rq), stopped afterwards as SIGTERM stops it. Use it from a transactional test:
    the worker sees only committed rows. ``env`` adds to its environment (DJANGO_MEDIA_ROOT)."""
    if django_settings.TASKS_BACKEND == "rq":  # the RQ worker the docs give, with --burst off
        command = ["rqworker", "default", "--job-class", "django_tasks_rq.Job"]
        command += ["--worker-class", "rq.worker.SimpleWorker", "--with-scheduler"]
    else:
        command = ["run_worker", "--interval", str(interval)]
    process = subprocess.Popen(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=project_env(TASKS_WORKER_HEARTBEAT_SECONDS=str(heartbeat), **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(condition, *, timeout: float = 30, message: str = "") -> None:
    """Poll ``condition()`` until it is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message or "timed out waiting")
        time.sleep(0.1)


def free_port() -> int:
    """A port nothing listens on now, on 127.0.0.1."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn_server(*, workers: int = 2, port: int | None = None, **env: str):
    """The app under gunicorn with gunicorn.conf.py (sync workers, the 30 s timeout) on
    127.0.0.1 (``port``, or a free one) and the test database; yields (base URL, master
    process). Use it from a transactional test: the server sees only committed rows. Give the
    port when the app must know its own address (``DJANGO_SITE_URL``, for the links it sends)."""
    import tempfile

    import requests

    port = port or free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket"]
    # Its log goes to a file, not a pipe: a pipe nobody reads fills after some 64 KB of log
    # lines (a few hundred refused requests), and then every worker blocks on its next line.
    # (Both files live as long as the server, past this block: closed in ``finally``.)
    log = tempfile.NamedTemporaryFile("w+", prefix="gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [*command, "jdbuilder.wsgi"],
        cwd=ROOT,
        env=project_env(
            GUNICORN_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY=str(workers),
            GUNICORN_MAX_REQUESTS="0",
            **env,
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    process.stdout = open(log.name)  # noqa: SIM115  (what the server logged, for the test)
    base = f"http://127.0.0.1:{port}"
    try:

        def answers() -> bool:
            try:
                return requests.get(f"{base}/healthz", timeout=2).status_code == 200
            except requests.RequestException:
                return process.poll() is not None  # ended: fail below, with its output

        wait_until(answers, timeout=60, message="gunicorn did not start")
        assert process.poll() is None, process.stdout.read()
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        os.unlink(log.name)


def child_pids(pid: int) -> set[int]:
    """The processes ``pid`` started (gunicorn's workers, for its master)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return {int(child) for child in children}
