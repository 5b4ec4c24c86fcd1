"""The review pages: sending for review, deciding (and the conflict page for a stale decision),
the approved PDF byte for byte, the read-only editor, the trail, and share links that serve the
latest approved version."""

import hashlib
import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from roles.models import Approval, JobDescription, ReviewState
from roles.services.drafts import jobdescription_save
from tests.helpers.data import make_draft, make_user
from tests.helpers.pages import form_values
from tests.helpers.pdfs import pdf_text
from tests.helpers.queries import sql_statements

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def ceo(db):
    ceo = make_user("ceo")
    Group.objects.get(name="Reviewers").user_set.add(ceo)
    return ceo


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def send_for_review(owner_client, draft, *reviewers, **extra):
    page = owner_client.get(reverse("roles:review", args=[draft.pk])).content.decode()
    data = form_values(page, "submit-form") | {"reviewers": [r.pk for r in reviewers], **extra}
    return owner_client.post(reverse("roles:review_submit", args=[draft.pk]), data)


def test_send_decide_and_download_the_approved_pdf(alice, ceo):
    owner = client_for(alice)
    draft = make_draft(alice, company="Northwind")
    response = send_for_review(owner, draft, ceo, message="For the board pack")
    assert response.status_code == 302
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.IN_REVIEW
    # The editor is read-only now: it sends the owner to the review page, saying why.
    editor = owner.get(reverse("roles:edit", args=[draft.pk]), follow=True)
    assert editor.redirect_chain[-1][0] == reverse("roles:review", args=[draft.pk])
    assert "Withdraw it from review to edit it." in editor.content.decode()

    reviewer = client_for(ceo)
    page = reviewer.get(reverse("roles:review", args=[draft.pk])).content.decode()
    assert "Your decision" in page and "“For the board pack” – alice" in page
    decision = form_values(page, "decision-form") | {"decision": "request_changes"}
    refused = reviewer.post(reverse("roles:review_decide", args=[draft.pk]), decision)
    assert refused.status_code == 400 and "Say what should change." in refused.content.decode()

    decision |= {"decision": "approve", "message": "Good to go"}
    assert (
        reviewer.post(reverse("roles:review_decide", args=[draft.pk]), decision).status_code == 302
    )
    approval = Approval.objects.get()
    page = owner.get(reverse("roles:review", args=[draft.pk])).content.decode()
    assert approval.sha256 in page and "Approved versions" in page
    download = owner.get(reverse("roles:approved_pdf", args=[draft.pk, approval.pk]))
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == approval.sha256
    assert "Northwind" in pdf_text(body)
    # The history page shows the trail.
    history = owner.get(reverse("roles:history", args=[draft.pk])).content.decode()
    assert re.search(r"alice</strong> sent for approval \(version 1: draft → in review\)", history)
    assert "ceo</strong> approved (version 1: in review → approved)<br>“Good to go”" in history


def test_a_decision_on_a_changed_version_gets_the_conflict_page(alice, ceo):
    owner = client_for(alice)
    draft = make_draft(alice)
    send_for_review(owner, draft, ceo)
    reviewer = client_for(ceo)
    page = reviewer.get(reverse("roles:review", args=[draft.pk])).content.decode()
    decision = form_values(page, "decision-form") | {"decision": "approve", "message": "OK"}
    # Meanwhile the owner withdraws, edits and sends it again.
    owner.post(reverse("roles:review_withdraw", args=[draft.pk]))
    jobdescription_save(
        job_description=JobDescription.objects.get(pk=draft.pk),
        fields={"title": "VP of Operations, EMEA"},
        items={},
        expected_version=1,
        user=alice,
    )
    send_for_review(owner, draft, ceo)
    response = reviewer.post(reverse("roles:review_decide", args=[draft.pk]), decision)
    assert response.status_code == 409
    body = response.content.decode()
    assert (
        "Your decision was not recorded: this job description changed since you opened it" in body
    )
    assert "VP of Operations, EMEA" in body and ">OK</textarea>" in body
    assert form_values(body, "decision-form")["seen_version"] == "2"
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.IN_REVIEW


def test_only_the_buttons_that_work_are_shown(alice, ceo, bob):
    owner = client_for(alice)
    draft = make_draft(alice)
    page = owner.get(reverse("roles:review", args=[draft.pk])).content.decode()
    assert "Send for approval" in page and "Your decision" not in page
    # By name and role, and told when no e-mail reaches them; never oneself.
    assert ">ceo (Reviewers): no e-mail address" in page and ">alice (" not in page
    send_for_review(owner, draft, ceo)
    page = owner.get(reverse("roles:review", args=[draft.pk])).content.decode()
    assert "Withdraw to edit" in page and "Send for approval</button>" not in page
    assert "Your decision" not in page  # an owner never decides on their own JD
    # Someone not asked to review it does not even find it.
    assert client_for(bob).get(reverse("roles:review", args=[draft.pk])).status_code == 404
    # A reviewer reads it, but cannot share it.
    assert client_for(ceo).get(reverse("roles:share_links", args=[draft.pk])).status_code == 404


def test_a_share_link_serves_the_latest_approved_version_once_there_is_one(alice, ceo):
    owner = client_for(alice)
    draft = make_draft(alice, company="Northwind", posting_date=date(2026, 12, 1))
    made = owner.post(reverse("roles:share_links", args=[draft.pk]))
    # The token as the owner copies it, from the page that shows it once.
    (url,) = re.findall(r'id="share-link-new"[^>]* value="([^"]+)"', owner.get(made.url).text)
    token = url.split("/s/")[1].rstrip("/")
    anonymous = Client()
    page = anonymous.get(reverse("roles:shared_document", args=[token])).content.decode()
    assert "<strong>Draft</strong>" in page

    send_for_review(owner, draft, ceo)
    reviewer = client_for(ceo)
    page = reviewer.get(reverse("roles:review", args=[draft.pk])).content.decode()
    decision = form_values(page, "decision-form") | {"decision": "approve"}
    reviewer.post(reverse("roles:review_decide", args=[draft.pk]), decision)
    approval = Approval.objects.get()
    # The owner edits it afterwards: a new round, but the link keeps the approved version.
    jobdescription_save(
        job_description=JobDescription.objects.get(pk=draft.pk),
        fields={"title": "Chief Operating Officer"},
        items={},
        expected_version=1,
        user=alice,
    )
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.DRAFT
    page = anonymous.get(reverse("roles:shared_document", args=[token])).content.decode()
    assert "<strong>Approved</strong>" in page
    assert "VP of Operations" in page and "Chief Operating Officer" not in page
    pdf = anonymous.get(reverse("roles:shared_pdf", args=[token]))
    assert hashlib.sha256(b"".join(pdf.streaming_content)).hexdigest() == approval.sha256


def test_the_start_page_shows_what_waits_for_me_and_my_jds_in_review(alice, ceo):
    owner = client_for(alice)
    draft = make_draft(alice, title="VP of Operations, Americas")
    send_for_review(owner, draft, ceo)
    mine = owner.get(reverse("roles:compare")).content.decode()
    assert "My JDs in review" in mine and "VP of Operations, Americas" in mine
    assert "Waiting for your approval" not in mine
    theirs = client_for(ceo).get(reverse("roles:compare")).content.decode()
    assert "Waiting for your approval" in theirs and "from alice" in theirs
    client_for(ceo).post(
        reverse("roles:review_decide", args=[draft.pk]),
        {"decision": "approve", "seen_version": 1},
    )
    assert (
        "Waiting for your approval"
        not in client_for(ceo).get(reverse("roles:compare")).content.decode()
    )


def test_a_jd_sent_back_and_sent_again_waits_for_its_reviewer_once(alice, ceo):
    """Two rounds, each asking the same reviewer: the start page lists the JD once, for the
    open round only (the first, closed, asked too)."""
    owner, reviewer = client_for(alice), client_for(ceo)
    draft = make_draft(alice, title="VP of Operations, Americas")
    send_for_review(owner, draft, ceo)
    page = reviewer.get(reverse("roles:review", args=[draft.pk])).content.decode()
    decision = form_values(page, "decision-form") | {
        "decision": "request_changes",
        "message": "Name the regions.",
    }
    assert (
        reviewer.post(reverse("roles:review_decide", args=[draft.pk]), decision).status_code == 302
    )
    assert (
        "Waiting for your approval" not in reviewer.get(reverse("roles:compare")).content.decode()
    )

    assert send_for_review(owner, draft, ceo).status_code == 302
    start = reviewer.get(reverse("roles:compare")).content.decode()
    assert "Waiting for your approval" in start
    assert start.count(reverse("roles:review", args=[draft.pk])) == 1


def _fill_the_inbox(alice, bob, ceo, rows: int) -> None:
    """``rows`` more JDs in each of alice's four inbox lists: bob's waiting for her, hers in
    review, hers sent back with changes requested, and hers approved."""
    owner, reviewer, other = client_for(alice), client_for(ceo), client_for(bob)
    for _ in range(rows):
        assert send_for_review(other, make_draft(bob), alice).status_code == 302
        assert send_for_review(owner, make_draft(alice), ceo).status_code == 302
        for decision in ("request_changes", "approve"):
            draft = make_draft(alice)
            assert send_for_review(owner, draft, ceo).status_code == 302
            page = reviewer.get(reverse("roles:review", args=[draft.pk])).content.decode()
            data = form_values(page, "decision-form") | {"decision": decision, "message": "Done"}
            assert (
                reviewer.post(reverse("roles:review_decide", args=[draft.pk]), data).status_code
                == 302
            )


def test_the_start_page_reads_its_inbox_in_the_same_queries_however_full(
    alice, bob, ceo, django_assert_num_queries
):
    """The inbox lists read only the columns they show (``INBOX_FIELDS``): a column the page
    shows but the list did not read would cost a query per row, and this would count them."""
    Group.objects.get(name="Reviewers").user_set.add(alice)
    _fill_the_inbox(alice, bob, ceo, rows=1)
    page = client_for(alice)
    page.get(reverse("roles:compare"))
    with sql_statements() as statements:
        first = page.get(reverse("roles:compare")).content.decode()
    _fill_the_inbox(alice, bob, ceo, rows=2)
    with django_assert_num_queries(len(statements)):
        third = page.get(reverse("roles:compare")).content.decode()
    for heading in (
        "Changes requested",
        "Waiting for your approval",
        "Approved since your last visit",
        "My JDs in review",
    ):
        assert heading in first
    assert third.count("from bob") == 3 and "version 1, by ceo on " in third
    assert third.count(": change it and send it for approval again") == 3


def titles(response) -> list[str]:
    return re.findall(
        r'class="fw-semibold draft-title" href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_the_lists_filter_by_status_level_and_owner_and_sort(alice, bob, ceo):
    from tests.helpers.data import director_template

    owner = client_for(alice)
    in_review = make_draft(alice, title="B in review")
    make_draft(alice, title="A draft")
    make_draft(alice, director_template(), title="C director")
    send_for_review(owner, in_review, ceo)
    drafts = reverse("roles:draft_list")
    assert titles(owner.get(drafts, {"status": "in_review"})) == ["B in review"]
    assert titles(owner.get(drafts, {"level": "director"})) == ["C director"]
    assert titles(owner.get(drafts, {"sort": "title"})) == ["A draft", "B in review", "C director"]
    # An unknown value is ignored, not an error.
    assert len(titles(owner.get(drafts, {"status": "nonsense", "sort": "x"}))) == 3
    page = owner.get(drafts, {"status": "in_review"}).content.decode()
    assert (
        'badge review-state review-in_review"><span class="visually-hidden">Approval: </span>'
        "In review</span>"
    ) in page

    make_draft(bob, title="Bob's draft")
    manager = make_user("manager")
    Group.objects.get(name="HR managers").user_set.add(manager)
    everyone = client_for(manager).get(reverse("roles:all_drafts"), {"owner": "bob"})
    # Each row leads to the draft's review page.
    assert re.findall(r'href="/drafts/\d+/review/">([^<]+)</a>', everyone.content.decode()) == [
        "Bob&#x27;s draft"
    ]


def test_the_hand_over_form_offers_hr_people_only_and_refuses_others(alice, ceo):
    manager, staff = make_user("manager"), make_user("sam")
    make_user("guest")  # in no group: not offered
    Group.objects.get(name="HR managers").user_set.add(manager)
    Group.objects.get(name="HR staff").user_set.add(staff, alice)
    draft = make_draft(alice)
    client = client_for(manager)
    page = client.get(reverse("roles:review", args=[draft.pk])).content.decode()
    offered = re.findall(r'<option value="(\d+)">([^<]+)</option>', page)
    # Not alice: she owns it. People by name (their username when they have none).
    assert sorted(name for _, name in offered) == ["manager (manager)", "sam (sam)"]
    response = client.post(
        reverse("roles:review_hand_over", args=[draft.pk]), {"new_owner": ceo.pk, "confirm": "1"}
    )
    assert response.status_code == 400
    assert "ceo is not in HR: only HR staff, HR managers and HR admins own job descriptions." in (
        response.content.decode()
    )
    assert JobDescription.objects.get(pk=draft.pk).owner == alice
    hand_over = reverse("roles:review_hand_over", args=[draft.pk])
    unconfirmed = client.post(hand_over, {"new_owner": staff.pk})
    assert (
        unconfirmed.status_code == 400 and "Confirm the hand-over" in unconfirmed.content.decode()
    )
    assert client.post(hand_over, {"new_owner": ""}).status_code == 400  # nobody chosen
    response = client.post(hand_over, {"new_owner": staff.pk, "confirm": "1"})
    assert response.status_code == 302
    assert JobDescription.objects.get(pk=draft.pk).owner == staff
