"""Downloads of a draft: the largest draft in every format, renders budgeted by size and never
past gunicorn's timeout, one render of a version at a time, failures remembered per version,
large PDFs prepared by the task worker, and a limit on PDF downloads per person."""

import io
import json
import runpy
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from docx import Document as WordDocument

from roles.documents import DocumentRenderError
from roles.documents.render_process import RENDER_KILL_GRACE_SECONDS
from roles.models import WorkerHeartbeat
from roles.services.documents import jobdescription_prerender, render_draft_pdf
from roles.services.drafts import jobdescription_save
from tests.helpers.data import make_largest_draft
from tests.helpers.pdfs import pdf_text, read_pdf

pytestmark = pytest.mark.django_db

GUNICORN_TIMEOUT = runpy.run_path(str(Path(__file__).parents[2] / "gunicorn.conf.py"))["timeout"]


def download_url(draft, format_name: str = "pdf") -> str:
    return reverse("roles:download", args=[draft.pk, format_name])


def a_worker_is_running() -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="h", pid=1, started_at=now, last_seen=now
    )


@pytest.fixture
def renders(monkeypatch):
    """Renders as they would start in the render process (with their time budget), answered
    at once with a stand-in PDF."""
    calls = []

    def fake_write_pdf(html, *, media=None, time_budget=None):
        calls.append(time_budget)
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr("roles.documents.pdf.write_pdf", fake_write_pdf)
    return calls


def test_the_largest_draft_downloads_in_every_format_on_the_first_request(alice_client, alice):
    from roles.documents.registry import EXPORTERS

    draft = make_largest_draft(alice)
    last_item = draft.responsibilities.last().text
    for format_name in EXPORTERS:
        response = alice_client.get(download_url(draft, format_name))
        assert response.status_code == 200, (format_name, response.content[:300])
        content = response.content
        if format_name == "pdf":
            assert len(read_pdf(content).pages) > 30
            assert last_item[:60] in pdf_text(content)
        elif format_name == "docx":
            text = "\n".join(p.text for p in WordDocument(io.BytesIO(content)).paragraphs)
            assert last_item in text
        elif format_name == "jsonld":
            assert last_item in json.loads(content)["description"]
        else:
            assert last_item in content.decode()


def test_a_render_budget_grows_with_the_document_and_a_request_stays_under_gunicorn(
    alice_client, alice, draft, renders
):
    largest = make_largest_draft(alice)
    jobdescription_prerender(job_description_id=draft.pk, version=draft.version)
    jobdescription_prerender(job_description_id=largest.pk, version=largest.version)
    normal_budget, largest_budget = renders
    assert largest_budget > normal_budget * 1.5
    # No task worker: the download renders it itself, within what gunicorn lets a request take.
    renders.clear()
    another = make_largest_draft(alice)
    another.title = "Another"
    another.save()
    assert alice_client.get(download_url(another)).status_code == 200
    (request_budget,) = renders
    assert request_budget + RENDER_KILL_GRACE_SECONDS < GUNICORN_TIMEOUT


def test_with_a_worker_a_large_draft_is_prepared_there_and_served_when_ready(alice_client, alice):
    a_worker_is_running()
    draft = make_largest_draft(alice)
    DBTaskResult.objects.all().delete()  # the render the draft's start queued
    response = alice_client.get(download_url(draft))
    assert response.status_code == 202
    page = response.content.decode()
    assert "being prepared" in page
    # Works without JavaScript: the page asks the browser to come back.
    assert '<meta http-equiv="refresh"' in page and response["Refresh"]
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [draft.pk, draft.version]
    # Asking again does not queue it again.
    assert alice_client.get(download_url(draft)).status_code == 202
    assert DBTaskResult.objects.count() == 1

    render_draft_pdf.call(draft.pk, draft.version)
    response = alice_client.get(download_url(draft))
    assert response.status_code == 200
    assert len(read_pdf(response.content).pages) > 30


def test_a_version_is_never_rendered_twice_at_once(alice_client, draft, monkeypatch):
    monkeypatch.setattr("roles.documents.pdf.RENDER_WAIT_SECONDS", 0.2, raising=False)
    calls, during = [], []

    def slow_write_pdf(html, *, media=None, time_budget=None):
        calls.append(time_budget)
        if len(calls) == 1:  # while this render runs, the same PDF is asked for again
            during.append(alice_client.get(download_url(draft)))
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr("roles.documents.pdf.write_pdf", slow_write_pdf)
    first = alice_client.get(download_url(draft))
    assert first.content == b"%PDF-1.7 stand-in"
    assert len(calls) == 1
    (second,) = during
    assert second.status_code == 202 and "being prepared" in second.content.decode()


def test_a_failed_render_is_remembered_for_its_version(alice_client, draft, monkeypatch):
    calls = []

    def failing_write_pdf(html, *, media=None, time_budget=None):
        calls.append(time_budget)
        raise DocumentRenderError("This document is nested too deeply to render.")

    monkeypatch.setattr("roles.documents.pdf.write_pdf", failing_write_pdf)
    for _ in range(2):
        response = alice_client.get(download_url(draft))
        assert response.status_code == 422
        assert "nested too deeply" in response.content.decode()
    assert len(calls) == 1
    editor = alice_client.get(draft.get_absolute_url()).content.decode()
    assert "nested too deeply" in editor

    jobdescription_save(
        job_description=draft, fields={"title": "Newer"}, items={}, expected_version=1
    )
    assert alice_client.get(download_url(draft)).status_code == 422
    assert len(calls) == 2  # a new version tries again


def test_pdf_downloads_are_limited_per_person(frozen_window, alice_client, alice, bob, renders):
    from roles.views.documents import PDF_DOWNLOADS

    draft = make_largest_draft(alice)
    for _ in range(PDF_DOWNLOADS.limit):
        assert alice_client.get(download_url(draft)).status_code == 200
    refused = alice_client.get(download_url(draft))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= PDF_DOWNLOADS.seconds
    # Other formats, and other people, are not held back.
    assert alice_client.get(download_url(draft, "txt")).status_code == 200
    bob_client = Client()
    bob_client.force_login(bob)
    assert bob_client.get(download_url(make_largest_draft(bob))).status_code == 200
