"""The configured cache is the one in use; pages with drafts on them are never cached."""

import os

import pytest
from django.core.cache import cache, caches
from django.urls import reverse

from tests.helpers.project import run_django

pytestmark = pytest.mark.django_db


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


def test_pages_with_drafts_on_them_are_never_cached(alice_client, draft):
    for url in (reverse("roles:compare"), reverse("roles:delete", args=[draft.pk])):
        response = alice_client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url
