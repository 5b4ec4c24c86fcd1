import csv
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from roles.selectors.identities import (
    DirectoryIdentity,
    company_app,
    directory_email_matches,
)
from roles.services.identities import LINKED_BY_COMMAND, company_identity_link

#: Bounds on the export read: a large company's directory, not anything bigger.
MAX_EXPORT_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_EMAIL_LENGTH = 254


class Command(BaseCommand):
    help = (
        "Propose linking local accounts to company identities, matched by e-mail address from "
        "the identity provider's export (a CSV of uid,email: uid the provider's immutable id, "
        "e.g. Entra ID's object id), and link the ones confirmed. Prints what it would do; asks "
        "for each (y/N), or links them all with --confirm; --dry-run only prints."
    )
    # Tests (and scripts) answer the questions on a stream of their own.
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("provider_id", help="The company sign-in's provider id (company).")
        parser.add_argument("export", type=Path, help="CSV file: uid,email (a header is fine).")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--confirm", action="store_true", help="Link every proposal.")
        mode.add_argument("--dry-run", action="store_true", help="Only print the proposals.")

    def handle(self, *args, provider_id: str, export: Path, **options) -> None:
        if company_app(provider_id) is None:
            raise CommandError(f"No company sign-in with the provider id {provider_id!r}.")
        identities, unreadable = read_export(export)
        for line, reason in unreadable:
            self.stdout.write(f"Line {line} not read: {reason}")
        matches = directory_email_matches(provider_id=provider_id, identities=identities)
        for identity, reason in matches.left_out:
            self.stdout.write(f"Line {identity.line} ({identity.email}) left out: {reason}")
        self.stdout.write(
            f"{matches.without_local_account} people in the export have no local account "
            "with their address (they get one at their first sign-in, if a mapped group says so)."
        )
        if not matches.proposed:
            self.stdout.write("No link to propose.")
            return
        verb = "Would link" if options["dry_run"] else "Proposed"
        self.stdout.write(f"{verb}: {len(matches.proposed)}")
        for proposal in matches.proposed:
            self.stdout.write(f"  {describe(proposal, provider_id)}")
        if options["dry_run"]:
            self.stdout.write("Nothing linked (--dry-run).")
            return
        answers = options.get("stdin") or sys.stdin
        linked = 0
        for proposal in matches.proposed:
            if not options["confirm"]:
                self.stdout.write(f"Link {describe(proposal, provider_id)}? [y/N] ", ending="")
                self.stdout.flush()
                if answers.readline().strip().lower() not in {"y", "yes"}:
                    continue
            try:
                company_identity_link(
                    user=proposal.user,
                    provider_id=provider_id,
                    uid=proposal.identity.uid,
                    how=LINKED_BY_COMMAND,
                )
            except ValidationError as refusal:
                self.stdout.write(f"Not linked: {' '.join(refusal.messages)}")
                continue
            linked += 1
        self.stdout.write(self.style.SUCCESS(f"Linked {linked} of {len(matches.proposed)}."))


def describe(proposal, provider_id: str) -> str:
    user = proposal.user
    return f"{user.get_username()} <{user.email}> to {provider_id} id {proposal.identity.uid}"


def read_export(export: Path) -> tuple[list[DirectoryIdentity], list[tuple[int, str]]]:
    """The export's rows, and the lines that could not be read with why."""
    from allauth.socialaccount import app_settings as socialaccount_settings

    try:
        if export.stat().st_size > MAX_EXPORT_BYTES:
            raise CommandError(f"{export} is over {MAX_EXPORT_BYTES // (1024 * 1024)} MB.")
        text = export.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read {export}: {error}") from None
    identities, unreadable = [], []
    for line, row in enumerate(csv.reader(text.splitlines()), start=1):
        if line > MAX_ROWS:
            raise CommandError(f"{export} has over {MAX_ROWS} rows.")
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if line == 1 and [cell.lower() for cell in cells[:2]] == ["uid", "email"]:
            continue
        if len(cells) < 2 or not cells[0] or "@" not in cells[1]:
            unreadable.append((line, "expected uid,email"))
        elif len(cells[0]) > socialaccount_settings.UID_MAX_LENGTH:
            unreadable.append((line, "the id is too long"))
        elif len(cells[1]) > MAX_EMAIL_LENGTH:
            unreadable.append((line, "the e-mail address is too long"))
        else:
            identities.append(DirectoryIdentity(line=line, uid=cells[0], email=cells[1]))
    return identities, unreadable
