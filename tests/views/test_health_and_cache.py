import os
from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.helpers.project import run_django
from tests.helpers.tasks import sleep_then_say

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_cache_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "queue": {"waiting": 0, "oldest_wait_seconds": 0, "failed_last_hour": 0, "workers": 0},
    }
    assert "no-store" in response["Cache-Control"]


def queue_a_task(*, minutes_ago: float = 0, failed: bool = False) -> None:
    result = sleep_then_say.enqueue(0, "hello")
    row = DBTaskResult.objects.get(pk=result.id)
    row.enqueued_at = timezone.now() - timedelta(minutes=minutes_ago)
    row.save(update_fields=["enqueued_at"])
    if failed:
        row.set_failed(RuntimeError("boom"))


def test_a_backlog_keeps_the_host_alive_but_not_ready(client, settings):
    settings.TASKS_READY_MAX_WAIT_SECONDS = 300
    queue_a_task(minutes_ago=1)
    assert client.get("/readyz").status_code == 200
    queue_a_task(minutes_ago=6)
    alive = client.get("/healthz")
    assert alive.status_code == 200
    assert alive.json()["queue"]["waiting"] == 2
    assert alive.json()["queue"]["oldest_wait_seconds"] >= 360
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["problems"] == ["tasks are waiting too long"]


def test_failures_in_the_last_hour_make_the_host_not_ready(client, settings):
    settings.TASKS_READY_MAX_FAILURES_PER_HOUR = 1
    queue_a_task(failed=True)
    assert client.get("/readyz").status_code == 200
    queue_a_task(failed=True)
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["problems"] == ["too many tasks failed in the last hour"]
    assert ready.json()["queue"]["failed_last_hour"] == 2


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


def test_a_task_queue_that_cannot_be_reached_keeps_the_host_alive_but_not_ready(
    client, monkeypatch
):
    def redis_down():
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("roles.views.health.task_queue_status", redis_down)
    alive = client.get("/healthz")
    assert (alive.status_code, alive.json()["queue"]) == (200, "unreachable")
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["problems"] == ["the task queue is unreachable"]
