"""The pay rules out and in as a file: counsel reviews the rules as a versioned, human-readable
file in the seed data files' format (a JSON list of steps, ``roles/seeding.py``) and an HR admin
brings the reviewed file back. The import is previewed (what each rule gains or loses), applied
in one transaction or not at all, and written to the admin's history of each rule, with the
file's author, date and source.

Version 1 of the file:

    [
      {"about": {"format": "jdbuilder-pay-rules", "version": 1, "exported_at": "…",
                 "exported_by": "…", "changes": {"Colorado": {"author": "…", "date": "…",
                 "source": "…"}}}},
      {"create": "roles.PayTransparencyRule", "key": ["jurisdiction"], "rows": [{…}, …]}
    ]

An import changes and adds the rules its rows name; a rule the file does not name is left as
it is (deleting is done in the admin, one rule at a time)."""

import hashlib
import json
from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from roles.models import PayTransparencyRule
from roles.services.guidance import recount_open_findings_later

FORMAT = "jdbuilder-pay-rules"
VERSION = 1
#: An import file larger than this is refused unread (35 rules take some 40 kB).
IMPORT_MAX_BYTES = 1_000_000
#: At most this many rules in one file.
IMPORT_MAX_RULES = 500

#: The rule's fields the file carries, in the admin form's order.
FIELDS = (
    "jurisdiction",
    "country",
    "region",
    "locality",
    "min_employees",
    "headcount_counted",
    "employee_count_note",
    "internal_postings",
    "postings_source",
    "remote_reach",
    "requirements",
    "law_words",
    "item_dates",
    "advice_items",
    "max_range_width",
    "exempt_above",
    "currency",
    "effective_from",
    "enforced_from",
    "mandatory",
    "what_must_be_shown",
    "source_title",
    "source_url",
    "facts_checked",
    "notes",
)


def _json_value(value):
    """A field's value as the seed files write it: dates ISO, decimals as strings."""
    if value is None or isinstance(value, bool | int | str | list | dict):
        return value
    return str(value) if not hasattr(value, "isoformat") else value.isoformat()


def payrules_export(*, exported_by: str) -> str:
    """Every pay rule as a version-1 file, with who last changed each in the admin and when."""
    rules = list(PayTransparencyRule.objects.order_by("country", "region", "locality", "pk"))
    content_type = ContentType.objects.get_for_model(PayTransparencyRule)
    changes = {}
    for entry in (
        LogEntry.objects.filter(content_type=content_type)
        .select_related("user")
        .order_by("action_time")
    ):
        changes[entry.object_repr] = {
            "author": entry.user.get_username() if entry.user else "",
            "date": entry.action_time.date().isoformat(),
            "source": entry.get_change_message(),
        }
    about = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "exported_by": exported_by,
        "changes": {
            rule.jurisdiction: changes[rule.jurisdiction]
            for rule in rules
            if rule.jurisdiction in changes
        },
    }
    rows = [{name: _json_value(getattr(rule, name)) for name in FIELDS} for rule in rules]
    steps = [
        {"about": about},
        {"create": "roles.PayTransparencyRule", "key": ["jurisdiction"], "rows": rows},
    ]
    return json.dumps(steps, indent=2, ensure_ascii=False) + "\n"


@dataclass
class RuleChange:
    jurisdiction: str
    #: (field, value before, value after); empty for a new rule.
    fields: list[tuple[str, object, object]] = field(default_factory=list)
    new: bool = False


@dataclass
class ImportPreview:
    #: Who exported the file and when, as the file says.
    exported_by: str
    exported_at: str
    changes: list[RuleChange]
    unchanged: int
    not_in_file: list[str]

    @property
    def changes_anything(self) -> bool:
        return bool(self.changes)

    @property
    def digest(self) -> str:
        """Names exactly these changes: the import is refused if the rules moved since."""
        return hashlib.sha256(repr(self.changes).encode()).hexdigest()


class ImportRefused(Exception):
    """The file cannot be imported: the message says why (shown to the admin)."""


def _read(text: str) -> tuple[dict, list[dict]]:
    if len(text.encode()) > IMPORT_MAX_BYTES:
        raise ImportRefused(f"The file is larger than {IMPORT_MAX_BYTES // 1000} kB.")
    try:
        steps = json.loads(text)
    except ValueError as error:
        raise ImportRefused(f"Not a JSON file: {error}.") from None
    if not (
        isinstance(steps, list) and steps and isinstance(steps[0], dict) and "about" in steps[0]
    ):
        raise ImportRefused("Not a pay rules file: it starts with its “about” step.")
    about = steps[0]["about"]
    if not isinstance(about, dict) or about.get("format") != FORMAT:
        raise ImportRefused("Not a pay rules file (its format is not “jdbuilder-pay-rules”).")
    if about.get("version") != VERSION:
        raise ImportRefused(
            f"Version {about.get('version')!r} of the file is not one this app reads."
        )
    rows = []
    for step in steps[1:]:
        if not isinstance(step, dict) or step.get("create") != "roles.PayTransparencyRule":
            raise ImportRefused("Every step after “about” creates roles.PayTransparencyRule rows.")
        if not isinstance(step.get("rows"), list):
            raise ImportRefused("A step has no list of rows.")
        rows.extend(step["rows"])
    if len(rows) > IMPORT_MAX_RULES:
        raise ImportRefused(f"More than {IMPORT_MAX_RULES} rules in one file.")
    return about, rows


def _rule_from(row, existing: PayTransparencyRule | None) -> PayTransparencyRule:
    if not isinstance(row, dict) or not isinstance(row.get("jurisdiction"), str):
        raise ImportRefused("Every row names its jurisdiction.")
    if unknown := sorted(set(row) - set(FIELDS)):
        raise ImportRefused(f"{row['jurisdiction']}: unknown fields {', '.join(unknown)}.")
    rule = existing or PayTransparencyRule()
    for name, value in row.items():
        model_field = PayTransparencyRule._meta.get_field(name)
        try:
            setattr(rule, name, model_field.to_python(value))
        except ValidationError as error:
            raise ImportRefused(
                f"{row['jurisdiction']}, {name}: {' '.join(error.messages)}"
            ) from None
    try:
        rule.full_clean(validate_unique=False)
    except ValidationError as error:
        problems = "; ".join(
            f"{key}: {' '.join(value)}" for key, value in error.message_dict.items()
        )
        raise ImportRefused(f"{row['jurisdiction']}: {problems}") from None
    return rule


def _plan(text: str) -> tuple[dict, ImportPreview, list[tuple[PayTransparencyRule, RuleChange]]]:
    about, rows = _read(text)
    current = {rule.jurisdiction: rule for rule in PayTransparencyRule.objects.all()}
    seen, changes, unchanged = set(), [], 0
    for row in rows:
        name = row.get("jurisdiction") if isinstance(row, dict) else None
        if name in seen:
            raise ImportRefused(f"{name} is in the file twice.")
        seen.add(name)
        before = current.get(name)
        before_values = {f: getattr(before, f) for f in FIELDS} if before else {}
        rule = _rule_from(row, PayTransparencyRule.objects.get(pk=before.pk) if before else None)
        if before is None:
            changes.append((rule, RuleChange(rule.jurisdiction, new=True)))
            continue
        differ = [
            (f, before_values[f], getattr(rule, f))
            for f in FIELDS
            if before_values[f] != getattr(rule, f)
        ]
        if differ:
            changes.append((rule, RuleChange(rule.jurisdiction, fields=differ)))
        else:
            unchanged += 1
    preview = ImportPreview(
        exported_by=str(about.get("exported_by", ""))[:150],
        exported_at=str(about.get("exported_at", ""))[:40],
        changes=[change for _, change in changes],
        unchanged=unchanged,
        not_in_file=sorted(set(current) - seen),
    )
    return about, preview, changes


def payrules_import_preview(*, text: str) -> ImportPreview:
    """What importing ``text`` would change; nothing is written."""
    return _plan(text)[1]


def payrules_import(*, text: str, user, previewed: str) -> ImportPreview:
    """Apply the file in one transaction, each change written to the rule's admin history with
    the file's author, date and source; refused unless the changes are still those previewed
    (``previewed``: the preview's digest)."""
    with transaction.atomic():
        # The rules' rows, locked: another import or an admin's edit waits for this one.
        list(PayTransparencyRule.objects.select_for_update())
        about, preview, changes = _plan(text)
        if preview.digest != previewed:
            raise ImportRefused("The rules changed since the preview: preview the file again.")
        file_changes = about.get("changes") if isinstance(about.get("changes"), dict) else {}
        for rule, change in changes:
            rule.save()
            said = file_changes.get(rule.jurisdiction) or {}
            message = (
                f"Imported from a pay rules file exported {about.get('exported_at', '?')} by "
                f"{about.get('exported_by', '?')}"
                + (
                    f"; changed by {said.get('author', '?')} on {said.get('date', '?')}"
                    f" ({said.get('source', '')})"
                    if isinstance(said, dict) and said
                    else ""
                )
                + (
                    f". Fields: {', '.join(f for f, _, _ in change.fields)}."
                    if change.fields
                    else "."
                )
            )
            LogEntry.objects.log_actions(
                user_id=user.pk,
                queryset=[rule],
                action_flag=ADDITION if change.new else CHANGE,
                change_message=message[:2000],
                single_object=True,
            )
        if changes:
            recount_open_findings_later()
    return preview
