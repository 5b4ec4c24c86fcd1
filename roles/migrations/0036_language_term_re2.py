"""Language terms are matched with RE2 (hardening, issue 23): linear in the text whatever the
pattern, but with no lookaround. A pattern's trailing negative lookahead becomes the new "not
when followed by" field; Python's \\uXXXX becomes RE2's \\x{XXXX}; any stored pattern RE2 still
refuses is turned off, with a note on the row saying why.

Self-contained (no app code), and idempotent: a second run changes nothing."""

import re

import re2
from django.db import migrations, models

NOTE = (
    "Turned off when patterns moved to RE2 (migration 0036): RE2 cannot compile {field} "
    "({error}). Rewrite it without lookaround or backreferences, then turn the term back on."
)


def _compiles(pattern: str) -> str | None:
    """None if RE2 compiles ``pattern``, else its error."""
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    try:
        re2.compile(pattern, options=options)
    except re2.error as error:
        return str(error)
    return None


def _trailing_lookahead(pattern: str) -> tuple[str, str] | None:
    """(what comes before, what is inside) when ``pattern`` ends with one ``(?!…)`` group."""
    if not pattern.endswith(")"):
        return None
    start = pattern.rfind("(?!")
    while start != -1:
        depth, index, in_class = 0, start, False
        while index < len(pattern):
            char = pattern[index]
            if char == "\\":
                index += 2
                continue
            if in_class:
                in_class = char != "]"
            elif char == "[":
                in_class = True
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    break
            index += 1
        if depth == 0 and index == len(pattern) - 1:
            return pattern[:start], pattern[start + 3 : -1]
        start = pattern.rfind("(?!", 0, start)
    return None


def _re2_syntax(pattern: str) -> str:
    return re.sub(r"\\u([0-9A-Fa-f]{4})", r"\\x{\1}", pattern)


def convert(apps, schema_editor):
    LanguageTerm = apps.get_model("roles", "LanguageTerm")
    for term in LanguageTerm.objects.all():
        pattern, follows = _re2_syntax(term.pattern), _re2_syntax(term.not_followed_by)
        if term.match == "pattern" and not follows and (split := _trailing_lookahead(pattern)):
            before, inside = split
            if _compiles(before) is None and _compiles(inside) is None:
                pattern, follows = before, inside
        changed = {}
        if (pattern, follows) != (term.pattern, term.not_followed_by):
            changed = {"pattern": pattern, "not_followed_by": follows}
        for field, value in (("the pattern", pattern), ("“not when followed by”", follows)):
            if field == "the pattern" and term.match != "pattern":
                continue
            if value and (error := _compiles(value)) and term.is_active:
                changed |= {
                    "is_active": False,
                    "admin_note": NOTE.format(field=field, error=error)[:300],
                }
                break
        if changed:
            LanguageTerm.objects.filter(pk=term.pk).update(**changed)


def restore_lookaheads(apps, schema_editor):
    """Back to Python's syntax: "not when followed by" folded into the pattern as a lookahead.
    Terms turned off here stay off (their notes say why)."""
    LanguageTerm = apps.get_model("roles", "LanguageTerm")
    for term in LanguageTerm.objects.filter(match="pattern").exclude(not_followed_by=""):
        LanguageTerm.objects.filter(pk=term.pk).update(
            pattern=f"{term.pattern}(?!{term.not_followed_by})"
        )


class Migration(migrations.Migration):
    dependencies = [("roles", "0035_share_link_token_hash")]

    operations = [
        migrations.AddField(
            model_name="languageterm",
            name="not_followed_by",
            field=models.CharField(
                blank=True,
                help_text="A phrase or regular expression (RE2, case ignored) that, right after a "
                "hit, means it is not one (spaces between are skipped): “'s” keeps “young” from "
                "flagging “Young's modulus”.",
                max_length=300,
                verbose_name="not when followed by",
            ),
        ),
        migrations.AddField(
            model_name="languageterm",
            name="admin_note",
            field=models.CharField(
                blank=True,
                help_text="Why the app changed or turned off this term (read-only).",
                max_length=300,
            ),
        ),
        migrations.AlterField(
            model_name="languageterm",
            name="pattern",
            field=models.CharField(
                blank=True,
                help_text="With “Regular expression”: what to look for (case is ignored), in "
                "RE2 syntax (https://github.com/google/re2/wiki/Syntax): no lookaround or "
                "backreferences.",
                max_length=300,
            ),
        ),
        migrations.RunPython(convert, restore_lookaheads),
    ]
