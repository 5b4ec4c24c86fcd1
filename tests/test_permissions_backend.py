"""The authentication backend reads a user's permissions in one query and answers exactly as
Django's ModelBackend does."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.backends import PermissionsInOneQueryBackend
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def permission(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


@pytest.fixture
def users():
    """Users whose permissions come every way they can: none, directly, through one or two
    groups, both ways at once (overlapping), and users who get none whatever they hold."""
    managers = Group.objects.get(name="HR managers")
    admins = Group.objects.get(name="HR admins")
    own_group = Group.objects.create(name="Auditors")
    own_group.permissions.add(permission("view_jobdescription"), permission("view_roletemplate"))

    plain = make_user("plain")
    direct = make_user("direct")
    direct.user_permissions.add(permission("add_roletemplate"), permission("view_logentry"))
    manager = make_user("manager")
    manager.groups.add(managers)
    two_groups = make_user("two-groups")
    two_groups.groups.add(managers, admins)
    both = make_user("both")
    both.groups.add(own_group, admins)
    both.user_permissions.add(permission("view_roletemplate"), permission("delete_user"))
    inactive = make_user("inactive", is_active=False)
    inactive.groups.add(admins)
    superuser = get_user_model().objects.create_superuser("root", password="x" * 12)
    return [plain, direct, manager, two_groups, both, inactive, superuser]


def fresh(user):
    """The user read again, so no permission cache of an earlier call answers."""
    return get_user_model().objects.get(pk=user.pk)


def test_it_answers_exactly_as_django_model_backend(users):
    ours, django_own = PermissionsInOneQueryBackend(), ModelBackend()
    for user in users:
        expected = django_own.get_all_permissions(fresh(user))
        assert ours.get_all_permissions(fresh(user)) == expected, user.username
    # The fixture is not trivially empty: these users hold what their groups give them.
    manager, two_groups, both = users[2], users[3], users[4]
    assert ours.get_all_permissions(fresh(manager)) == {"roles.read_all_jobdescriptions"}
    assert "roles.change_roletemplate" in ours.get_all_permissions(fresh(two_groups))
    assert {"auth.delete_user", "roles.view_jobdescription", "roles.delete_roletemplate"} <= (
        ours.get_all_permissions(fresh(both))
    )
    assert ours.get_all_permissions(AnonymousUser()) == set()
    assert ours.get_all_permissions(fresh(manager), obj=manager) == set()


def test_one_query_and_then_none_for_the_rest_of_the_request(users):
    user = fresh(users[4])
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("auth.delete_user")
        assert user.has_perm("roles.change_roletemplate")
        assert not user.has_perm("roles.read_all_jobdescriptions")
        assert user.has_module_perms("roles")
    assert len(queries) == 1


def test_a_permission_taken_away_is_gone_at_the_next_request(users):
    manager = users[2]
    assert fresh(manager).has_perm("roles.read_all_jobdescriptions")
    manager.groups.clear()
    assert not fresh(manager).has_perm("roles.read_all_jobdescriptions")


def test_it_is_the_configured_backend(settings):
    assert "roles.backends.PermissionsInOneQueryBackend" in settings.AUTHENTICATION_BACKENDS
    assert "django.contrib.auth.backends.ModelBackend" not in settings.AUTHENTICATION_BACKENDS
