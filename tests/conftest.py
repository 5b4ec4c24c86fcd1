from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connections

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


@pytest.fixture(scope="session")
def saml_idp(tmp_path_factory):
    """The test SAML identity provider (tests/idp_saml), one process for the whole run."""
    from tests.helpers.saml_idp import start_saml_identity_provider

    provider = start_saml_identity_provider(folder=tmp_path_factory.mktemp("saml-idp"))
    yield provider
    provider.stop()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rendered PDFs, editor fields, rate limits)."""
    cache.clear()


@pytest.fixture
def frozen_window(monkeypatch):
    """The rate limits' clock stands still mid-window, so a test never straddles two windows."""
    from roles import http

    monkeypatch.setattr(http, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))


@pytest.fixture(autouse=True)
def fresh_guidance_rules():
    """Each test reads the guidance rules afresh: a test may write the tables without the signals
    that renew the stamp (a queryset update), and the process would keep the rules it held."""
    from roles.selectors.guidance import forget_guidance_rules

    forget_guidance_rules()


#: The database as the migrations left it, serialized by Django when it made the test database.
_serialized_after_migrate: str | None = None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    global _serialized_after_migrate
    _serialized_after_migrate = getattr(connections["default"], "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def seeded_rows_back(request):
    """``serialized_rollback`` restores through an attribute of the thread's connection object,
    and once Playwright's sync API has run in the test thread that object is a new one without
    it: Django then restores nothing, silently. Give the new object the serialized database and
    restore it, so a browser test after another one still finds the role templates."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("serialized_rollback")) or not _serialized_after_migrate:
        return
    connection = connections["default"]
    if not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = _serialized_after_migrate
        connection.creation.deserialize_db_from_string(_serialized_after_migrate)


def pytest_collection_modifyitems(items):
    """Transactional tests (a live server, ``transaction=True``) restore the database the way
    Django's own do, with ``serialized_rollback``: each one empties every table when it ends, so
    what the migrations left (role templates, guidance data, groups and their permissions),
    serialized once when the test database is made, is loaded again before each of them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        options = marker.kwargs if marker else {}
        uses = {"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ()))
        if options.get("transaction") or uses:
            rollback = {**options, "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**rollback), append=False)


@pytest.fixture
def make_receiver():
    """Starts real HTTP receivers on 127.0.0.1 (tests/helpers/receiver.py); stops them after."""
    from tests.helpers.receiver import Receiver

    started = []

    def start(*answers, tls=None):
        receiver = Receiver(*answers, tls=tls)
        started.append(receiver)
        return receiver

    yield start
    for receiver in started:
        receiver.stop()
