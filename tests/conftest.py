import importlib

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache

from tests.helpers.data import make_draft, make_user


@pytest.fixture
def alice(db):
    return make_user("alice")


@pytest.fixture
def bob(db):
    return make_user("bob")


@pytest.fixture
def draft(alice):
    """A draft of Alice's, started from the VP of Operations template."""
    return make_draft(alice)


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rendered PDFs, editor fields, rate limits)."""
    cache.clear()


@pytest.fixture(autouse=True)
def seeded_data(request):
    """The role templates and HR groups the data migrations create. A transactional test empties
    every table when it ends, so before each one put them back with the migrations' own
    (idempotent) functions."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    importlib.import_module("roles.migrations.0002_seed_role_templates").seed(django_apps, None)
    importlib.import_module("roles.migrations.0007_hr_groups").assign_groups(django_apps)
    importlib.import_module("roles.migrations.0010_hr_admins_see_task_results").give(django_apps)
