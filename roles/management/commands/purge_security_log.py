from django.conf import settings
from django.core.management.base import BaseCommand

from roles.models import SecurityEvent


class Command(BaseCommand):
    help = "Delete the security log's entries older than SECURITY_LOG_RETENTION_DAYS (a year)."

    def handle(self, *args, **options) -> None:
        count = SecurityEvent.objects.prune()
        days = settings.SECURITY_LOG_RETENTION_DAYS
        self.stdout.write(f"Purged {count} security log entries older than {days} days.")
