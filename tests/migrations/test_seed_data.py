"""Seed data lives in frozen files beside the migrations (roles/migrations/data/), read by one
loader: the files are never edited once released, and the migrations that read them seed exactly
what the release's migrations seeded when the data was still literals in their code."""

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from roles import seeding
from roles.models import LanguageTerm, RoleTemplate, TemplateKPI
from tests.helpers.project import ROOT, project_env

DATA = ROOT / "roles" / "migrations" / "data"
FROZEN = "released data files are frozen: add a new file and a migration"
RELEASE_DATABASE = ROOT / "tests" / "upgrade" / "release_2026_12_03" / "db.sqlite3"
#: The release database's last migration. Later migrations may revise seeded rows on purpose,
#: so the comparison stops here.
RELEASE_MIGRATION = ("roles", "0036")
SEEDED_TABLES = [
    "roles_level",
    "roles_levelsignal",
    "roles_roletemplate",
    "roles_templateresponsibility",
    "roles_templatekpi",
    "roles_templatequalification",
    "roles_templateworklocation",
    "roles_gendercodedword",
    "roles_gendercodedexception",
    "roles_languageterm",
    "roles_paytransparencyrule",
    "roles_guidancestamp",
    "roles_levelguidequestion",
    "roles_levelguideanswer",
]
#: How a row names its parent where the foreign key holds an auto id, which may differ.
NATURAL_KEYS = {
    "roles_level": "slug",
    "roles_roletemplate": "slug",
    "roles_levelguidequestion": "position",
}
#: Set to the time the migration ran, so never equal across two databases.
TIMESTAMPS = {("roles_roletemplate", "updated_at")}
GROUP_PERMISSIONS = """
    SELECT g.name, ct.app_label, p.codename
    FROM auth_group g
    JOIN auth_group_permissions gp ON gp.group_id = g.id
    JOIN auth_permission p ON p.id = gp.permission_id
    JOIN django_content_type ct ON ct.id = p.content_type_id
    ORDER BY 1, 2, 3
"""


def frozen_file_problems(folder: Path) -> list[str]:
    """How the data files of ``folder`` differ from its DIGESTS (``sha256sum`` lines)."""
    recorded = {}
    for line in (folder / "DIGESTS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        recorded[name] = digest
    files = sorted(path.name for path in folder.glob("*.json"))
    problems = [f"{name} has no digest in DIGESTS" for name in files if name not in recorded]
    for name, digest in recorded.items():
        path = folder / name
        if not path.exists():
            problems.append(f"{name} is gone: {FROZEN}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{name} changed: {FROZEN}")
    return problems


def test_every_data_file_is_as_released():
    assert frozen_file_problems(DATA) == []


def test_a_changed_data_file_is_refused(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    levels = folder / "0012_levels.json"
    levels.write_text(levels.read_text().replace("Vice President", "Vice-President"))
    assert frozen_file_problems(folder) == [f"0012_levels.json changed: {FROZEN}"]


def test_each_data_file_is_read_by_the_migration_of_its_number():
    migrations = {path.name[:4]: path for path in (ROOT / "roles" / "migrations").glob("0*.py")}
    for data in DATA.glob("*.json"):
        assert f'"{data.name}"' in migrations[data.name[:4]].read_text(), data.name


@pytest.mark.django_db
def test_a_create_step_adds_only_missing_rows_and_unload_deletes_them(tmp_path, monkeypatch):
    LanguageTerm.objects.filter(term="young").update(suggestion="An admin's own words.")
    steps = [
        {
            "create": "roles.LanguageTerm",
            "key": ["category", "term"],
            "every_row": {"category": "age", "why": "A test."},
            "rows": [
                {"term": "young", "suggestion": "The file's words."},
                {"term": "spry", "suggestion": "Say what the work needs."},
            ],
        }
    ]
    (tmp_path / "9001_terms.json").write_text(json.dumps(steps))
    monkeypatch.setattr(seeding, "DATA", tmp_path)
    seeding.load(django_apps, "9001_terms.json")
    assert LanguageTerm.objects.get(term="young").suggestion == "An admin's own words."
    assert LanguageTerm.objects.get(term="spry").suggestion == "Say what the work needs."

    seeding.unload(django_apps, "9001_terms.json")  # what the reverse migration does
    assert not LanguageTerm.objects.filter(term__in=["young", "spry"]).exists()


@pytest.mark.django_db
def test_a_revise_step_changes_only_rows_still_as_released(tmp_path, monkeypatch):
    RoleTemplate.objects.filter(slug="director-of-operations").update(reports_to="The COO")
    vp_margin = {"template": {"slug": "vp-of-operations"}, "name": "Operating margin"}
    steps = [
        {
            "revise": "roles.RoleTemplate",
            "rows": [
                {
                    "where": {"slug": slug, "reports_to": reports_to},
                    "now": {"reports_to": "Chief Operating Officer (COO)"},
                }
                for slug, reports_to in [
                    ("vp-of-operations", "Chief Executive Officer (CEO)"),
                    ("director-of-operations", "VP of Operations"),
                ]
            ],
        },
        {"revise": "roles.TemplateKPI", "rows": [{"where": vp_margin, "now": {"target": "≥ 20%"}}]},
    ]
    (tmp_path / "9002_revisions.json").write_text(json.dumps(steps))
    monkeypatch.setattr(seeding, "DATA", tmp_path)
    seeding.load(django_apps, "9002_revisions.json")
    reports_to = dict(RoleTemplate.objects.values_list("slug", "reports_to"))
    assert reports_to == {
        "vp-of-operations": "Chief Operating Officer (COO)",
        "director-of-operations": "The COO",
        "operations-manager": "Director of Operations",  # 0045 (issue #25), not revised here
    }
    kpi = TemplateKPI.objects.get(template__slug="vp-of-operations", name="Operating margin")
    assert kpi.target == "≥ 20%"


def seeded_rows(database: Path) -> dict[str, list[tuple]]:
    """Every seeded table's rows on their natural fields, and the groups with their permissions."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro&immutable=1", uri=True)) as db:
        rows = {table: _natural_rows(db, table) for table in SEEDED_TABLES}
        rows["auth_group"] = db.execute("SELECT name FROM auth_group ORDER BY name").fetchall()
        rows["auth_group_permissions"] = db.execute(GROUP_PERMISSIONS).fetchall()
    return rows


def _natural_rows(db: sqlite3.Connection, table: str) -> list[tuple]:
    foreign_keys = db.execute(f'PRAGMA foreign_key_list("{table}")')
    parents = {column: (parent, key) for _, _, parent, column, key, *_ in foreign_keys}
    columns = []
    for _, name, *_ in db.execute(f'PRAGMA table_info("{table}")'):
        if name == "id" or (table, name) in TIMESTAMPS:
            continue
        parent, parent_column = parents.get(name, (None, None))
        if parent_column == "id":
            key = NATURAL_KEYS[parent]
            columns.append(f'(SELECT "{key}" FROM "{parent}" WHERE id = "{table}"."{name}")')
        else:
            columns.append(f'"{name}"')
    select = ", ".join(columns)
    return db.execute(f'SELECT {select} FROM "{table}" ORDER BY {select}').fetchall()


@pytest.fixture(scope="module")
def fresh_rows(tmp_path_factory) -> dict[str, list[tuple]]:
    """The seeded rows of a new SQLite database migrated to the release's last migration in a
    process of its own (``manage.py migrate``, post_migrate included), as a new site's is."""
    database = tmp_path_factory.mktemp("fresh") / "db.sqlite3"
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", *RELEASE_MIGRATION, "--no-input"],
        cwd=ROOT, env=project_env(DATABASE_URL=f"sqlite:///{database}"),
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert migrated.returncode == 0, migrated.stderr
    return seeded_rows(database)


#: Permissions the groups have gained since the release. The groups follow roles/groups.py after
#: every migrate (post_migrate), so a database migrated to the release's last migration by today's
#: code has them too: HR admins manage people in the HR groups (issue #27, item 12).
GRANTED_SINCE_RELEASE = [("HR admins", "auth", "change_user"), ("HR admins", "auth", "view_user")]


@pytest.mark.parametrize("table", [*SEEDED_TABLES, "auth_group", "auth_group_permissions"])
def test_the_migrations_seed_what_the_release_seeded(fresh_rows, table):
    assert fresh_rows[table], f"{table} is empty: nothing to compare"
    expected = seeded_rows(RELEASE_DATABASE)[table]
    if table == "auth_group_permissions":
        expected = sorted([*expected, *GRANTED_SINCE_RELEASE])
    assert fresh_rows[table] == expected
