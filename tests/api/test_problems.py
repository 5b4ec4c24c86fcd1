"""Every error under /api/ is RFC 9457 problem+json, Django's own 404, 413 and 500 included;
elsewhere the pages' errors stay as they were."""

import logging

import pytest

from roles.api import views
from roles.api.problems import _pointer_errors
from tests.helpers.api import bearer, make_token, problem_of
from tests.helpers.data import make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(alice):
    return make_token(alice)[1]


def test_an_unknown_api_path_is_a_404_problem(client, token):
    response = client.get("/api/v1/nothing-here/", **bearer(token))
    assert response.status_code == 404
    body = problem_of(response)
    assert body == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "There is nothing at this path in the API.",
        "instance": "/api/v1/nothing-here/",
    }
    # The other middleware's headers survive the new body.
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"


def test_a_page_404_stays_a_page(alice_client):
    response = alice_client.get("/no-such-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/problem+json")


def test_a_method_not_allowed_is_a_405_problem_with_allow(client, token):
    response = client.post("/api/v1/levels/", {}, content_type="application/json", **bearer(token))
    assert response.status_code == 405
    assert problem_of(response)["detail"] == 'Method "POST" not allowed.'
    assert "GET" in response["Allow"] and "POST" not in response["Allow"]


def test_a_body_over_the_limit_is_a_413_problem_before_anything_reads_it(client, token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(
        "/api/v1/drafts/", "x" * 2048, content_type="application/json", **bearer(token)
    )
    assert response.status_code == 413
    body = problem_of(response)
    assert body["type"] == "urn:jdbuilder:problem:too-large"
    assert "over 1 KiB" in body["detail"]


def test_an_error_on_the_server_is_a_500_problem_and_is_logged(client, token, monkeypatch, caplog):
    def broken():
        raise RuntimeError("the database went away")

    monkeypatch.setattr(views, "levels_by_rank", broken)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/v1/levels/", **bearer(token))
    assert response.status_code == 500
    body = problem_of(response)
    assert "the database went away" not in body["detail"]  # no internals to the client
    assert any(
        record.exc_info and "the database went away" in str(record.exc_info[1])
        for record in caplog.records
    )


def test_invalid_query_parameters_are_named_in_errors(client, token):
    response = client.get("/api/v1/drafts/?status=lost&level=no%20pe&sort=owner", **bearer(token))
    assert response.status_code == 400
    body = problem_of(response)
    assert body["type"] == "urn:jdbuilder:problem:invalid-request"
    assert {error["parameter"] for error in body["errors"]} == {"status", "level", "sort"}
    assert all(error["detail"] for error in body["errors"])


def test_validation_errors_of_a_body_point_into_it():
    """A body's errors (the writes to come) as JSON pointers, names escaped per RFC 6901."""
    errors = _pointer_errors(
        {
            "title": ["Too long."],
            "kpis": [{}, {"target": ["Required."]}],
            "a/b~c": ["Odd."],
            "non_field_errors": ["Stale."],
        }
    )
    assert errors == [
        {"detail": "Too long.", "pointer": "#/title"},
        {"detail": "Required.", "pointer": "#/kpis/1/target"},
        {"detail": "Odd.", "pointer": "#/a~1b~0c"},
        {"detail": "Stale.", "pointer": "#"},
    ]


def test_a_drafts_404_does_not_tell_whether_it_exists(client, alice, bob):
    """Someone else's draft and no draft at all answer the same problem."""
    theirs = make_draft(bob)
    _, token = make_token(alice)
    someone_elses = problem_of(client.get(f"/api/v1/drafts/{theirs.pk}/", **bearer(token)))
    missing = problem_of(client.get(f"/api/v1/drafts/{theirs.pk + 1000}/", **bearer(token)))
    garbage = problem_of(client.get("/api/v1/drafts/99999999999999999999999/", **bearer(token)))
    for body in (someone_elses, missing, garbage):
        assert body["status"] == 404
        body.pop("instance")
    assert someone_elses == missing == garbage


def test_options_is_a_405_problem_not_a_second_description(client, token):
    response = client.options("/api/v1/drafts/", **bearer(token))
    assert response.status_code == 405
    assert problem_of(response)["detail"] == 'Method "OPTIONS" not allowed.'
