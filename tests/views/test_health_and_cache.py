import os

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from tests.helpers.project import run_django

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
)
def test_healthz_says_503_when_the_cache_is_down(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unreachable"


def test_the_configured_cache_is_the_one_in_use():
    """CI runs this file once with REDIS_URL set: then the PDF cache really lives in Redis."""
    backend = type(caches["default"]).__module__
    if os.environ.get("REDIS_URL"):
        assert "redis" in backend
        cache.set("jdbuilder-probe", b"%PDF-1.7", 30)
        assert cache.get("jdbuilder-probe") == b"%PDF-1.7"
    else:
        # Files in a folder: what one process stores, another (a task worker) reads.
        assert "filebased" in backend
        cache.set("jdbuilder-probe", b"%PDF-1.7", 30)
        probe = "from django.core.cache import cache; print(cache.get('jdbuilder-probe'))"
        result = run_django(probe)
        assert result.stdout.strip() == "b'%PDF-1.7'", result.stderr
