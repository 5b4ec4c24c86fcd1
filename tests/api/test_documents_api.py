"""A draft's documents, approved versions and findings through the API: the pages' files, read
back, through the pages' access helper and rendering path."""

import hashlib
import io
import json
import subprocess
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from docx import Document as WordDocument

from roles.documents.registry import EXPORTERS
from roles.services.guidance import finding_dismiss
from tests.helpers.api import bearer, make_token, problem_of
from tests.helpers.data import make_draft, make_user
from tests.helpers.review import approve, make_reviewer

pytestmark = pytest.mark.django_db


def document_url(draft, format_name: str) -> str:
    return f"/api/v1/drafts/{draft.pk}/documents/{format_name}"


@pytest.fixture
def exporter_token(alice):
    return make_token(alice, ["read", "export"])[1]


def pdftotext(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_every_format_reads_back_with_its_media_type(client, alice, exporter_token):
    draft = make_draft(
        alice, title="Head of Fulfilment", company="Northwind", posting_date=date(2026, 11, 2)
    )
    first_duty = draft.responsibilities.first().text
    for format_name, exporter in EXPORTERS.items():
        response = client.get(document_url(draft, format_name), **bearer(exporter_token))
        assert response.status_code == 200, (format_name, response.content[:300])
        assert response["Content-Type"] == exporter.content_type, format_name
        assert response["Content-Disposition"].startswith("attachment;"), format_name
        assert "no-store" in response["Cache-Control"]
        content = response.content
        if format_name == "pdf":
            assert content.startswith(b"%PDF")
            text = " ".join(pdftotext(content).split())
            assert "Head of Fulfilment" in text
        elif format_name == "docx":
            paragraphs = [p.text for p in WordDocument(io.BytesIO(content)).paragraphs]
            assert "Head of Fulfilment" in paragraphs
            assert first_duty in paragraphs
        elif format_name == "jsonld":
            posting = json.loads(content)
            assert posting["@type"] == "JobPosting" and posting["title"] == "Head of Fulfilment"
        else:
            text = content.decode()
            assert "Head of Fulfilment" in text and first_duty.split()[0] in text


def test_the_api_serves_the_pages_file_byte_for_byte(client, alice, exporter_token):
    """One rendering path: the page's download and the API's are the same bytes."""
    draft = make_draft(alice)
    client.force_login(alice)
    # Not docx: its ZIP entries carry the time they were written, so two renders differ.
    for format_name in ("pdf", "md", "html"):
        page = client.get(reverse("roles:download", args=[draft.pk, format_name]))
        api = client.get(document_url(draft, format_name), **bearer(exporter_token))
        assert page.status_code == api.status_code == 200
        assert api.content == page.content, format_name
        assert api["ETag"] == page["ETag"]


def test_a_file_not_modified_is_304_and_accept_does_not_refuse_it(client, alice, exporter_token):
    draft = make_draft(alice)
    first = client.get(
        document_url(draft, "pdf"), HTTP_ACCEPT="application/pdf", **bearer(exporter_token)
    )
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    again = client.get(
        document_url(draft, "pdf"), HTTP_IF_NONE_MATCH=first["ETag"], **bearer(exporter_token)
    )
    assert again.status_code == 304 and again.content == b""


def test_a_format_that_cannot_be_made_says_why(client, alice, exporter_token):
    draft = make_draft(alice, posting_date=None)
    response = client.get(document_url(draft, "jsonld"), **bearer(exporter_token))
    assert response.status_code == 422
    assert "posting date" in problem_of(response)["detail"]


def test_a_large_pdf_the_worker_renders_is_202_with_retry_after(client, alice, exporter_token):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from roles.models import WorkerHeartbeat
    from tests.helpers.data import make_largest_draft

    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="h", pid=1, started_at=now, last_seen=now
    )
    draft = make_largest_draft(alice)
    DBTaskResult.objects.all().delete()  # the render the draft's start queued
    for _ in range(2):
        response = client.get(document_url(draft, "pdf"), **bearer(exporter_token))
        assert response.status_code == 202
        assert response["Retry-After"] == "5"
        assert json.loads(response.content)["retry_after"] == 5
    # Queued once, in the task worker, as the page's download queues it.
    assert DBTaskResult.objects.get().args_kwargs["args"] == [draft.pk, draft.version]


def test_unknown_format_is_a_404_problem(client, alice, exporter_token):
    draft = make_draft(alice)
    for name in ("exe", "PDF", "pdf.exe"):
        response = client.get(document_url(draft, name), **bearer(exporter_token))
        assert response.status_code == 404, name
        problem_of(response)


def test_documents_need_the_export_scope_and_the_pages_access_rule(client, alice, bob):
    draft = make_draft(alice)
    reader = make_token(alice, ["read"])[1]
    refused = client.get(document_url(draft, "txt"), **bearer(reader))
    assert refused.status_code == 403
    assert problem_of(refused)["type"] == "urn:jdbuilder:problem:missing-scope"
    stranger = make_token(bob, ["read", "export"])[1]
    assert client.get(document_url(draft, "txt"), **bearer(stranger)).status_code == 404
    manager = make_user("manager")
    Group.objects.get(name="HR managers").user_set.add(manager)
    managers = make_token(manager, ["export"])[1]
    assert client.get(document_url(draft, "txt"), **bearer(managers)).status_code == 200
    assert client.get(document_url(draft, "txt")).status_code == 401


def test_pdf_downloads_share_the_pages_limit(
    client, alice, exporter_token, frozen_window, settings
):
    from roles.http import PDF_DOWNLOADS

    draft = make_draft(alice)
    client.force_login(alice)
    for _ in range(PDF_DOWNLOADS.limit):
        assert client.get(reverse("roles:download", args=[draft.pk, "pdf"])).status_code == 200
    refused = client.get(document_url(draft, "pdf"), **bearer(exporter_token))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= PDF_DOWNLOADS.seconds
    assert problem_of(refused)["type"] == "urn:jdbuilder:problem:rate-limited"
    # Other formats cost no render: not counted.
    assert client.get(document_url(draft, "txt"), **bearer(exporter_token)).status_code == 200


@pytest.fixture
def approved(alice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = make_draft(alice, title="Approved Role")
    reviewer = make_reviewer("carol")
    return draft, approve(draft, reviewer), reviewer


def test_approvals_list_and_read_with_their_sha256(client, alice, approved):
    draft, approval, _ = approved
    token = make_token(alice, ["read", "export"])[1]
    listed = client.get(f"/api/v1/drafts/{draft.pk}/approvals/", **bearer(token))
    assert listed.status_code == 200
    body = json.loads(listed.content)
    assert body["next"] is None
    (row,) = body["results"]
    assert row["id"] == approval.pk and row["version"] == approval.version
    assert row["sha256"] == approval.sha256 and row["title"] == "Approved Role"
    assert row["approved_by"] == approval.approved_by
    one = client.get(f"/api/v1/drafts/{draft.pk}/approvals/{approval.pk}/", **bearer(token))
    assert json.loads(one.content) == row
    assert row["pdf"] == f"http://testserver/api/v1/drafts/{draft.pk}/approvals/{approval.pk}/pdf"
    # An approval of another draft is not found under this one.
    other = make_draft(alice)
    assert (
        client.get(f"/api/v1/drafts/{other.pk}/approvals/{approval.pk}/", **bearer(token))
    ).status_code == 404


def test_the_approved_pdf_is_the_stored_file_byte_for_byte(client, alice, approved):
    draft, approval, _ = approved
    token = make_token(alice, ["read", "export"])[1]
    row = json.loads(
        client.get(f"/api/v1/drafts/{draft.pk}/approvals/{approval.pk}/", **bearer(token)).content
    )
    response = client.get(row["pdf"].removeprefix("http://testserver"), **bearer(token))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == row["sha256"] == approval.sha256
    assert response["ETag"] == f'"{approval.sha256}"'
    client.force_login(alice)
    page = client.get(reverse("roles:approved_pdf", args=[draft.pk, approval.pk]))
    assert b"".join(page.streaming_content) == content
    assert "Approved Role" in " ".join(pdftotext(content).split())
    # The approved PDF is a download: a token that may only read gets 403.
    reader = make_token(alice, ["read"])[1]
    assert client.get(row["pdf"], **bearer(reader)).status_code == 403


def test_the_reviewer_who_approved_keeps_the_approval_after_the_round(client, bob, approved):
    draft, approval, reviewer = approved
    token = make_token(reviewer, ["read", "export"])[1]
    url = f"/api/v1/drafts/{draft.pk}/approvals/{approval.pk}/"
    assert client.get(url, **bearer(token)).status_code == 200
    assert client.get(url + "pdf", **bearer(token)).status_code == 200
    # Not the draft itself, nor its list: their round has ended.
    assert client.get(f"/api/v1/drafts/{draft.pk}/approvals/", **bearer(token)).status_code == 404
    stranger = make_token(bob, ["read", "export"])[1]
    assert client.get(url, **bearer(stranger)).status_code == 404
    assert client.get(url + "pdf", **bearer(stranger)).status_code == 404


def findings_of(client, draft, token) -> dict:
    response = client.get(f"/api/v1/drafts/{draft.pk}/findings/", **bearer(token))
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_findings_are_the_panels(client, alice):
    token = make_token(alice)[1]
    coded = make_draft(alice, summary="We want a dominant leader for the region.")
    plain = make_draft(alice, summary="We want a leader for the region.")
    found = findings_of(client, coded, token)
    (dominant,) = [f for f in found["findings"] if f["rule"] == "gender-coded"]
    assert dominant["quote"] == "dominant" and dominant["field"] == "summary"
    assert dominant["state"] == "open" and dominant["category"] == "language"
    start = "We want a ".__len__()
    assert dominant["span"] == {"start": start, "end": start + len("dominant")}
    assert found["open"] == len([f for f in found["findings"] if f["state"] == "open"])
    assert not [
        f for f in findings_of(client, plain, token)["findings"] if f["rule"] == "gender-coded"
    ]
    # Kept as written: still listed, as kept, and no longer counted.
    finding_dismiss(
        job_description=coded,
        key=dominant["key"],
        text_digest=hashlib.sha256(b"We want a dominant leader for the region.").hexdigest(),
        user=alice,
    )
    again = findings_of(client, coded, token)
    (kept,) = [f for f in again["findings"] if f["rule"] == "gender-coded"]
    assert kept["state"] == "kept" and again["open"] == found["open"] - 1


def test_pay_findings_carry_the_laws_words_source_and_checked_date(client, alice):
    token = make_token(alice)[1]
    draft = make_draft(alice, location="Denver, CO", salary_min=None, salary_max=None)
    found = findings_of(client, draft, token)
    pay = [f for f in found["findings"] if f["category"] == "pay" and f["severity"] == "required"]
    assert pay, [f["rule"] for f in found["findings"]]
    laws = [law for f in pay for law in f["laws"]]
    colorado = [law for law in laws if law["jurisdiction"] == "Colorado"]
    assert colorado and all(
        law["asks"] and law["source_url"].startswith("http") for law in colorado
    )
    assert any(law["words"] and law["cite"] for law in colorado)
    assert all(law["facts_checked"] for law in colorado)
    assert all("Colorado" in f["places"] for f in pay if f["laws"])
    # A draft that states its pay has no range finding.
    paid = make_draft(alice, location="Denver, CO", salary_min=150000, salary_max=190000)
    rules = {f["rule"] for f in findings_of(client, paid, token)["findings"]}
    assert "pay-range-required" not in rules and "pay-range-required" in {f["rule"] for f in pay}


def test_findings_follow_the_pages_access_rule(client, alice, bob):
    draft = make_draft(alice)
    assert (
        client.get(f"/api/v1/drafts/{draft.pk}/findings/", **bearer(make_token(bob)[1])).status_code
        == 404
    )
    no_read = make_token(alice, ["export"])[1]
    assert client.get(f"/api/v1/drafts/{draft.pk}/findings/", **bearer(no_read)).status_code == 403
