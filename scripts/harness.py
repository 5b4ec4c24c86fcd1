"""A production-style JD Builder on 127.0.0.1 for benchmarks and load tests: a fresh PostgreSQL
database, collected static files and gunicorn, all torn down afterwards."""

import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
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


@contextmanager
def gunicorn(env: dict, log_name: str, **extra: str):
    """Run gunicorn with gunicorn.conf.py on a free 127.0.0.1 port; yield (base URL, process)."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / log_name, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "jdbuilder.wsgi"],
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
            yield base, server
        finally:
            server.terminate()
            server.wait(30)


def signed_in_session(base: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30)
    response = session.post(
        f"{base}/accounts/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, f"sign-in as {username} failed: {response.status_code}"
    return session
