"""The API's writes: starting a draft (with Idempotency-Key), changing it (If-Match, the editor's
rules as 400s with pointers, constant queries), moving it to the trash; who may."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from roles.models import (
    IDEMPOTENCY_KEY_KEPT_FOR,
    IDEMPOTENCY_KEY_MAX_LENGTH,
    MAX_ITEMS,
    ApiIdempotencyKey,
    JobDescription,
    ReviewState,
)
from roles.services.api_idempotency import idempotencykey_claim, request_fingerprint
from tests.helpers.api import bearer, make_token, problem_of
from tests.helpers.data import make_draft, make_draft_with_items, make_user
from tests.helpers.review import approve, make_reviewer

pytestmark = pytest.mark.django_db

START = {"template": "vp-of-operations", "title": "VP Ops, Denver", "city": "Denver"}


@pytest.fixture
def token(alice):
    return make_token(alice, ("read", "write"))[1]


def post(client, token, body, **headers):
    return client.post(
        "/api/v1/drafts/",
        json.dumps(body),
        content_type="application/json",
        **bearer(token),
        **headers,
    )


def patch(client, token, draft, body, if_match=None):
    headers = {} if if_match is None else {"HTTP_IF_MATCH": if_match}
    return client.patch(
        f"/api/v1/drafts/{draft.pk}/",
        json.dumps(body),
        content_type="application/json",
        **bearer(token),
        **headers,
    )


def pointers(response) -> dict[str, str]:
    body = problem_of(response)
    assert response.status_code == 400, body
    assert body["type"] == "urn:jdbuilder:problem:invalid-request"
    return {error["pointer"]: error["detail"] for error in body["errors"]}


# Starting a draft


def test_a_draft_starts_from_a_template_as_the_start_page_starts_it(client, alice, token):
    response = post(client, token, {**START, "region": "CO", "requisition_id": "R-7"})
    assert response.status_code == 201, response.content
    draft = JobDescription.objects.get()
    assert draft.owner == alice and draft.source_template.slug == "vp-of-operations"
    assert (draft.title, draft.requisition_id) == ("VP Ops, Denver", "R-7")
    assert (draft.locations.first().city, draft.locations.first().region) == ("Denver", "CO")
    assert response["Location"] == f"http://testserver/api/v1/drafts/{draft.pk}/"
    assert response["ETag"] == f'"{draft.version}"'
    body = json.loads(response.content)
    assert body["id"] == draft.pk and body["owner"] == "alice"
    assert [item["id"] for item in body["kpis"]] == list(draft.kpis.values_list("pk", flat=True))


def test_starting_a_draft_needs_the_write_scope(client, alice):
    _, read_only = make_token(alice)
    response = post(client, read_only, START)
    assert response.status_code == 403
    assert problem_of(response)["type"] == "urn:jdbuilder:problem:missing-scope"
    assert not JobDescription.objects.exists()


def test_a_start_out_of_bounds_is_400_naming_each_field(client, token):
    response = post(
        client,
        token,
        {"template": "no-such-role", "title": "x" * 201, "region": "Colorado!", "city": ["Denver"]},
    )
    errors = pointers(response)
    assert set(errors) == {"#/template", "#/title", "#/region", "#/city"}
    assert "200 characters" in errors["#/title"]
    assert not JobDescription.objects.exists()


# Idempotency-Key


def test_the_same_key_and_body_answer_the_first_response_again(client, token):
    first = post(client, token, START, HTTP_IDEMPOTENCY_KEY="key-1")
    assert first.status_code == 201
    # The same body in another key order is the same request.
    again = post(client, token, dict(reversed(START.items())), HTTP_IDEMPOTENCY_KEY="key-1")
    assert again.status_code == 201
    assert again.content == first.content
    assert again["Location"] == first["Location"] and again["ETag"] == first["ETag"]
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert JobDescription.objects.count() == 1


def test_another_body_with_the_same_key_is_422(client, token):
    assert post(client, token, START, HTTP_IDEMPOTENCY_KEY="key-1").status_code == 201
    response = post(client, token, {**START, "title": "Other"}, HTTP_IDEMPOTENCY_KEY="key-1")
    assert response.status_code == 422
    assert problem_of(response)["type"] == "urn:jdbuilder:problem:idempotency-key-reused"
    assert JobDescription.objects.count() == 1


def test_a_key_still_in_flight_is_409(client, alice, token):
    api_token = alice.api_tokens.get()
    fingerprint = request_fingerprint(method="POST", path="/api/v1/drafts/", data=START)
    # The first request has claimed the key and not yet answered.
    assert idempotencykey_claim(token=api_token, key="key-1", request_hash=fingerprint)
    response = post(client, token, START, HTTP_IDEMPOTENCY_KEY="key-1")
    assert response.status_code == 409
    assert problem_of(response)["type"] == "urn:jdbuilder:problem:idempotency-key-in-use"
    assert response["Retry-After"] == "1"
    assert not JobDescription.objects.exists()
    # Another body with that key is still another request.
    other = post(client, token, {**START, "title": "Other"}, HTTP_IDEMPOTENCY_KEY="key-1")
    assert other.status_code == 422


def test_a_key_lost_in_flight_long_ago_is_taken_over(client, alice, token):
    api_token = alice.api_tokens.get()
    fingerprint = request_fingerprint(method="POST", path="/api/v1/drafts/", data=START)
    idempotencykey_claim(token=api_token, key="key-1", request_hash=fingerprint)
    ApiIdempotencyKey.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    assert post(client, token, START, HTTP_IDEMPOTENCY_KEY="key-1").status_code == 201
    assert ApiIdempotencyKey.objects.get().status == 201


def test_keys_are_per_token_and_kept_a_day(client, alice, token):
    assert post(client, token, START, HTTP_IDEMPOTENCY_KEY="key-1").status_code == 201
    _, other_token = make_token(alice, ("write",))
    assert post(client, other_token, START, HTTP_IDEMPOTENCY_KEY="key-1").status_code == 201
    assert JobDescription.objects.count() == 2
    ApiIdempotencyKey.objects.update(created_at=timezone.now() - IDEMPOTENCY_KEY_KEPT_FOR)
    again = post(client, token, START, HTTP_IDEMPOTENCY_KEY="key-1")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert JobDescription.objects.count() == 3
    # The day-old keys were purged when the new one was kept.
    assert ApiIdempotencyKey.objects.count() == 1


def test_an_invalid_body_keeps_no_key(client, token):
    bad = post(client, token, {"template": "no-such-role"}, HTTP_IDEMPOTENCY_KEY="key-1")
    assert bad.status_code == 400
    assert not ApiIdempotencyKey.objects.exists()
    assert post(client, token, START, HTTP_IDEMPOTENCY_KEY="key-1").status_code == 201


@pytest.mark.parametrize("key", ["", "x" * (IDEMPOTENCY_KEY_MAX_LENGTH + 1), "ключ"])
def test_a_key_too_long_empty_or_not_ascii_is_400(client, token, key):
    response = post(client, token, START, HTTP_IDEMPOTENCY_KEY=key)
    body = problem_of(response)
    assert response.status_code == 400
    assert body["errors"][0]["parameter"] == "Idempotency-Key"
    assert not JobDescription.objects.exists()


def test_a_key_of_the_longest_length_is_kept(client, token):
    key = "k" * IDEMPOTENCY_KEY_MAX_LENGTH
    assert post(client, token, START, HTTP_IDEMPOTENCY_KEY=key).status_code == 201
    assert ApiIdempotencyKey.objects.get().key == key


# Changing a draft


def test_a_change_without_if_match_is_428(client, alice, token):
    draft = make_draft(alice)
    response = patch(client, token, draft, {"title": "New"})
    assert response.status_code == 428
    assert problem_of(response)["type"] == "urn:jdbuilder:problem:precondition-required"
    assert patch(client, token, draft, {"title": "New"}, if_match="*").status_code == 428
    draft.refresh_from_db()
    assert draft.title == "VP of Operations"


def test_a_stale_change_is_412_with_the_draft_as_it_is_now(client, alice, token):
    draft = make_draft(alice)
    read = client.get(f"/api/v1/drafts/{draft.pk}/", **bearer(token))
    assert patch(client, token, draft, {"title": "First"}, read["ETag"]).status_code == 200
    response = patch(client, token, draft, {"title": "Second"}, read["ETag"])
    assert response.status_code == 412
    body = problem_of(response)
    assert body["type"] == "urn:jdbuilder:problem:edit-conflict"
    assert body["current"]["title"] == "First"
    assert body["current"]["version"] == draft.version + 1
    assert response["ETag"] == f'"{draft.version + 1}"'
    draft.refresh_from_db()
    assert draft.title == "First"


def test_a_change_saves_fields_and_lists_through_the_editors_rules(client, alice, token):
    draft = make_draft(alice)
    kpis = list(draft.kpis.all())
    assert len(kpis) >= 2
    body = {
        "summary": "Runs operations.",
        "salary_min": "150000",
        # The second KPI first, its target changed (its other fields stay); a new KPI; the
        # others removed.
        "kpis": [
            {"id": kpis[1].pk, "target": "99%"},
            {"name": "Churn", "measure": "Customers lost", "target": "<2%", "cadence": "monthly"},
        ],
        # A region by its name, as the editor reads it.
        "locations": [{"city": "Denver", "region": "Colorado", "country": "US"}],
    }
    response = patch(client, token, draft, body, f'"{draft.version}"')
    assert response.status_code == 200, response.content
    assert response["ETag"] == f'"{draft.version + 1}"'
    draft.refresh_from_db()
    assert draft.summary == "Runs operations." and draft.salary_min == 150000
    assert draft.title == "VP of Operations"  # not sent: as it was
    saved = list(draft.kpis.order_by("position"))
    assert saved[0].pk == kpis[1].pk
    assert (saved[0].name, saved[0].target) == (kpis[1].name, "99%")
    assert [k.name for k in saved] == [kpis[1].name, "Churn"]
    assert [(place.city, place.region) for place in draft.locations.all()] == [("Denver", "CO")]
    returned = json.loads(response.content)
    assert [k["id"] for k in returned["kpis"]] == [k.pk for k in saved]
    assert returned["version"] == draft.version


def test_a_change_out_of_bounds_is_400_pointing_at_each_field_and_item(client, alice, bob, token):
    draft = make_draft(alice)
    kpi = draft.kpis.first()
    bobs_kpi = make_draft(bob).kpis.first()
    body = {
        "title": "x" * 201,
        "summary": "Ops\x07Lead",  # the PDF cannot print it: the editor's rule
        "kpis": [
            {"id": kpi.pk, "name": "y" * 1000},
            # A row of another draft, and a new KPI without its name.
            {"id": bobs_kpi.pk, "name": "Theirs", "measure": "m", "target": "1"},
            {"measure": "A new KPI without its name", "target": "1"},
        ],
        "responsibilities": [],  # the editor keeps at least one
    }
    # The body's bounds first (the model's limits, which the forms share)…
    errors = pointers(patch(client, token, draft, body, f'"{draft.version}"'))
    assert set(errors) == {"#/title", "#/kpis/0/name"}
    assert "200 characters" in errors["#/title"]
    # …then the editor's forms, each error pointing at what it refuses.
    body.pop("title")
    body["kpis"][0]["name"] = "Lead\x07"
    errors = pointers(patch(client, token, draft, body, f'"{draft.version}"'))
    assert set(errors) == {
        "#/summary",
        "#/kpis/0/name",
        "#/kpis/1/id",
        "#/kpis/2/name",
        "#/responsibilities",
    }, errors
    assert "cannot print" in errors["#/summary"]
    too_many = {"kpis": [{"name": f"K{i}", "measure": "m"} for i in range(MAX_ITEMS + 1)]}
    assert set(pointers(patch(client, token, draft, too_many, f'"{draft.version}"'))) == {"#/kpis"}
    draft.refresh_from_db()
    assert draft.version == 1 and draft.summary != "Ops\x07Lead"


def test_a_change_of_the_wrong_shape_is_400(client, alice, token):
    draft = make_draft(alice)
    errors = pointers(patch(client, token, draft, {"title": ["a"], "kpis": "x"}, '"1"'))
    assert set(errors) == {"#/title", "#/kpis"}
    errors = pointers(patch(client, token, draft, [1, 2], '"1"'))
    assert set(errors) == {"#"}


def test_a_draft_in_review_cannot_be_changed_409(client, alice, token):
    draft = make_draft(alice, review_state=ReviewState.IN_REVIEW)
    response = patch(client, token, draft, {"title": "New"}, f'"{draft.version}"')
    assert response.status_code == 409
    assert problem_of(response)["type"] == "urn:jdbuilder:problem:not-editable"


def test_only_the_owner_changes_a_draft(client, alice, bob):
    """The editor's rule: a manager reads another's draft, and may not change it."""
    draft = make_draft(alice)
    _, bobs = make_token(bob, ("read", "write"))
    assert patch(client, bobs, draft, {"title": "Mine"}, '"1"').status_code == 404
    Group.objects.get(name="HR managers").user_set.add(bob)
    assert client.get(f"/api/v1/drafts/{draft.pk}/", **bearer(bobs)).status_code == 200
    response = patch(client, bobs, draft, {"title": "Mine"}, '"1"')
    assert response.status_code == 404
    assert problem_of(response)["type"] == "about:blank"
    _, read_only = make_token(alice)
    assert patch(client, read_only, draft, {"title": "Mine"}, '"1"').status_code == 403
    draft.refresh_from_db()
    assert draft.title == "VP of Operations"


def _change_queries(client, token, draft) -> int:
    """The queries of a PATCH that rewrites every list of ``draft`` (each item changed)."""
    draft.refresh_from_db()
    body = {
        "responsibilities": [
            {"id": r.pk, "text": f"{r.text}!"} for r in draft.responsibilities.all()
        ],
        "kpis": [{"id": k.pk, "target": f"{draft.version}%"} for k in draft.kpis.all()],
        "qualifications": [{"id": q.pk, "text": f"{q.text}!"} for q in draft.qualifications.all()],
    }
    client.get("/api/v1/levels/", **bearer(token))  # the token's last use is written once
    with CaptureQueriesContext(connection) as queries:
        response = patch(client, token, draft, body, f'"{draft.version}"')
    assert response.status_code == 200, response.content
    return len(queries)


def test_a_change_takes_the_same_queries_for_1_or_40_items(client, alice, token):
    small, large = make_draft_with_items(alice, 1), make_draft_with_items(alice, MAX_ITEMS)
    _change_queries(client, token, small)  # the guidance rules are read once per process
    assert _change_queries(client, token, small) == _change_queries(client, token, large)


# Moving a draft to the trash


def test_a_draft_moves_to_the_trash_with_if_match(client, alice, token):
    draft = make_draft(alice)
    url = f"/api/v1/drafts/{draft.pk}/"
    assert client.delete(url, **bearer(token)).status_code == 428
    stale = client.delete(url, HTTP_IF_MATCH='"7"', **bearer(token))
    assert stale.status_code == 412 and problem_of(stale)["current"]["id"] == draft.pk
    response = client.delete(url, HTTP_IF_MATCH=f'"{draft.version}"', **bearer(token))
    assert response.status_code == 204 and response.content == b""
    draft.refresh_from_db()
    assert draft.deleted_at is not None
    assert client.get(url, **bearer(token)).status_code == 404


def test_a_draft_in_review_is_not_trashed_and_strangers_get_404(client, alice, bob, token):
    draft = make_draft(alice, review_state=ReviewState.IN_REVIEW)
    url = f"/api/v1/drafts/{draft.pk}/"
    response = client.delete(url, HTTP_IF_MATCH='"1"', **bearer(token))
    assert response.status_code == 409
    _, bobs = make_token(make_user("carol"), ("read", "write"))
    assert client.delete(url, HTTP_IF_MATCH='"1"', **bearer(bobs)).status_code == 404
    draft.refresh_from_db()
    assert draft.deleted_at is None


def test_of_two_claims_of_one_key_one_wins(alice):
    """The unique (token, key) decides a race: the loser is told to look the key up."""
    api_token = make_token(alice, ("write",))[0]
    first = idempotencykey_claim(token=api_token, key="key-1", request_hash="a" * 64)
    assert first is not None and first.in_flight
    assert idempotencykey_claim(token=api_token, key="key-1", request_hash="a" * 64) is None
    assert ApiIdempotencyKey.objects.count() == 1


def test_a_list_naming_an_item_twice_is_400_and_nothing_is_saved(client, alice, token):
    draft = make_draft(alice)
    kpi = draft.kpis.first()
    body = {"kpis": [{"id": kpi.pk, "target": "1"}, {"id": kpi.pk, "target": "2"}]}
    response = patch(client, token, draft, body, f'"{draft.version}"')
    assert response.status_code == 400, response.content
    assert problem_of(response)["errors"]
    draft.refresh_from_db()
    assert draft.version == 1 and draft.kpis.count() > 1


def test_changing_an_approved_draft_makes_it_a_draft_again(
    client, alice, token, settings, tmp_path
):
    """As in the editor: the approval stays, and the JD needs approving again."""
    settings.MEDIA_ROOT = tmp_path
    draft = make_draft(alice)
    approve(draft, make_reviewer("rita"))
    draft.refresh_from_db()
    response = patch(client, token, draft, {"title": "VP Ops v2"}, f'"{draft.version}"')
    assert response.status_code == 200, response.content
    body = json.loads(response.content)
    assert body["review"]["state"] == "draft" and body["title"] == "VP Ops v2"
    assert draft.approvals.count() == 1
