"""Documents made ahead of time: the render a save queues, what it skips, and a download that
finds the PDF already made (or being made) instead of rendering it again."""

import logging
import threading

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from roles.documents.html import fingerprint, render_html
from roles.services.documents import document_for_export, jobdescription_prerender
from roles.services.drafts import jobdescription_save
from tests.helpers.pdfs import pdf_text

pytestmark = pytest.mark.django_db


def pdf_key(draft) -> str:
    # The document every export prints: the draft with what it is in its footer.
    return f"pdf:{fingerprint(render_html(document_for_export(draft)))}"


def renders_here(caplog) -> int:
    return sum("Rendered PDF" in record.getMessage() for record in caplog.records)


def test_a_draft_is_rendered_once_into_the_shared_cache(draft):
    assert jobdescription_prerender(job_description_id=draft.pk, version=1) == "rendered"
    assert "VP of Operations" in pdf_text(cache.get(pdf_key(draft)))
    assert jobdescription_prerender(job_description_id=draft.pk, version=1) == "already rendered"


def test_a_version_saved_over_or_a_draft_in_the_trash_is_not_rendered(draft):
    jobdescription_save(
        job_description=draft, fields={"title": "Newer"}, items={}, expected_version=1
    )
    assert jobdescription_prerender(job_description_id=draft.pk, version=1) == "superseded"
    assert cache.get(pdf_key(draft)) is None
    draft.deleted_at = timezone.now()
    draft.save()
    assert jobdescription_prerender(job_description_id=draft.pk, version=2) == "superseded"


def test_a_download_serves_the_pdf_made_ahead_without_rendering(alice_client, draft, caplog):
    caplog.set_level(logging.INFO, logger="roles.documents.pdf")
    jobdescription_prerender(job_description_id=draft.pk, version=1)
    made_ahead = cache.get(pdf_key(draft))
    caplog.clear()
    response = alice_client.get(reverse("roles:download", args=[draft.pk, "pdf"]))
    assert response.content == made_ahead
    assert renders_here(caplog) == 0


def test_a_download_waits_for_the_render_in_progress_instead_of_rendering_twice(
    alice_client, draft, caplog
):
    caplog.set_level(logging.INFO, logger="roles.documents.pdf")
    key = pdf_key(draft)
    cache.set(f"rendering:{key}", True, 30)  # a worker has started on this very document
    finished = threading.Timer(0.5, cache.set, (key, b"%PDF-1.7 made by the worker", 60))
    finished.start()
    response = alice_client.get(reverse("roles:download", args=[draft.pk, "pdf"]))
    finished.join()
    assert response.content == b"%PDF-1.7 made by the worker"
    assert renders_here(caplog) == 0


def test_a_download_renders_itself_when_nothing_else_will(alice_client, draft, caplog):
    caplog.set_level(logging.INFO, logger="roles.documents.pdf")
    response = alice_client.get(reverse("roles:download", args=[draft.pk, "pdf"]))
    assert pdf_text(response.content).startswith("VP of Operations")
    assert renders_here(caplog) == 1
