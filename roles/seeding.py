"""Reads the seed data files of ``roles/migrations/data/`` into the database, for the migrations.

A migration passes its historical ``apps``, so this module imports no model: each file names its
models and gets them from ``apps`` as they were at that migration. The files are frozen once
released (their digests are in ``DIGESTS``), so what a file means must never change: a new kind
of step may be added here, but the steps below keep their meaning. The folder's README.md says
how to add a file.

A file is a JSON list of steps, run in order:

- ``{"create": "roles.Level", "key": ["slug"], "every_row": {…}, "rows": [{…}, …]}`` creates
  each row (``every_row`` holds the values all rows share) unless a row with the same values in
  the ``key`` fields exists. An existing row, perhaps an admin's, is left as it is.
- ``{"revise": "roles.RoleTemplate", "rows": [{"where": {…}, "now": {…}}, …]}`` writes the
  ``now`` values into the rows that still hold every ``where`` value (including the old text):
  a row an admin has edited no longer matches, and keeps their edit.

A foreign key's value is its parent's natural key (``{"slug": "vp"}``) or null; other values are
plain JSON, read by their model field: dates as "YYYY-MM-DD", decimals as strings.
"""

import json
import secrets
from pathlib import Path

DATA = Path(__file__).resolve().parent / "migrations" / "data"


def load(apps, name: str) -> None:
    """Run the steps of the data file ``name`` on the models of ``apps``."""
    for step in read(name):
        if "create" in step:
            model = apps.get_model(step["create"])
            for row in _rows(step):
                key = {field: row[field] for field in step["key"]}
                if not model.objects.filter(**_lookups(model, key)).exists():
                    model.objects.create(**_values(model, row))
        else:
            model = apps.get_model(step["revise"])
            for row in step["rows"]:
                for instance in model.objects.filter(**_lookups(model, row["where"])):
                    for field, value in _values(model, row["now"]).items():
                        setattr(instance, field, value)
                    instance.save()  # not update(): a field with auto_now moves on, as in an edit


def move_guidance_stamp(apps) -> None:
    """Give the guidance stamp a new token: a migration that changes rules the checks read makes
    every process read them again (historical models send no signals to do it)."""
    stamp = apps.get_model("roles", "GuidanceStamp")
    if not stamp.objects.filter(pk=1).update(token=secrets.token_hex(16)):
        stamp.objects.get_or_create(pk=1)


def unload(apps, name: str) -> None:
    """Delete the rows that the file's "create" steps describe, the last step first: the reverse
    of a migration that seeds new tables."""
    for step in reversed(read(name)):
        if "create" in step:
            model = apps.get_model(step["create"])
            for row in _rows(step):
                key = {field: row[field] for field in step["key"]}
                _delete(model.objects.filter(**_lookups(model, key)))


def _delete(rows) -> None:
    """Delete ``rows`` of a historical model.

    Going back over several migrations, Django shares unchanged historical model classes between
    the states it renders, so a model's reverse relations can name another state's classes, and
    ``delete()`` then refuses the model's own rows ("Must be "RoleTemplate" instance"). Rows
    nothing refers to any longer (their items went in the file's earlier steps) are deleted
    directly; the reverse relations are asked by primary key, which any state's class accepts."""
    model = rows.model
    keys = list(rows.values_list("pk", flat=True))
    if not keys:
        return
    referred = any(
        relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": keys}).exists()
        for relation in model._meta.related_objects
    )
    if referred:
        rows.delete()  # rows another table refers to: Django's cascade and SET_NULL rules apply
    else:
        model._base_manager.filter(pk__in=keys)._raw_delete(rows.db)


def seeded_rows(label: str, key: str) -> dict[str, dict]:
    """The rows of ``label`` as the data files, run in order, leave them when nobody has edited
    one: each row's values by its ``key`` field, as JSON values. For the admin's list of rows that
    differ from the seed (an admin's edit, kept by every revision since)."""
    rows: dict[str, dict] = {}
    for path in sorted(DATA.glob("[0-9]*.json")):
        for step in read(path.name):
            if step.get("create") == label:
                for row in _rows(step):
                    rows.setdefault(row[key], dict(row))
            elif step.get("revise") == label:
                for revision in step["rows"]:
                    where = revision["where"]
                    for row in rows.values():
                        if all(_holds(row, field, value) for field, value in where.items()):
                            row.update(revision["now"])
    return rows


def _holds(row: dict, field: str, value) -> bool:
    """Whether a seeded row holds ``value``: a field no data file set holds its model's default,
    which for the fields later files revise is empty ({}, [] or "")."""
    if field not in row:
        return value in ({}, [], "")
    return row[field] == value


def read(name: str) -> list[dict]:
    """The steps of the data file ``name``."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _rows(step: dict) -> list[dict]:
    return [step.get("every_row", {}) | row for row in step["rows"]]


def _values(model, row: dict) -> dict:
    """Keyword arguments for the model: a parent fetched by its natural key, any other value
    parsed by its field."""
    values = {}
    for name, value in row.items():
        field = model._meta.get_field(name)
        if not field.is_relation:
            values[name] = field.to_python(value)
            # SQLite stores a text longer than its column; PostgreSQL refuses it. Refuse it
            # here, on every database, so that the tests (on SQLite) catch a data file that
            # would stop a migration in production.
            limit = getattr(field, "max_length", None)
            if limit and isinstance(values[name], str) and len(values[name]) > limit:
                label = model._meta.label
                raise ValueError(
                    f"{label}.{name} holds at most {limit} characters; the data file gives"
                    f" {len(values[name])}: {values[name][:60]!r}…"
                )
        elif value is None:
            values[name] = None
        else:
            values[name] = field.related_model._default_manager.get(**value)
    return values


def _lookups(model, row: dict) -> dict:
    """Filter arguments: a parent's natural key followed through its foreign key."""
    lookups = {}
    for name, value in row.items():
        if model._meta.get_field(name).is_relation and value is not None:
            lookups |= {f"{name}__{field}": part for field, part in value.items()}
        else:
            lookups[name] = value
    return lookups
