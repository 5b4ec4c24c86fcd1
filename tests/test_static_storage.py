"""The production static files storage: WhiteNoise's hashed names, each URL worked out once."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from roles.storage import StaticFilesStorage
from tests.test_media_storage import settings_from_env


@pytest.fixture
def location(tmp_path, settings):
    settings.DEBUG = False
    manifest = {
        "version": "1.1",
        "paths": {
            "roles/app.css": "roles/app.0123abcd.css",
            "vendor/htmx.min.js": "vendor/htmx.min.4567ef01.js",
        },
    }
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return tmp_path


def test_urls_are_whitenoises_hashed_names(location):
    ours = StaticFilesStorage(location=location, base_url="/static/")
    whitenoise = CompressedManifestStaticFilesStorage(location=location, base_url="/static/")
    for name in ("roles/app.css", "vendor/htmx.min.js", "roles/app.css"):
        for force in (False, True):
            assert ours.url(name, force) == whitenoise.url(name, force)
    assert ours.url("roles/app.css") == "/static/roles/app.0123abcd.css"


def test_a_file_missing_from_the_manifest_is_an_error_every_time(location):
    storage = StaticFilesStorage(location=location, base_url="/static/")
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("roles/missing.css")


def test_production_uses_it_and_development_does_not(monkeypatch):
    production = settings_from_env(
        monkeypatch,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="s" * 50,
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert production["STORAGES"]["staticfiles"]["BACKEND"] == "roles.storage.StaticFilesStorage"
    development = settings_from_env(monkeypatch, DJANGO_DEBUG="1")
    assert development["STORAGES"]["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
