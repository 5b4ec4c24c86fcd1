"""``/healthz`` and ``/readyz`` (``roles/ops/health.py``)."""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.helpers.data import make_user
from tests.helpers.tasks import sleep_then_say

pytestmark = pytest.mark.django_db

HEALTH_TOKEN = "a-monitor's-token-for-the-tests-0123456789"


@pytest.fixture
def monitor(settings) -> Client:
    """A monitor sending the health token: it reads the checks in full."""
    settings.HEALTH_TOKEN = HEALTH_TOKEN
    return Client(headers={"Authorization": f"Bearer {HEALTH_TOKEN}"})


def test_healthz_reports_database_cache_and_queue(monitor):
    response = monitor.get("/healthz")
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


def test_a_backlog_keeps_the_host_alive_but_not_ready(monitor, settings):
    settings.TASKS_READY_MAX_WAIT_SECONDS = 300
    queue_a_task(minutes_ago=1)
    assert monitor.get("/readyz").status_code == 200
    queue_a_task(minutes_ago=6)
    alive = monitor.get("/healthz")
    assert alive.status_code == 200
    assert alive.json()["queue"]["waiting"] == 2
    assert alive.json()["queue"]["oldest_wait_seconds"] >= 360
    ready = monitor.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["problems"] == ["tasks are waiting too long"]


def test_failures_in_the_last_hour_make_the_host_not_ready(monitor, settings):
    settings.TASKS_READY_MAX_FAILURES_PER_HOUR = 1
    queue_a_task(failed=True)
    assert monitor.get("/readyz").status_code == 200
    queue_a_task(failed=True)
    ready = monitor.get("/readyz")
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
def test_healthz_says_503_when_the_cache_is_down(monitor):
    response = monitor.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unreachable"


def test_a_task_queue_that_cannot_be_reached_keeps_the_host_alive_but_not_ready(
    monitor, monkeypatch
):
    def redis_down():
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("roles.ops.health.task_queue_status", redis_down)
    alive = monitor.get("/healthz")
    assert (alive.status_code, alive.json()["queue"]) == (200, "unreachable")
    ready = monitor.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["problems"] == ["the task queue is unreachable"]


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
)
def test_anyone_gets_the_status_code_and_no_details(client, settings):
    """The load balancer's answer (200/503) for anyone; what is wrong, and the queue's numbers,
    only for staff or a monitor with the token."""
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (503, {"status": "unavailable"})
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/healthz", "/readyz"])
def test_the_details_need_staff_or_the_token(client, settings, url):
    settings.TASKS_READY_MAX_WAIT_SECONDS = 300
    queue_a_task(minutes_ago=1)
    assert (client.get(url).status_code, client.get(url).json()) == (200, {"status": "ok"})
    settings.HEALTH_TOKEN = ""  # no token set: none opens the details, not even an empty one
    for header in ("Bearer ", "Bearer", ""):
        assert client.get(url, headers={"Authorization": header}).json() == {"status": "ok"}
    settings.HEALTH_TOKEN = HEALTH_TOKEN
    for header in (f"Bearer {HEALTH_TOKEN[:-1]}", f"Basic {HEALTH_TOKEN}", HEALTH_TOKEN):
        assert client.get(url, headers={"Authorization": header}).json() == {"status": "ok"}
    with_token = client.get(url, headers={"Authorization": f"Bearer {HEALTH_TOKEN}"})
    assert with_token.json()["queue"]["waiting"] == 1
    client.force_login(make_user("alice"))
    assert client.get(url).json() == {"status": "ok"}
    client.force_login(make_user("operator", is_staff=True))
    assert client.get(url).json()["queue"]["waiting"] == 1
    queue_a_task(minutes_ago=6)
    client.logout()
    expected = (200, {"status": "ok"}) if url == "/healthz" else (503, {"status": "unavailable"})
    assert (client.get(url).status_code, client.get(url).json()) == expected
