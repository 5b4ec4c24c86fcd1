"""Background tasks: what a save queues, and a real worker process rendering for the web."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from roles.models import JobDescription, WorkerHeartbeat
from roles.services.drafts import ItemValues, jobdescription_save
from tests.helpers.data import editor_data, make_draft
from tests.helpers.project import task_worker, wait_until

pytestmark = pytest.mark.django_db


def queued_renders() -> list[list]:
    return [
        result.args_kwargs["args"]
        for result in DBTaskResult.objects.filter(task_path="roles.tasks.render_draft_pdf")
    ]


def test_a_save_queues_the_render_of_the_version_it_saved(
    alice_client, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(draft.get_absolute_url(), editor_data(draft, title="New"))
    assert response.status_code == 302
    assert queued_renders() == [[draft.pk, 2]]


def test_a_save_that_fails_queues_nothing(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        jobdescription_save(
            job_description=draft,
            fields={"title": "New"},
            items={"responsibilities": [ItemValues(id=None, values={"text": ""})]},
            expected_version=1,
        )
    assert queued_renders() == []


def worker_page_note(client, draft) -> bool:
    page = client.get(draft.get_absolute_url()).content.decode()
    return 'id="documents-on-demand"' in page


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_after_a_save_and_the_download_is_served_from_it(alice, caplog):
    client = Client()
    client.force_login(alice)
    draft = make_draft(alice)
    assert worker_page_note(client, draft)  # no worker yet: PDFs are made on demand
    with task_worker() as worker:
        wait_until(lambda: WorkerHeartbeat.objects.alive().exists(), message="no heartbeat")
        assert not worker_page_note(client, draft)
        data = editor_data(draft, title="VP of Operations, EMEA")
        assert client.post(draft.get_absolute_url(), data).status_code == 302
        wait_until(
            lambda: DBTaskResult.objects.filter(
                args_kwargs={"args": [draft.pk, 2], "kwargs": {}}, status="SUCCESSFUL"
            ).exists(),
            timeout=60,
            message="the worker did not render the saved version",
        )
        caplog.set_level(logging.INFO, logger="roles.documents.pdf")
        caplog.clear()
        response = client.get(reverse("roles:download", args=[draft.pk, "pdf"]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF-")
        assert not any("Rendered PDF" in r.getMessage() for r in caplog.records)
    output = worker.stdout.read()
    assert "has stopped" in output, output
    assert not WorkerHeartbeat.objects.exists()  # a worker that stops takes its heartbeat away
    assert worker_page_note(client, draft)


@pytest.mark.django_db(transaction=True)
def test_the_web_saves_while_the_worker_writes_without_a_locked_database(alice):
    """On SQLite the web process and the worker write to one file: saves and task results must
    wait for each other, never fail."""
    client = Client()
    client.force_login(alice)
    drafts = [make_draft(alice, title=f"Draft {n}") for n in range(3)]
    with task_worker(interval=0.05) as worker:
        for round_ in range(5):
            for draft in drafts:
                fresh = JobDescription.objects.get(pk=draft.pk)
                data = editor_data(fresh, title=f"{draft.title} {round_}")
                assert client.post(draft.get_absolute_url(), data).status_code == 302
        wait_until(
            lambda: not DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists(),
            timeout=90,
            message="the worker did not finish the queue",
        )
    output = worker.stdout.read()
    assert "locked" not in output, output
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    assert DBTaskResult.objects.count() == 3 + 15  # each start and each save queued one render
