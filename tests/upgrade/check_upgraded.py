"""Run in a process of its own against a database that ``make_release_fixture.py`` made and today's
``migrate`` upgraded: prints, as JSON, what the upgrade test compares with the release's manifest.

It reads through today's models (whatever they became) and acts as the product would: the waiting
tasks run on a real worker (django-tasks-db's ``db_worker --batch``) after a day is made to pass,
and the share link is opened through the app.
"""

import json
import os
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Rows people made (not seeded): the upgrade keeps every one of them.
PEOPLES_ROWS = [
    "auth.User",
    "roles.JobDescription",
    "roles.Responsibility",
    "roles.KPI",
    "roles.Qualification",
    "roles.WorkLocation",
    "roles.Approval",
    "roles.AuditEntry",
    "roles.Comment",
    "roles.ReviewRound",
    "roles.ReviewRequest",
    "roles.ShareLink",
    "roles.BulkExport",
    "roles.BulkExportItem",
    "reversion.Revision",
    "reversion.Version",
]


def main(manifest_path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jdbuilder.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from roles.models import Approval, BulkExport, JobDescription

    manifest = json.loads(Path(manifest_path).read_text())
    report: dict = {}
    report["counts"] = {
        label: apps.get_model(label)._base_manager.count() for label in PEOPLES_ROWS
    }
    report["states"] = {
        str(pk): JobDescription.objects.get(pk=pk).review_state
        for pk in manifest["drafts"].values()
    }
    report["versions"] = {
        str(jd.pk): jd.version for jd in JobDescription.objects.filter(pk__in=manifest["versions"])
    }
    report["trashed"] = JobDescription.objects.get(pk=manifest["trashed"]).deleted_at is not None
    approval = Approval.objects.get(pk=manifest["approval"]["id"])
    report["approval"] = {"pdf": approval.pdf.name, "sha256": approval.sha256}
    import hashlib

    with approval.pdf.open("rb") as pdf:
        report["approval"]["stored_sha256"] = hashlib.sha256(pdf.read()).hexdigest()
    report["waiting_tasks"] = sorted(
        DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True)
    )

    shared = Client().get(f"/s/{manifest['share_link']['token']}/")
    report["share_link_status"] = shared.status_code

    # A day passes: the finished export expires and its deletion is due.
    finished = manifest["finished_export"]["id"]
    a_day_ago = timezone.now() - timedelta(days=1, minutes=1)
    BulkExport.objects.filter(pk=finished).update(expires_at=a_day_ago)
    DBTaskResult.objects.filter(status="READY", run_after__isnull=False).update(run_after=a_day_ago)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    report["task_outcomes"] = sorted(
        (result.task_path, result.args_kwargs["args"], result.status)
        for result in DBTaskResult.objects.all()
    )
    report["finished_export_exists"] = BulkExport.objects.filter(pk=finished).exists()
    in_flight = BulkExport.objects.get(pk=manifest["in_flight_export"]["id"])
    report["in_flight_status"] = in_flight.status
    with in_flight.file.open("rb") as stored, zipfile.ZipFile(stored) as archive:
        report["in_flight_zip"] = sorted(
            (info.filename, info.file_size) for info in archive.infolist()
        )
    print(json.dumps(report, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
