"""The background tasks moved from ``roles.tasks`` to the service modules they run (issue 24):
tasks waiting in the database queue are stored under the path they were queued by, so this
points each waiting one at its task's new home. ``roles.tasks`` still re-exports every moved
task for a release, for RQ jobs (which this cannot reach) and for a task queued by a web process
or worker still running the release's code while this runs.

Only tasks waiting to run (READY) move: a running or finished task's row is a record of what ran.
The paths are written out here, not read from the code, so that this migration keeps meaning
what it meant when it was released."""

from django.db import migrations

#: Where each task was queued from before, and where it lives now.
MOVED = {
    "roles.tasks.render_draft_pdf": "roles.services.documents.render_draft_pdf",
    "roles.tasks.render_bulk_export_item": "roles.services.exports.render_bulk_export_item",
    "roles.tasks.zip_bulk_export": "roles.services.exports.zip_bulk_export",
    "roles.tasks.delete_bulk_export": "roles.services.exports.delete_bulk_export",
    "roles.tasks.send_review_email": "roles.services.notifications.send_review_email",
    "roles.tasks.send_comment_email": "roles.services.notifications.send_comment_email",
}


def _repoint(apps, paths: dict[str, str]) -> None:
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in paths.items():
        DBTaskResult.objects.filter(status="READY", task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    _repoint(apps, MOVED)


def backwards(apps, schema_editor):
    _repoint(apps, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0036_language_term_re2"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
