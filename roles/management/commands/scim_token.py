from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from roles.models import ScimToken


class Command(BaseCommand):
    help = (
        "Make a SCIM bearer token for the company's directory (printed once: only its hash is "
        "kept), list the tokens, or revoke one."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("name", nargs="?", help="Whose token it is, e.g. 'Entra ID'.")
        parser.add_argument("--list", action="store_true", help="List the tokens.")
        parser.add_argument("--revoke", type=int, metavar="ID", help="Revoke the token ID.")

    def handle(self, *args, name=None, list=False, revoke=None, **options) -> None:
        if list:
            for token in ScimToken.objects.all():
                state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "live"
                used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
                self.stdout.write(f"{token.pk}\t{token.name}\t{state}\tlast used {used}")
            return
        if revoke is not None:
            revoked = ScimToken.objects.filter(pk=revoke, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )
            if not revoked:
                raise CommandError(f"No live SCIM token {revoke}.")
            self.stdout.write(self.style.SUCCESS(f"Revoked SCIM token {revoke}."))
            return
        if not name or len(name) > 100:
            raise CommandError("Name the token (at most 100 characters), e.g. 'Entra ID'.")
        row, token = ScimToken.issue(name=name)
        self.stdout.write(
            self.style.SUCCESS(f"SCIM token {row.pk} ({name}); copy it now, it is not shown again:")
        )
        self.stdout.write(token)
