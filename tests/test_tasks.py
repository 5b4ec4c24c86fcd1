"""Background tasks: what a save queues, and a real worker process rendering for the web."""

import logging

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from roles.documents.html import fingerprint, render_html
from roles.models import JobDescription
from roles.ops import task_worker_running
from roles.services.documents import document_for_export, render_draft_pdf
from roles.services.drafts import ItemValues, jobdescription_save
from tests.helpers.data import editor_data, make_draft
from tests.helpers.pdfs import pdf_text
from tests.helpers.project import task_worker, wait_until

pytestmark = pytest.mark.django_db


def queued_renders() -> list[list]:
    return [
        result.args_kwargs["args"]
        for result in DBTaskResult.objects.filter(task_path=render_draft_pdf.module_path)
    ]


def test_a_save_queues_the_render_of_the_version_it_saved(
    alice_client, draft, django_capture_on_commit_callbacks
):
    # The draft's start queued the render of version 1 with it (in the same transaction).
    assert queued_renders() == [[draft.pk, 1]]
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(draft.get_absolute_url(), editor_data(draft, title="New"))
    assert response.status_code == 302
    assert queued_renders() == [[draft.pk, 1], [draft.pk, 2]]


def test_a_save_that_fails_queues_nothing(draft, django_capture_on_commit_callbacks):
    before = queued_renders()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        jobdescription_save(
            job_description=draft,
            fields={"title": "New"},
            items={"responsibilities": [ItemValues(id=None, values={"text": ""})]},
            expected_version=1,
        )
    assert queued_renders() == before == [[draft.pk, 1]]


def test_the_render_is_written_in_the_saves_own_transaction(draft):
    """One commit a save: the task's row is there before the write commits, and a write that
    rolls back takes it with it."""
    with transaction.atomic():
        jobdescription_save(
            job_description=draft, fields={"title": "New"}, items={}, expected_version=1
        )
        assert queued_renders() == [[draft.pk, 1], [draft.pk, 2]]  # not waiting for the commit

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        jobdescription_save(
            job_description=draft, fields={"title": "Newer"}, items={}, expected_version=2
        )
        raise RolledBack
    assert queued_renders() == [[draft.pk, 1], [draft.pk, 2]]


def test_a_queue_that_fails_costs_the_render_not_the_save(draft, monkeypatch, caplog):
    def table_gone(*args, **kwargs):
        raise DatabaseError('relation "django_tasks_database_dbtaskresult" does not exist')

    monkeypatch.setattr(DatabaseBackend, "enqueue", table_gone)
    saved = jobdescription_save(
        job_description=draft, fields={"title": "New"}, items={}, expected_version=1
    )
    assert JobDescription.objects.get(pk=draft.pk).title == "New" == saved.title
    assert "Could not queue render_draft_pdf" in caplog.text


def test_a_queue_outside_the_database_is_given_the_task_once_the_write_commits(
    draft, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = render_draft_pdf.get_backend()
    with django_capture_on_commit_callbacks() as callbacks:
        jobdescription_save(
            job_description=draft, fields={"title": "New"}, items={}, expected_version=1
        )
        assert backend.results == []  # RQ's worker would otherwise read the draft before it
    for callback in callbacks:
        callback()
    assert [result.args for result in backend.results] == [[draft.pk, 2]]


def worker_page_note(client, draft) -> bool:
    page = client.get(draft.get_absolute_url()).content.decode()
    return 'id="documents-on-demand"' in page


@pytest.mark.queue
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_after_a_save_and_the_download_is_served_from_it(
    alice, caplog, settings
):
    settings.HEALTH_TOKEN = "a-monitor's-token-for-the-tests-0123456789"
    monitor = Client(headers={"Authorization": f"Bearer {settings.HEALTH_TOKEN}"})
    client = Client()
    client.force_login(alice)
    draft = make_draft(alice)
    assert worker_page_note(client, draft)  # no worker yet: PDFs are made on demand
    with task_worker() as worker:
        wait_until(task_worker_running, message="the worker never said it was running")
        assert not worker_page_note(client, draft)
        data = editor_data(draft, title="VP of Operations, EMEA")
        assert client.post(draft.get_absolute_url(), data).status_code == 302
        saved = JobDescription.objects.with_items().get(pk=draft.pk)
        # The document every export prints: the draft with what it is in its footer.
        key = f"pdf:{fingerprint(render_html(document_for_export(saved)))}"
        wait_until(
            lambda: cache.get(key) is not None,
            timeout=60,
            message="the worker did not render the saved version",
        )
        caplog.set_level(logging.INFO, logger="roles.documents.pdf")
        caplog.clear()
        response = client.get(reverse("roles:download", args=[draft.pk, "pdf"]))
        assert response.content == cache.get(key)
        assert "VP of Operations, EMEA" in pdf_text(response.content)
        assert not any("Rendered PDF" in r.getMessage() for r in caplog.records)
        status = monitor.get("/healthz").json()["queue"]
        assert status["workers"] == 1 and status["failed_last_hour"] == 0
    output = worker.stdout.read()
    assert "ERROR" not in output and "Traceback" not in output, output
    wait_until(lambda: not task_worker_running(), message="the stopped worker still counts")
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
    assert "locked" not in output and "ERROR" not in output, output
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    assert DBTaskResult.objects.count() == 3 + 15  # each start and each save queued one render


def test_a_render_that_fails_is_tried_again_later_then_reported(
    alice_client, draft, monkeypatch, settings
):
    settings.TASKS_RETRY_DELAYS_SECONDS = (10, 60)

    def storage_down(**kwargs):
        raise OSError("the media storage did not answer")

    monkeypatch.setattr("roles.services.documents.jobdescription_prerender", storage_down)
    for attempt in (1, 2):
        with pytest.raises(OSError):
            render_draft_pdf.call(draft.pk, 1, attempt=attempt)
        retry = DBTaskResult.objects.order_by("-enqueued_at").first()
        assert retry.args_kwargs == {"args": [draft.pk, 1], "kwargs": {"attempt": attempt + 1}}
        delay = (retry.run_after - timezone.now()).total_seconds()
        assert (
            settings.TASKS_RETRY_DELAYS_SECONDS[attempt - 1] - 5
            < delay
            <= (settings.TASKS_RETRY_DELAYS_SECONDS[attempt - 1])
        )
        assert (
            "background-render-failure"
            not in alice_client.get(draft.get_absolute_url()).content.decode()
        )
    with pytest.raises(OSError):
        render_draft_pdf.call(draft.pk, 1, attempt=3)
    # The render the draft's start queued, and two retries: no third.
    assert DBTaskResult.objects.count() == 1 + 2
    page = alice_client.get(draft.get_absolute_url()).content.decode()
    assert "Preparing this version's PDF failed" in page
