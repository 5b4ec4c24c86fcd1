import importlib
from types import SimpleNamespace

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

    def migration(name: str):
        return importlib.import_module(f"roles.migrations.{name}")

    migration("0012_seed_levels").seed(django_apps, None)
    migration("0002_seed_role_templates").seed(_LevelSlugApps(), None)
    migration("0007_hr_groups").assign_groups(django_apps)
    migration("0010_hr_admins_see_task_results").give(django_apps)
    migration("0016_seed_guidance_data").seed(django_apps, None)
    migration("0017_revise_seeded_templates").revise(django_apps, None)
    migration("0020_hr_admins_keep_guidance").give(django_apps)
    migration("0025_reviewers_group").give(django_apps)
    migration("0029_seed_level_guide").seed(django_apps, None)
    migration("0029_seed_level_guide").give(django_apps)
    migration("0031_hr_admins_keep_pay_bands").give(django_apps)
    migration("0036_language_term_re2").convert(django_apps, None)


class _LevelSlugApps:
    """The current models for 0002's seed function, which names a template's level by its slug
    (a plain field then); the current model takes the slug as ``level_id``."""

    def get_model(self, app_label: str, model_name: str):
        model = django_apps.get_model(app_label, model_name)
        if model_name != "RoleTemplate":
            return model

        def get_or_create(*, slug, defaults):
            defaults = {("level_id" if k == "level" else k): v for k, v in defaults.items()}
            return model.objects.get_or_create(slug=slug, defaults=defaults)

        return SimpleNamespace(objects=SimpleNamespace(get_or_create=get_or_create))
