"""A production-style JD Builder on 127.0.0.1 for benchmarks and load tests: a fresh PostgreSQL
database, collected static files, gunicorn and background task workers, all torn down
afterwards."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/jdbuilder_bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    assert urlsplit(database_url).hostname in ("127.0.0.1", "localhost"), "local only"
    return {
        **os.environ,
        "DJANGO_SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SITE_URL": "http://127.0.0.1",
        # The benchmark sends no mail; production refuses to start without saying so.
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_HTTPS": "0",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url,
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=True)


@contextmanager
def fresh_database(database_url: str):
    """Create the database empty, migrate it and collect static files; drop it afterwards."""
    name = urlsplit(database_url).path.lstrip("/")
    admin = urlsplit(database_url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    env = production_env(database_url)
    try:
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        yield env
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _stop(processes: list[subprocess.Popen], grace: float = 30) -> None:
    """SIGTERM each of ``processes``, then SIGKILL whichever still runs ``grace`` s later."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by ``pid`` and its descendants (Linux /proc; a process that exits
    meanwhile is left out)."""
    ticks = 0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                ticks += cpu_seconds(int(child)) * os.sysconf("SC_CLK_TCK")
    except (FileNotFoundError, ProcessLookupError):
        pass
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid: int, limit: float = 60.0) -> None:
    """Return once ``pid`` and its descendants have used under 5 % of a core for a second (at
    most ``limit`` seconds)."""
    deadline = time.monotonic() + limit
    before = cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(1)
        now = cpu_seconds(pid)
        if now - before < 0.05:
            return
        before = now


@contextmanager
def gunicorn(env: dict, log_name: str, app: str = "jdbuilder.wsgi", **extra: str):
    """Run gunicorn with gunicorn.conf.py on a free 127.0.0.1 port, serving the WSGI ``app``
    (the product's unless told); yield (base URL, process). Without the control socket, which
    every gunicorn of this user would otherwise open at the same path, taking it from another
    (`make serve`, or the second server of a benchmark)."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / log_name, "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--no-control-socket",
                app,
            ],
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", **extra},
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    if requests.get(f"{base}/accounts/login/", timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                time.sleep(0.2)
            else:
                raise SystemExit(f"gunicorn did not start; see test-artifacts/{log_name}")
            # Each worker starts its render process as it starts (gunicorn.conf.py: some 3 s of
            # CPU); a figure measured meanwhile would be charged for it.
            wait_until_idle(server.pid)
            yield base, server
        finally:
            _stop([server])


@dataclass(frozen=True)
class TaskWorker:
    process: subprocess.Popen
    worker_id: str  # as the worker names itself in the task rows (DBTaskResult.worker_ids)
    log: Path


@contextmanager
def task_workers(env: dict, count: int, log_name: str, *args: str, **extra: str):
    """Run ``count`` background task workers (`manage.py run_worker *args`) with ``env`` and
    ``extra``, each logging to test-artifacts/<log_name>-<n>.log; yield them (TaskWorker) once
    each has said it is running. At the end, even on an error, each is stopped as an operator
    would: SIGTERM (a worker finishes the task it is running, then exits), then SIGKILL after
    30 s."""
    ARTIFACTS.mkdir(exist_ok=True)
    processes, logs = [], [ARTIFACTS / f"{log_name}-{n}.log" for n in range(1, count + 1)]
    try:
        for log in logs:
            with open(log, "w") as output:  # the child keeps its own copy of the descriptor
                processes.append(
                    subprocess.Popen(
                        [sys.executable, "manage.py", "run_worker", *args],
                        env={**env, "PYTHONUNBUFFERED": "1", **extra},
                        cwd=ROOT,
                        stdout=output,
                        stderr=subprocess.STDOUT,
                    )
                )
        workers = []
        deadline = time.monotonic() + 60
        for process, log in zip(processes, logs, strict=True):
            while not (found := re.search(r"Task worker (\S+) is running", log.read_text())):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"a task worker did not start; see {log}")
                time.sleep(0.1)
            workers.append(TaskWorker(process, found[1], log))
        yield workers
    finally:
        _stop(processes)


def signed_in_session(
    base: str, username: str, password: str, *, totp_secret: str | None = None
) -> requests.Session:
    """A session signed in through the sign-in page; staff, whom production asks for a second
    factor, pass their authenticator's secret and the code is entered as they would."""
    from tests.helpers.totp import totp_code

    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30)
    response = session.post(
        f"{base}/accounts/login/",
        data={
            "login": username,  # allauth's name for the username field
            "password": password,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, f"sign-in as {username} failed: {response.status_code}"
    if totp_secret is not None:
        step = f"{base}/accounts/2fa/authenticate/"
        assert response.headers["Location"].endswith("/accounts/2fa/authenticate/"), (
            f"{username} was not asked for a second factor"
        )
        session.get(step, timeout=30)
        if (left := 30 - time.time() % 30) < 3:  # a code typed as its period ends is refused
            time.sleep(left + 0.2)
        response = session.post(
            step,
            data={
                "code": totp_code(totp_secret),
                "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
            },
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 302 and "2fa" not in response.headers["Location"], (
            f"second factor for {username} refused: {response.status_code}"
        )
    return session
