"""Upgrading from a release: its database (SQLite, and a PostgreSQL dump) and media, made by that
release's code with ``make_release_fixture.py`` and committed, migrate forward with today's code
and lose nothing: every draft in its state and version, the approval with its PDF, the share link
opening, the bulk export in flight finishing with the file rendered before the upgrade, and the
task queued under the release's path for a day later running when its day comes.

Each step runs as its own process (``manage.py migrate``, then ``check_upgraded.py``), as an
upgrade does: nothing of the test's own database or settings is involved.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RELEASE = HERE / "release_2026_12_03"
POSTGRES_SERVER = os.environ.get("UPGRADE_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

pytestmark = pytest.mark.upgrade


def upgrade(database_url: str, media: Path, manifest: dict, tmp_path: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TASKS_BACKEND", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    copied_media = tmp_path / "media"
    shutil.copytree(media, copied_media)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(copied_media),
        DJANGO_DEBUG="1",
        DJANGO_SETTINGS_MODULE="jdbuilder.settings",
    )
    manifest_file = tmp_path / "manifest.json"
    manifest_file.write_text(json.dumps(manifest))
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert migrated.returncode == 0, migrated.stderr
    checked = subprocess.run(
        [sys.executable, str(HERE / "check_upgraded.py"), str(manifest_file)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    return json.loads(checked.stdout.strip().splitlines()[-1])


def assert_nothing_lost(manifest: dict, after: dict) -> None:
    for label, count in after["counts"].items():
        assert count == manifest["counts"][label], label
    assert after["states"] == {str(pk): state for state, pk in manifest["drafts"].items()}
    assert after["versions"] == manifest["versions"]
    assert after["trashed"]
    approval = after["approval"]
    assert approval["pdf"] == manifest["approval"]["pdf"]
    assert approval["sha256"] == approval["stored_sha256"] == manifest["approval"]["sha256"]
    assert after["share_link_status"] == 200
    # The tasks waiting at the release are still waiting (under whatever path they have now)…
    names = sorted(path.rsplit(".", 1)[1] for path in after["waiting_tasks"])
    # …with one more: a migration that changed the rules (0042) queues the recount of the
    # stored finding counts, which runs with the others below.
    names.remove("recount_open_findings")
    assert names == sorted(t["task_path"].rsplit(".", 1)[1] for t in manifest["waiting_tasks"])
    # … and run: none failed; the deletion queued a day ahead deleted its export.
    outcomes = after["task_outcomes"]
    assert not [task for task in outcomes if task[2] not in {"SUCCESSFUL", "READY"}]
    finished = manifest["finished_export"]["id"]
    assert [
        status
        for path, args, status in outcomes
        if path.endswith(".delete_bulk_export") and args == [finished]
    ] == ["SUCCESSFUL"]
    assert after["finished_export_exists"] is False
    # The export in flight finished, with the file rendered before the upgrade in its ZIP.
    assert after["in_flight_status"] == "ready"
    sizes = [size for _, size in after["in_flight_zip"]]
    assert len(sizes) == 2
    assert manifest["in_flight_export"]["rendered_size"] in sizes


def test_a_release_sqlite_database_upgrades_and_loses_nothing(tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(RELEASE / "db.sqlite3", database)
    manifest = json.loads((RELEASE / "manifest.json").read_text())
    after = upgrade(f"sqlite:///{database}", RELEASE / "media", manifest, tmp_path)
    assert_nothing_lost(manifest, after)


def postgres_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return False
    return shutil.which("psql") is not None


def test_a_release_postgresql_dump_upgrades_and_loses_nothing(tmp_path):
    if not postgres_reachable():
        if IN_CI:
            pytest.fail("CI must run the PostgreSQL upgrade test: no server on 127.0.0.1:5432")
        pytest.skip("No PostgreSQL server on 127.0.0.1:5432 (CI has one)")
    name = f"jdbuilder_upgrade_{uuid.uuid4().hex[:8]}"

    def psql(*args: str, database: str = "postgres") -> None:
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", *args, f"{POSTGRES_SERVER}/{database}"],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip

    psql("-c", f"CREATE DATABASE {name}")
    try:
        psql("-f", str(RELEASE / "postgres.sql"), database=name)
        manifest = json.loads((RELEASE / "manifest.postgres.json").read_text())
        after = upgrade(f"{POSTGRES_SERVER}/{name}", RELEASE / "media-postgres", manifest, tmp_path)
        assert_nothing_lost(manifest, after)
    finally:
        psql("-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
