"""Bulk exports: many drafts in one format, rendered in the background and handed over as one ZIP
that is kept for a day."""

from datetime import timedelta

from django.conf import settings
from django.db import models

#: The limits of a bulk export, declared once: the form, the service and the messages read them.
BULK_EXPORT_MAX_DRAFTS = 100
BULK_EXPORT_MAX_BYTES = 200 * 1024 * 1024  # the ZIP's contents, uncompressed
BULK_EXPORT_MAX_RUNNING = 3  # per person, not yet ready or failed
BULK_EXPORT_KEPT_FOR = timedelta(hours=24)


class BulkExportStatus(models.TextChoices):
    RENDERING = "rendering", "Preparing the files"
    ZIPPING = "zipping", "Packing the ZIP"
    #: Claimed by the zip task (ZIPPING is waiting for it): the same words for the person.
    PACKING = "packing", "Packing the ZIP"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class BulkExport(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bulk_exports"
    )
    format = models.CharField(max_length=16)
    status = models.CharField(
        max_length=16, choices=BulkExportStatus.choices, default=BulkExportStatus.RENDERING
    )
    total = models.PositiveIntegerField()
    #: Items finished, rendered or failed: the progress bar.
    finished = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="bulkexport_requester"),
            models.Index(fields=["expires_at"], name="bulkexport_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.total} drafts as {self.format} for {self.requested_by_id}"

    @property
    def is_running(self) -> bool:
        return self.status in (
            BulkExportStatus.RENDERING,
            BulkExportStatus.ZIPPING,
            BulkExportStatus.PACKING,
        )

    @property
    def percent(self) -> int:
        if self.status == BulkExportStatus.READY:
            return 100
        # Packing the ZIP is the last step: show it as most of the way.
        return round(95 * self.finished / self.total) if self.total else 0


class BulkExportItem(models.Model):
    """One draft of a bulk export: its file, rendered by a task of its own, until it is zipped."""

    bulk_export = models.ForeignKey(BulkExport, on_delete=models.CASCADE, related_name="items")
    job_description = models.ForeignKey(
        "roles.JobDescription", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    position = models.PositiveIntegerField()
    #: The file's name inside the ZIP, unique in it: from the title, numbered on a collision.
    filename = models.CharField(max_length=120)
    #: The rendered file, in the default storage (as the ZIP is) from its render until the ZIP
    #: is made, the export fails or it expires; then deleted. Empty: not rendered (yet), or left
    #: out (``error`` says why).
    file = models.FileField(upload_to="exports/items/", max_length=255, blank=True)
    #: The file's size in bytes: the export's limit is checked on their sum before zipping.
    size = models.PositiveBigIntegerField(null=True, blank=True)
    done = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulk_export", "filename"], name="bulkexportitem_unique_filename"
            )
        ]

    def __str__(self) -> str:
        return self.filename
