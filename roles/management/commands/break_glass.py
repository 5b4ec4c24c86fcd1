import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from roles.models import BreakGlassAccount
from roles.services.break_glass import (
    BreakGlassRefused,
    break_glass_grant,
    break_glass_revoke,
    has_break_glass_factor,
)


class Command(BaseCommand):
    help = (
        "Make a local account a break-glass account (it may sign in with its password and "
        "second factor while LOCAL_SIGNIN is off), end that, or list them. Only here, never in "
        "the admin; every change goes to the security log."
    )

    def add_arguments(self, parser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--grant", metavar="USERNAME", help="Make USERNAME break-glass.")
        action.add_argument("--revoke", metavar="USERNAME", help="End USERNAME's break-glass.")
        action.add_argument(
            "--list", action="store_true", dest="list_accounts", help="List break-glass accounts."
        )
        parser.add_argument(
            "--by",
            default="",
            help="Who is doing this, for the security log (default: this server account).",
        )

    def handle(self, *args, grant=None, revoke=None, list_accounts=False, by="", **options):
        if list_accounts:
            self._list()
            return
        by = by.strip() or _server_account()
        username = grant or revoke
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        if grant:
            try:
                created = break_glass_grant(user=user, by=by)
            except BreakGlassRefused as refusal:
                raise CommandError(str(refusal)) from None
            self.stdout.write(
                f"{username} is now a break-glass account."
                if created
                else f"{username} already was a break-glass account."
            )
            if not has_break_glass_factor(user):
                self.stderr.write(
                    f"{username} has no second factor yet: it cannot sign in while LOCAL_SIGNIN "
                    "is off. Sign in as it while local sign-in is on and add an authenticator "
                    "app (it is asked for one at once)."
                )
        else:
            revoked = break_glass_revoke(user=user, by=by)
            self.stdout.write(
                f"{username} is no longer a break-glass account."
                if revoked
                else f"{username} was not a break-glass account."
            )

    def _list(self) -> None:
        accounts = BreakGlassAccount.objects.select_related("user")
        if not accounts:
            self.stdout.write("No break-glass accounts.")
        for account in accounts:
            factor = "second factor" if has_break_glass_factor(account.user) else "NO second factor"
            self.stdout.write(
                f"{account.user.get_username()}: since {account.granted_at:%Y-%m-%d %H:%M} "
                f"(by {account.granted_by}), {factor}"
            )


def _server_account() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this process's user id (a container)
        return "unknown"
