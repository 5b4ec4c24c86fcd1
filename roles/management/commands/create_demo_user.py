import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "hr.demo"


class Command(BaseCommand):
    help = "Create (or reset) the demo HR account with a fresh random password. DEBUG only."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "The demo account exists only for local development (DJANGO_DEBUG=1)."
            )
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"first_name": "Demo", "last_name": "HR"}
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} demo HR account  username: {DEMO_USERNAME}  password: {password}"
            )
        )
