"""A bulk export's rendered files go to the default storage, as its ZIP does, instead of a binary
column (up to 200 MB an export in the database). The files of exports in flight, rendered but not
yet zipped, move from the column into storage here, so that their ZIP still holds them; then the
column goes.

Self-contained: historical models, the default storage, and the names the service gives item
files (``<export id>-<file name in the ZIP>`` under ``exports/items/``)."""

from django.core.files.base import ContentFile
from django.db import migrations, models


def content_to_files(apps, schema_editor):
    BulkExportItem = apps.get_model("roles", "BulkExportItem")
    rendered = BulkExportItem.objects.filter(content__isnull=False).only(
        "pk", "bulk_export_id", "filename", "content"
    )
    for item in rendered.iterator(chunk_size=1):  # one file in memory at a time
        content = bytes(item.content)
        item.file.save(f"{item.bulk_export_id}-{item.filename}", ContentFile(content), save=False)
        item.size = len(content)
        item.content = None
        item.save(update_fields=["file", "size", "content"])


def files_to_content(apps, schema_editor):
    BulkExportItem = apps.get_model("roles", "BulkExportItem")
    for item in BulkExportItem.objects.exclude(file="").iterator(chunk_size=1):
        with item.file.open("rb") as stored:
            item.content = stored.read()
        item.file.delete(save=False)
        item.size = None
        item.save(update_fields=["file", "size", "content"])


class Migration(migrations.Migration):
    dependencies = [("roles", "0037_tasks_beside_services")]

    operations = [
        migrations.AddField(
            model_name="bulkexportitem",
            name="file",
            field=models.FileField(blank=True, max_length=255, upload_to="exports/items/"),
        ),
        migrations.AddField(
            model_name="bulkexportitem",
            name="size",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(content_to_files, files_to_content, elidable=False),
        migrations.RemoveField(model_name="bulkexportitem", name="content"),
    ]
