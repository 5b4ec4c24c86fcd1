from django.core.management.base import BaseCommand

from roles.models import TRASH_RETENTION_DAYS
from roles.services.drafts import jobdescription_purge_trash


class Command(BaseCommand):
    help = (
        f"Delete for good the drafts that have been in the trash over {TRASH_RETENTION_DAYS} days."
    )

    def handle(self, *args, **options) -> None:
        count = jobdescription_purge_trash()
        self.stdout.write(f"Purged {count} rows (drafts and their lists) from the trash.")
