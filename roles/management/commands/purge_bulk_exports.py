from django.core.management.base import BaseCommand

from roles.models import BULK_EXPORT_KEPT_FOR
from roles.services.exports import bulkexport_purge


class Command(BaseCommand):
    help = (
        "Delete the bulk exports (and their ZIPs) older than "
        f"{int(BULK_EXPORT_KEPT_FOR.total_seconds() // 3600)} hours. Each is also deleted by a "
        "task queued for the moment it expires; this catches any the queue lost."
    )

    def handle(self, *args, **options) -> None:
        count = bulkexport_purge()
        self.stdout.write(f"Deleted {count} expired bulk export{'s' if count != 1 else ''}.")
