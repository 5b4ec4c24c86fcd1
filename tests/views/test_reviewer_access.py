"""What a reviewer reads once their round has ended: their round's page (the JD as it was sent to
them) and the PDF they approved; never a newer version (preview, exports, the current page)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from roles.models import JobDescription
from roles.services.drafts import jobdescription_save
from roles.services.review import review_decide, review_withdraw
from tests.helpers.data import make_draft
from tests.helpers.review import approve, make_reviewer, submit_for_review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def edit_title(draft: JobDescription, title: str) -> None:
    draft = JobDescription.objects.get(pk=draft.pk)
    jobdescription_save(
        job_description=draft,
        fields={"title": title},
        items={},
        expected_version=draft.version,
        user=draft.owner,
    )


def newer_pages(draft: JobDescription) -> list[str]:
    return [
        reverse("roles:preview", args=[draft.pk]),
        reverse("roles:download", args=[draft.pk, "pdf"]),
        reverse("roles:download", args=[draft.pk, "docx"]),
        reverse("roles:history", args=[draft.pk]),
    ]


def test_a_reviewer_reads_the_draft_while_the_round_is_open(client, alice):
    draft = make_draft(alice)
    ceo = make_reviewer("ceo")
    submit_for_review(draft, ceo)
    client.force_login(ceo)
    assert client.get(reverse("roles:review", args=[draft.pk])).status_code == 200
    assert client.get(reverse("roles:preview", args=[draft.pk])).status_code == 200


def test_after_approving_a_reviewer_keeps_their_round_and_its_pdf_only(client, alice):
    draft = make_draft(alice)
    ceo = make_reviewer("ceo")
    approval = approve(draft, ceo)
    stored = approval.pdf.read()
    edit_title(draft, "Chief Operating Officer")
    client.force_login(ceo)
    for url in newer_pages(draft):
        assert client.get(url).status_code == 404, url
    page = client.get(reverse("roles:review", args=[draft.pk]))
    assert page.status_code == 200
    assert "VP of Operations" in page.content.decode()
    assert "Chief Operating Officer" not in page.content.decode()
    pdf_url = reverse("roles:approved_pdf", args=[draft.pk, approval.pk])
    assert pdf_url in page.content.decode()
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    # A reviewer who may no longer review keeps nothing.
    Group.objects.get(name="Reviewers").user_set.remove(ceo)
    assert client.get(reverse("roles:review", args=[draft.pk])).status_code == 404
    assert client.get(pdf_url).status_code == 404


def test_a_reviewer_who_asked_for_changes_sees_their_round_not_the_next(client, alice):
    draft = make_draft(alice)
    ceo, cfo = make_reviewer("ceo"), make_reviewer("cfo")
    submit_for_review(draft, ceo)
    review_decide(
        job_description=JobDescription.objects.get(pk=draft.pk),
        user=ceo,
        approve=False,
        message="Tighten the KPIs",
        seen_version=JobDescription.objects.get(pk=draft.pk).version,
    )
    edit_title(draft, "Chief Operating Officer")
    approval = approve(draft, cfo)
    client.force_login(ceo)
    page = client.get(reverse("roles:review", args=[draft.pk]))
    assert page.status_code == 200
    assert "Tighten the KPIs" in page.content.decode()
    assert "Chief Operating Officer" not in page.content.decode()
    for url in newer_pages(draft):
        assert client.get(url).status_code == 404, url
    # Not the PDF another reviewer approved later.
    pdf_url = reverse("roles:approved_pdf", args=[draft.pk, approval.pk])
    assert client.get(pdf_url).status_code == 404
    client.force_login(cfo)
    assert client.get(pdf_url).status_code == 200


def test_a_reviewer_whose_request_was_cancelled_reads_nothing(client, alice):
    draft = make_draft(alice)
    ceo = make_reviewer("ceo")
    submit_for_review(draft, ceo)
    review_withdraw(job_description=JobDescription.objects.get(pk=draft.pk), user=alice)
    client.force_login(ceo)
    assert client.get(reverse("roles:review", args=[draft.pk])).status_code == 404
    for url in newer_pages(draft):
        assert client.get(url).status_code == 404, url
