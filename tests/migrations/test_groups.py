"""The groups of HR users hold what roles/groups.py declares, given by an idempotent sync that
only ever adds."""

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.state import ProjectState
from django.test.utils import CaptureQueriesContext

from roles.groups import GROUPS, sync_groups

pytestmark = pytest.mark.django_db


def held(name: str) -> set[str]:
    permissions = Group.objects.get(name=name).permissions.select_related("content_type")
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


def test_after_migrate_each_group_holds_exactly_its_declared_permissions():
    assert set(Group.objects.values_list("name", flat=True)) == set(GROUPS)
    for name, declared in GROUPS.items():
        assert held(name) == set(declared), name


def test_the_sync_brings_back_a_missing_group_and_permission_and_a_second_sync_changes_nothing():
    Group.objects.get(name="Reviewers").delete()
    Group.objects.get(name="HR admins").permissions.remove(
        Permission.objects.get(content_type__app_label="roles", codename="view_payband")
    )
    sync_groups(django_apps)
    assert held("Reviewers") == {"roles.review_jobdescription"}
    assert "roles.view_payband" in held("HR admins")

    before = {name: held(name) for name in GROUPS}
    with CaptureQueriesContext(connection) as queries:
        sync_groups(django_apps)
    assert [q["sql"] for q in queries if not q["sql"].startswith("SELECT")] == []
    assert {name: held(name) for name in GROUPS} == before


def test_a_permission_an_admin_granted_survives_the_sync():
    managers = Group.objects.get(name="HR managers")
    managers.permissions.add(
        Permission.objects.get(content_type__app_label="roles", codename="view_level")
    )
    sync_groups(django_apps)
    assert held("HR managers") == {*GROUPS["HR managers"], "roles.view_level"}


def test_a_migrate_that_stops_before_auth_has_no_groups_to_sync():
    sync_groups(ProjectState().apps)  # ``migrate contenttypes`` on a new database: no auth models
