"""A draft's review through the API: its state, and each step by the review page's rules (the
same access helper, forms, services and TRANSITIONS table): allowed and refused."""

import json
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from roles.api.review import may_decide_reviews
from roles.models import JobDescription, ReviewState
from roles.selectors.review import review_open_findings
from roles.services.api_tokens import service_account_create, service_token_create
from roles.services.review import review_decide
from tests.helpers.api import bearer, make_token, problem_of
from tests.helpers.data import make_draft, make_user
from tests.helpers.review import make_reviewer, submit_for_review

pytestmark = pytest.mark.django_db

REVIEW_SCOPES = ("read", "review")


@pytest.fixture
def rita(db):
    return make_reviewer("rita")


@pytest.fixture
def token(alice):
    return make_token(alice, REVIEW_SCOPES)[1]


def step(client, token, draft, name, body=None, if_match=None):
    version = JobDescription.objects.get(pk=draft.pk).version
    return client.post(
        f"/api/v1/drafts/{draft.pk}/review/{name}/",
        json.dumps(body or {}),
        content_type="application/json",
        HTTP_IF_MATCH=if_match if if_match is not None else f'"{version}"',
        **bearer(token),
    )


def state_of(draft) -> str:
    return JobDescription.objects.get(pk=draft.pk).review_state


def refused(response, status: int) -> str:
    body = problem_of(response)
    assert response.status_code == status, body
    assert body["type"] == "urn:jdbuilder:problem:review-refused"
    return body["detail"]


def test_the_review_says_the_state_and_what_one_may_do(client, alice, rita, token):
    draft = make_draft(alice)
    body = json.loads(client.get(f"/api/v1/drafts/{draft.pk}/review/", **bearer(token)).content)
    assert body["state"] == "draft" and body["version"] == draft.version
    assert body["allowed_actions"] == ["submit", "archive"]
    assert body["round"] is None and body["current_approval"] is None
    submit_for_review(draft, rita)
    _, ritas = make_token(rita, REVIEW_SCOPES)
    body = json.loads(client.get(f"/api/v1/drafts/{draft.pk}/review/", **bearer(ritas)).content)
    assert body["state"] == "in_review"
    assert body["allowed_actions"] == ["approve", "request_changes"]
    assert body["round"]["requests"] == [
        {"reviewer": "rita", "decision": "pending", "decided_at": None}
    ]
    stranger = make_token(make_user("sam"))[1]
    response = client.get(f"/api/v1/drafts/{draft.pk}/review/", **bearer(stranger))
    assert response.status_code == 404


def test_the_owner_submits_to_reviewers_by_username(client, alice, rita, token):
    draft = make_draft(alice)
    body = {"reviewers": ["rita"], "message": "Please", "confirm_open_findings": True}
    response = step(client, token, draft, "submit", body)
    assert response.status_code == 200, response.content
    assert response["ETag"] == f'"{draft.version}"'
    answer = json.loads(response.content)
    assert answer["state"] == "in_review" and answer["allowed_actions"] == ["withdraw", "archive"]
    assert [r["reviewer"] for r in answer["round"]["requests"]] == ["rita"]
    assert state_of(draft) == ReviewState.IN_REVIEW


def test_a_submission_is_checked_by_the_review_pages_form(client, alice, rita, token):
    draft = make_draft(alice, summary="We want a rockstar ninja to run operations.")
    errors = problem_of(step(client, token, draft, "submit", {"reviewers": ["rita", "nobody"]}))
    assert [e["pointer"] for e in errors["errors"]] == ["#/reviewers/1"]
    # Oneself is no reviewer of one's own draft: not among those who may review it.
    errors = problem_of(step(client, token, draft, "submit", {"reviewers": ["alice"]}))
    assert [e["pointer"] for e in errors["errors"]] == ["#/reviewers/0"]
    assert problem_of(step(client, token, draft, "submit", {"reviewers": []}))["status"] == 400
    open_findings = review_open_findings(
        JobDescription.objects.prefetch_related(
            "responsibilities", "kpis", "qualifications", "locations"
        ).get(pk=draft.pk)
    ).total
    assert open_findings > 0  # "rockstar" and "ninja" are flagged
    errors = problem_of(step(client, token, draft, "submit", {"reviewers": ["rita"]}))
    assert [e["pointer"] for e in errors["errors"]] == ["#/confirm_open_findings"]
    assert state_of(draft) == ReviewState.DRAFT


def test_a_step_needs_if_match_and_the_current_version(client, alice, rita, token):
    draft = make_draft(alice)
    body = {"reviewers": ["rita"], "confirm_open_findings": True}
    missing = step(client, token, draft, "submit", body, if_match="")
    assert missing.status_code == 428
    assert problem_of(missing)["type"] == "urn:jdbuilder:problem:precondition-required"
    stale = step(client, token, draft, "submit", body, if_match='"9"')
    assert stale.status_code == 412
    assert problem_of(stale)["current"]["version"] == draft.version
    assert stale["ETag"] == f'"{draft.version}"'
    assert state_of(draft) == ReviewState.DRAFT


def test_steps_need_the_review_scope_and_submit_is_the_owners(client, alice, rita):
    draft = make_draft(alice)
    body = {"reviewers": ["rita"], "confirm_open_findings": True}
    _, writer = make_token(alice, ("read", "write"))
    response = step(client, writer, draft, "submit", body)
    assert response.status_code == 403
    assert problem_of(response)["type"] == "urn:jdbuilder:problem:missing-scope"
    manager = make_user("mona")
    Group.objects.get(name="HR managers").user_set.add(manager)
    _, monas = make_token(manager, REVIEW_SCOPES)
    assert step(client, monas, draft, "submit", body).status_code == 404  # the page's rule
    assert state_of(draft) == ReviewState.DRAFT


def test_a_reviewer_approves_and_the_approval_is_frozen(client, alice, rita, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = make_draft(alice)
    submit_for_review(draft, rita)
    _, ritas = make_token(rita, REVIEW_SCOPES)
    response = step(client, ritas, draft, "decide", {"decision": "approve"})
    assert response.status_code == 200, response.content
    answer = json.loads(response.content)
    approval = JobDescription.objects.get(pk=draft.pk).approvals.get()
    assert answer["state"] == "approved" and answer["round"] is None
    assert answer["current_approval"]["sha256"] == approval.sha256
    assert answer["allowed_actions"] == []  # rita no longer reviews it


def test_deciding_is_refused_to_the_owner_and_on_a_draft_not_in_review(client, alice, rita, token):
    draft = make_draft(alice)
    # Not in review: the table does not allow a decision from "draft" (a manager reads it; a
    # reviewer not asked does not even find it).
    manager = make_user("mona")
    Group.objects.get(name="HR managers").user_set.add(manager)
    _, monas = make_token(manager, REVIEW_SCOPES)
    assert "cannot be approved now" in refused(
        step(client, monas, draft, "decide", {"decision": "approve"}), 409
    )
    _, ritas = make_token(rita, REVIEW_SCOPES)
    assert step(client, ritas, draft, "decide", {"decision": "approve"}).status_code == 404
    submit_for_review(draft, rita)
    # A manager not asked to review it may not decide on it.
    refused(step(client, monas, draft, "decide", {"decision": "approve"}), 403)
    # The owner reads the draft but may not decide on it.
    refused(step(client, token, draft, "decide", {"decision": "approve"}), 403)
    # Asking for changes needs a word: the service's rule, refused for what was sent.
    assert "Say what should change" in refused(
        step(client, ritas, draft, "decide", {"decision": "request_changes"}), 422
    )
    assert state_of(draft) == ReviewState.IN_REVIEW
    response = step(
        client, ritas, draft, "decide", {"decision": "request_changes", "message": "Fix KPIs."}
    )
    assert response.status_code == 200
    assert state_of(draft) == ReviewState.CHANGES_REQUESTED


def test_a_decision_body_is_bounded_by_the_form(client, alice, rita):
    draft = make_draft(alice)
    submit_for_review(draft, rita)
    _, ritas = make_token(rita, REVIEW_SCOPES)
    body = {"decision": "maybe", "message": "x" * 4001}
    errors = problem_of(step(client, ritas, draft, "decide", body))
    assert {e["pointer"] for e in errors["errors"]} == {"#/decision", "#/message"}


def test_a_service_token_may_not_decide_even_when_its_account_is_asked_to(client, alice):
    """A review is a person's decision: a service account in the Reviewers group, asked to review,
    is refused the decision through its real ``jdb_svc_`` token, and is not offered it."""
    admin = make_user("ada", is_superuser=True, is_staff=True)
    account = service_account_create(
        username="ats-bot",
        description="The ATS sync",
        groups=[Group.objects.get(name="Reviewers")],
        by=admin,
    ).user
    draft = make_draft(alice)
    submit_for_review(draft, account)
    api_token, token = service_token_create(
        account=account, name="ATS", scopes=list(REVIEW_SCOPES), days=30, by=admin
    )
    assert api_token.is_service and token.startswith("jdb_svc_")
    status = json.loads(client.get(f"/api/v1/drafts/{draft.pk}/review/", **bearer(token)).content)
    assert not {"approve", "request_changes"} & set(status["allowed_actions"])
    response = step(client, token, draft, "decide", {"decision": "approve"})
    assert response.status_code == 403, response.content
    assert state_of(draft) == ReviewState.IN_REVIEW
    assert may_decide_reviews(SimpleNamespace(is_service=False)) is True


def test_withdraw_reopen_archive_and_unarchive_by_the_pages_rules(
    client, alice, rita, token, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    draft = make_draft(alice)
    submit_for_review(draft, rita)
    _, ritas = make_token(rita, REVIEW_SCOPES)
    # A reviewer reads it, and may not withdraw it: the owner's step.
    refused(step(client, ritas, draft, "withdraw"), 403)
    assert step(client, token, draft, "withdraw", {"message": "One more fix"}).status_code == 200
    assert state_of(draft) == ReviewState.DRAFT
    # Withdrawn already: the table allows it from "in review" only.
    refused(step(client, token, draft, "withdraw"), 409)
    refused(step(client, token, draft, "reopen"), 409)  # only an approved JD reopens
    manager = make_user("mona")
    Group.objects.get(name="HR managers").user_set.add(manager)
    _, monas = make_token(manager, REVIEW_SCOPES)
    assert step(client, monas, draft, "archive").status_code == 200
    assert state_of(draft) == ReviewState.ARCHIVED
    refused(step(client, monas, draft, "archive"), 409)
    assert step(client, token, draft, "unarchive").status_code == 200
    assert state_of(draft) == ReviewState.DRAFT
    assert step(client, token, draft, "archive", {"message": "x" * 2001}).status_code == 400
    submit_for_review(draft, rita)
    draft = JobDescription.objects.get(pk=draft.pk)
    review_decide(job_description=draft, user=rita, approve=True, seen_version=draft.version)
    assert step(client, token, draft, "reopen").status_code == 200
    assert state_of(draft) == ReviewState.DRAFT
