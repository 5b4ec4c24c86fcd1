"""Migration 0037: the tasks moved beside their services, and a task the release queued under
``roles.tasks.<name>`` for later still runs when its time comes."""

import importlib
import logging
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from roles.models import BulkExport, BulkExportStatus
from tests.helpers.migrations import migrate

RELEASE = ("roles", "0036_language_term_re2")
OLD_PATH = "roles.tasks.delete_bulk_export"
NEW_PATH = "roles.services.exports.delete_bulk_export"


def queued_by_the_release(bulk_export: BulkExport, run_after, status="READY") -> DBTaskResult:
    """The row the release's ``delete_bulk_export.using(run_after=…).enqueue(pk)`` wrote."""
    return DBTaskResult.objects.create(
        task_path=OLD_PATH,
        args_kwargs={"args": [bulk_export.pk], "kwargs": {}},
        priority=0,
        queue_name="default",
        backend_name="default",
        run_after=run_after,
        status=status,
    )


@pytest.mark.parametrize(
    ("old", "new"),
    importlib.import_module("roles.migrations.0037_tasks_beside_services").MOVED.items(),
)
def test_each_old_path_still_names_the_task_the_migration_points_to(old, new):
    """RQ jobs keep the path they were queued under (no migration reaches Redis)."""
    task = import_string(new)
    assert task.module_path == new
    assert import_string(old) is task


@pytest.mark.django_db(transaction=True)
def test_a_deletion_the_release_queued_for_tomorrow_runs_after_the_upgrade(
    alice, settings, tmp_path, caplog
):
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    bulk_export = BulkExport.objects.create(
        requested_by=alice,
        format="txt",
        total=1,
        finished=1,
        status=BulkExportStatus.READY,
        ready_at=now,
        expires_at=now + timedelta(days=1),
    )
    bulk_export.file.save("job-descriptions-txt.zip", ContentFile(b"the zip"))
    zip_path = tmp_path / bulk_export.file.name

    migrate(RELEASE)
    try:
        waiting = queued_by_the_release(bulk_export, run_after=bulk_export.expires_at)
        ran = queued_by_the_release(bulk_export, run_after=now, status="SUCCESSFUL")
        migrate()
        waiting.refresh_from_db()
        assert (waiting.task_path, waiting.status) == (NEW_PATH, "READY")
        assert waiting.run_after == bulk_export.expires_at  # still waiting for its day
        ran.refresh_from_db()
        assert ran.task_path == OLD_PATH  # a record of what ran stays as it was

        # Downgrading puts the waiting one back where the release's code looks for it.
        migrate(RELEASE)
        waiting.refresh_from_db()
        assert waiting.task_path == OLD_PATH
    finally:
        migrate()
    waiting.refresh_from_db()
    assert waiting.task_path == NEW_PATH

    # The day passes: the export expires, and a real worker runs the deletion.
    a_day_later = now - timedelta(minutes=1)
    BulkExport.objects.filter(pk=bulk_export.pk).update(expires_at=a_day_later)
    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=a_day_later)
    caplog.set_level(logging.INFO, logger="roles.services.tasks")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.return_value) == ("SUCCESSFUL", "deleted")
    assert not BulkExport.objects.filter(pk=bulk_export.pk).exists()
    assert not zip_path.exists()
    # The receiver RolesConfig.ready() connected logs it, once.
    (logged,) = [r for r in caplog.records if r.name == "roles.services.tasks"]
    assert logged.getMessage().startswith("Task delete_bulk_export SUCCESSFUL in ")
    assert logged.task == NEW_PATH
