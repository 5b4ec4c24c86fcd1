"""Make the database that the upgrade test starts from, with the code of the release it stands for.

Run from the project root, once, at the release (commit the output; never run it again on newer
code, which is the point: the files hold what *that* release wrote):

    .venv/bin/python tests/upgrade/make_release_fixture.py sqlite
    .venv/bin/python tests/upgrade/make_release_fixture.py postgres   # needs pg_dump and a server

Either writes into ``tests/upgrade/<RELEASE>/``: ``db.sqlite3`` with ``media/`` and
``manifest.json``, or ``postgres.sql`` (plain SQL, no owners or grants) with ``media-postgres/``
and ``manifest.postgres.json``. The manifest is what the test expects to find after the upgrade
(ids, states, the share link's token, the waiting tasks, rows per model).

What it holds: a draft in every review state (draft, in review, changes requested, approved,
archived) and one in the trash; an approval with its stored PDF; a share link; a comment; a bulk
export in flight (one file rendered, one waiting for its task) and a finished one whose
``delete_bulk_export`` task waits a day, queued under the release's path ``roles.tasks``.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RELEASE = "release_2026_12_03"
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "upgrade" / RELEASE
POSTGRES_SERVER = os.environ.get("UPGRADE_FIXTURE_POSTGRES", "postgres://postgres@127.0.0.1:5432")
POSTGRES_NAME = "jdbuilder_release_fixture"


def main(kind: str) -> None:
    media = OUT / ("media" if kind == "sqlite" else "media-postgres")
    if kind == "sqlite":
        target = OUT / "db.sqlite3"
        target.unlink(missing_ok=True)
        database_url = f"sqlite:///{target}"
    elif kind == "postgres":
        _psql(f"DROP DATABASE IF EXISTS {POSTGRES_NAME}")
        _psql(f"CREATE DATABASE {POSTGRES_NAME}")
        database_url = f"{POSTGRES_SERVER}/{POSTGRES_NAME}"
    else:
        raise SystemExit("usage: make_release_fixture.py sqlite|postgres")
    shutil.rmtree(media, ignore_errors=True)
    media.mkdir(parents=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="jdbuilder.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(media),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    manifest = _fill()
    manifest["kind"] = kind
    if kind == "sqlite":
        from django.db import connection

        connection.cursor().execute("VACUUM")
        connection.close()
        (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    else:
        from django.db import connections

        connections.close_all()
        with tempfile.NamedTemporaryFile("w+", suffix=".sql") as dump:
            subprocess.run(
                ["pg_dump", "--no-owner", "--no-privileges", "-f", dump.name, database_url],
                check=True,
            )
            Path(OUT / "postgres.sql").write_text(Path(dump.name).read_text())
        _psql(f"DROP DATABASE {POSTGRES_NAME}")
        (OUT / "manifest.postgres.json").write_text(
            json.dumps(manifest, indent=2, sort_keys=True) + "\n"
        )


def _psql(statement: str) -> None:
    subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-c", statement, f"{POSTGRES_SERVER}/postgres"],
        check=True,
    )


def _fill() -> dict:
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from roles.models import BulkExport, JobDescription, RoleTemplate
    from roles.services.comments import comment_add
    from roles.services.drafts import jobdescription_create_from_template, jobdescription_trash
    from roles.services.exports import bulkexport_create, bulkexport_render_item
    from roles.services.review import review_archive, review_decide, review_submit
    from roles.services.sharing import sharelink_create

    users = get_user_model().objects
    owner = users.create_user("harriet", "harriet@example.com", "correct horse battery staple")
    Group.objects.get(name="HR staff").user_set.add(owner)
    reviewer = users.create_user("rashid", "rashid@example.com", "correct horse battery staple")
    Group.objects.get(name="Reviewers").user_set.add(reviewer)
    vp = RoleTemplate.objects.get(slug="vp-of-operations")
    director = RoleTemplate.objects.get(slug="director-of-operations")

    def draft(template, title: str) -> JobDescription:
        made = jobdescription_create_from_template(template=template, owner=owner)
        JobDescription.objects.filter(pk=made.pk).update(title=title)
        return JobDescription.objects.get(pk=made.pk)

    def submit(job_description: JobDescription) -> JobDescription:
        review_submit(
            job_description=job_description,
            user=owner,
            reviewers=[reviewer],
            message="Please review",
            expected_version=job_description.version,
        )
        return JobDescription.objects.get(pk=job_description.pk)

    def decide(job_description: JobDescription, approve: bool) -> JobDescription:
        review_decide(
            job_description=job_description,
            user=reviewer,
            approve=approve,
            message="" if approve else "Tighten the KPIs",
            seen_version=job_description.version,
        )
        return JobDescription.objects.get(pk=job_description.pk)

    plain = draft(vp, "VP of Operations, East")
    in_review = submit(draft(director, "Director of Operations, Plant 2"))
    changes = decide(submit(draft(director, "Director of Operations, Logistics")), approve=False)
    approved = decide(submit(draft(vp, "VP of Operations, Group")), approve=True)
    archived = decide(submit(draft(director, "Director of Operations, Retired site")), True)
    review_archive(job_description=archived, user=owner, message="Site closed")
    trashed = draft(vp, "VP of Operations, duplicate")
    jobdescription_trash(job_description=trashed, user=owner)
    comment = comment_add(job_description=in_review, user=reviewer, body="@harriet see KPI 2")
    link, token = sharelink_create(job_description=approved, user=owner)

    # The queue as a worker would leave it: everything so far has run, so the render and e-mail
    # tasks queued above are done. A worker that processes them here would need the render
    # process; marking them done is what matters to the upgrade.
    DBTaskResult.objects.all().delete()

    # A finished bulk export, its deletion waiting a day under the release's task path.
    finished = bulkexport_create(
        user=owner, job_description_ids=[plain.pk, approved.pk], format_name="txt"
    )
    for item in finished.items.all():
        bulkexport_render_item(item_id=item.pk)
    DBTaskResult.objects.all().delete()
    call_command("db_worker", batch=True, verbosity=0)  # nothing is ready: a no-op
    from roles.services.exports import bulkexport_zip

    with transaction.atomic():
        BulkExport.objects.filter(pk=finished.pk).update(status="zipping")
    bulkexport_zip(bulk_export_id=finished.pk)
    finished.refresh_from_db()

    # A bulk export in flight: one file rendered (its bytes in the item's row), one waiting.
    in_flight = bulkexport_create(
        user=owner, job_description_ids=[changes.pk, approved.pk], format_name="md"
    )
    first, second = in_flight.items.order_by("position")
    bulkexport_render_item(item_id=first.pk)
    DBTaskResult.objects.exclude(args_kwargs__args=[second.pk]).filter(
        task_path__endswith="render_bulk_export_item"
    ).delete()
    first.refresh_from_db()

    waiting = list(
        DBTaskResult.objects.order_by("enqueued_at").values(
            "id", "task_path", "args_kwargs", "status", "run_after"
        )
    )
    assert {task["task_path"] for task in waiting} == {
        "roles.tasks.delete_bulk_export",
        "roles.tasks.render_bulk_export_item",
    }, waiting
    delete_task = next(t for t in waiting if t["task_path"].endswith("delete_bulk_export"))
    assert delete_task["run_after"] > timezone.now() + timedelta(hours=23)

    states = {
        "draft": plain,
        "in_review": in_review,
        "changes_requested": changes,
        "approved": approved,
        "archived": archived,
    }
    for state, job_description in states.items():
        job_description.refresh_from_db()
        assert job_description.review_state == state, (state, job_description.review_state)
    approval = approved.approvals.get()
    return {
        "release": RELEASE,
        "drafts": {state: jd.pk for state, jd in states.items()},
        "trashed": trashed.pk,
        "versions": {str(jd.pk): jd.version for jd in JobDescription.objects.all()},
        "approval": {"id": approval.pk, "pdf": approval.pdf.name, "sha256": approval.sha256},
        "share_link": {"id": link.pk, "token": token},
        "comment": comment.pk,
        "finished_export": {"id": finished.pk, "file": finished.file.name},
        "in_flight_export": {
            "id": in_flight.pk,
            "rendered_item": first.pk,
            "rendered_size": len(bytes(first.content)),
            "waiting_item": second.pk,
        },
        "waiting_tasks": [
            {"task_path": t["task_path"], "args": t["args_kwargs"]["args"]} for t in waiting
        ],
        "counts": _counts(),
    }


def _counts() -> dict:
    """Rows per model of the app, auth and the task queue: the upgrade loses none."""
    from django.apps import apps

    labels = {"roles", "auth", "reversion", "django_tasks_database"}
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
