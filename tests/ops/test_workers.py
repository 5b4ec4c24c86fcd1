"""Task workers' heartbeats and taking over a dead worker's tasks (``roles/ops/workers.py``)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from roles.models import WorkerHeartbeat
from roles.ops import worker_recover_abandoned_tasks
from tests.helpers.project import task_worker, wait_until
from tests.helpers.tasks import sleep_then_say

pytestmark = pytest.mark.django_db


def abandoned_task(worker_ids: list[str], minutes_ago: float = 1) -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=sleep_then_say.enqueue(0, "hello").id)
    result.status = "RUNNING"
    result.worker_ids = worker_ids
    result.started_at = timezone.now() - timedelta(minutes=minutes_ago)
    result.save()
    return result


def test_tasks_of_a_worker_that_died_are_queued_again_or_failed(settings):
    alive = WorkerHeartbeat.objects.create(
        worker_id="alive", hostname="h", pid=1, started_at=timezone.now(), last_seen=timezone.now()
    )
    gone = timezone.now() - timedelta(minutes=5)
    WorkerHeartbeat.objects.create(
        worker_id="dead", hostname="h", pid=2, started_at=gone, last_seen=gone
    )
    running_fine = abandoned_task(["alive"])
    retried = abandoned_task(["dead"])
    given_up = abandoned_task(["dead", "dead-too", "dead"])
    just_claimed = abandoned_task(["dead"], minutes_ago=0)

    worker_recover_abandoned_tasks(max_attempts=3)

    statuses = {
        name: DBTaskResult.objects.get(pk=result.pk).status
        for name, result in [
            ("running_fine", running_fine),
            ("retried", retried),
            ("given_up", given_up),
            ("just_claimed", just_claimed),
        ]
    }
    assert statuses == {
        "running_fine": "RUNNING",
        "retried": "READY",
        "given_up": "FAILED",
        "just_claimed": "RUNNING",  # not silent for three heartbeats yet
    }
    assert "WorkerDied" in DBTaskResult.objects.get(pk=given_up.pk).exception_class_path
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == [alive.worker_id]


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_is_killed_is_finished_by_another_worker():
    result = sleep_then_say.enqueue(3, "finished")
    with task_worker(heartbeat=0.3) as first:
        wait_until(
            lambda: DBTaskResult.objects.get(pk=result.id).status == "RUNNING",
            message="the first worker did not start the task",
        )
        first.kill()  # SIGKILL: no clean-up, its heartbeat just stops
        first.wait()
    assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"
    with task_worker(heartbeat=0.3) as second:
        try:
            wait_until(
                lambda: DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL",
                timeout=30,
                message="no other worker finished the task",
            )
        except AssertionError:
            second.terminate()
            raise AssertionError(second.stdout.read()) from None
    finished = DBTaskResult.objects.get(pk=result.id)
    assert finished.return_value == "finished"
    assert len(finished.worker_ids) == 2 and finished.worker_ids[0] != finished.worker_ids[1]
    left = list(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    assert left == [], f"heartbeats left behind: {left}; the workers were {finished.worker_ids}"
