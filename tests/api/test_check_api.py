"""The text check: any text against a level, bounded, rate-limited per token, and readable by a
browser only from an origin an admin listed."""

import json

import pytest
from django.core.exceptions import ValidationError

from roles.models import PARAGRAPH_MAX_LENGTH, ApiCorsOrigin
from tests.helpers.api import bearer, make_token, problem_of
from tests.helpers.data import make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/check/"
CODED = "We want a dominant leader to run the region's warehouses."
LISTED = "https://ats.example.com"


@pytest.fixture
def token(alice):
    return make_token(alice, ["check"])[1]


def check(client, token, status=200, **body):
    response = client.post(URL, json.dumps(body), content_type="application/json", **bearer(token))
    assert response.status_code == status, response.content
    return json.loads(response.content) if status == 200 else problem_of(response)


def test_a_coded_word_is_found_with_where_it_stands(client, token):
    result = check(client, token, text=CODED, level="director")
    assert result["level"] == "director"
    (coded,) = [f for f in result["findings"] if f["rule"] == "gender-coded"]
    assert coded["quote"] == "dominant" and coded["field"] == "text"
    start = CODED.index("dominant")
    assert coded["span"] == {"start": start, "end": start + len("dominant")}
    assert coded["severity"] in ("required", "advice") and coded["state"] == "open"
    assert result["counted"] == len([f for f in result["findings"] if f["state"] == "open"])
    # Only the checks that read a text alone: no pay or completeness findings for what a lone
    # text lacks.
    assert {f["category"] for f in result["findings"]} <= {"level", "language", "readability"}


def test_plain_words_have_no_coded_finding(client, token):
    result = check(client, token, text="We want a leader to run the warehouses.", level="director")
    assert not [f for f in result["findings"] if f["rule"] == "gender-coded"]


def test_a_title_naming_another_level_is_found(client, token):
    result = check(
        client, token, text="Run the warehouses.", level="director", title="VP of Operations"
    )
    assert [f for f in result["findings"] if f["rule"] == "title-level"]
    same = check(
        client, token, text="Run the warehouses.", level="director", title="Director of Ops"
    )
    assert not [f for f in same["findings"] if f["rule"] == "title-level"]


def test_the_text_is_bounded_by_the_editors_limit(client, token, settings):
    check(client, token, text="a " * (PARAGRAPH_MAX_LENGTH // 2), level="director")
    problem = check(client, token, 400, text="a" * (PARAGRAPH_MAX_LENGTH + 1), level="director")
    assert [error["pointer"] for error in problem["errors"]] == ["#/text"]
    body = json.dumps({"text": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "level": "vp"})
    response = client.post(URL, body, content_type="application/json", **bearer(token))
    assert response.status_code == 413
    assert problem_of(response)["type"] == "urn:jdbuilder:problem:too-large"


def test_bad_bodies_are_400_naming_the_field(client, token):
    problem = check(client, token, 400, text="Fine.", level="no-such-level")
    assert [error["pointer"] for error in problem["errors"]] == ["#/level"]
    problem = check(client, token, 400, text="Bell\x07 here.", level="vp")
    assert [error["pointer"] for error in problem["errors"]] == ["#/text"]
    problem = check(client, token, 400, level="vp")
    assert [error["pointer"] for error in problem["errors"]] == ["#/text"]


def test_the_check_needs_its_scope(client, alice):
    reader = make_token(alice, ["read"])[1]
    problem = check(client, reader, 403, text=CODED, level="vp")
    assert problem["type"] == "urn:jdbuilder:problem:missing-scope"
    response = client.post(URL, json.dumps({"text": CODED, "level": "vp"}), "application/json")
    assert response.status_code == 401


def test_checks_have_their_own_rate_limit_per_token(client, alice, token, settings, frozen_window):
    settings.API_CHECK_RATE_LIMIT_PER_MINUTE = 2
    check(client, token, text=CODED, level="vp")
    check(client, token, text=CODED, level="vp")
    response = client.post(
        URL,
        json.dumps({"text": CODED, "level": "vp"}),
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert problem_of(response)["type"] == "urn:jdbuilder:problem:rate-limited"
    # The token's other operations go on (the general limit is another count)...
    both = make_token(alice, ["check", "read"])[1]
    assert client.get("/api/v1/levels/", **bearer(both)).status_code == 200
    # ...and another token's checks too.
    other = make_token(make_user("dave"), ["check"])[1]
    check(client, other, text=CODED, level="vp")


def preflight(client, origin: str):
    return client.options(
        URL,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )


def post_from(client, token, origin: str):
    return client.post(
        URL,
        json.dumps({"text": CODED, "level": "vp"}),
        content_type="application/json",
        HTTP_ORIGIN=origin,
        **bearer(token),
    )


def cors_headers(response) -> set[str]:
    return {name for name in response.headers if name.lower().startswith("access-control-")}


def test_no_cors_headers_until_an_origin_is_listed(client, token):
    answer = post_from(client, token, LISTED)
    assert answer.status_code == 200
    assert cors_headers(answer) == set()
    assert "Origin" in answer["Vary"]
    refused = preflight(client, LISTED)
    assert refused.status_code >= 400 and cors_headers(refused) == set()


def test_a_listed_origin_gets_cors_and_no_other_does(client, token):
    ApiCorsOrigin.objects.create(origin=LISTED)
    answered = preflight(client, LISTED)
    assert answered.status_code == 204
    assert answered["Access-Control-Allow-Origin"] == LISTED
    assert answered["Access-Control-Allow-Methods"] == "POST"
    assert "Authorization" in answered["Access-Control-Allow-Headers"]
    assert "Origin" in answered["Vary"]
    assert "Access-Control-Allow-Credentials" not in answered
    posted = post_from(client, token, LISTED)
    assert posted.status_code == 200
    assert posted["Access-Control-Allow-Origin"] == LISTED
    assert "Retry-After" in posted["Access-Control-Expose-Headers"]
    # An error is readable by the listed page too (no token: 401, with CORS).
    anonymous = client.post(URL, "{}", content_type="application/json", HTTP_ORIGIN=LISTED)
    assert anonymous.status_code == 401
    assert anonymous["Access-Control-Allow-Origin"] == LISTED
    # Exact match only: another scheme, port or host, or a name that merely starts alike.
    for other in (
        "http://ats.example.com",
        "https://ats.example.com:8443",
        "https://ats.example.com.evil.test",
        "https://evil.test",
        "null",
    ):
        assert cors_headers(preflight(client, other)) == set(), other
        assert cors_headers(post_from(client, token, other)) == set(), other
    # Other operations never answer a browser elsewhere, listed origin or not.
    levels = client.get(
        "/api/v1/levels/", HTTP_ORIGIN=LISTED, **bearer(make_token(token_user(token))[1])
    )
    assert cors_headers(levels) == set()


def token_user(token):
    from roles.models import ApiToken

    return ApiToken.objects.matching(token).user


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("https://ats.example.com", "https://ats.example.com"),
        ("HTTPS://ATS.Example.com:443", "https://ats.example.com"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443"),
    ],
)
def test_an_origin_is_kept_as_browsers_send_it(typed, kept):
    origin = ApiCorsOrigin(origin=typed)
    origin.full_clean()
    assert origin.origin == kept


@pytest.mark.parametrize(
    "typed",
    [
        "https://ats.example.com/",
        "https://ats.example.com/path",
        "ats.example.com",
        "ftp://ats.example.com",
        "*",
        "https://*.example.com",
        "https://user@ats.example.com",
        "null",
        "https://ats.example.com:99999",
    ],
)
def test_anything_but_one_origin_is_refused(typed):
    with pytest.raises(ValidationError):
        ApiCorsOrigin(origin=typed).full_clean()


def test_an_admin_lists_an_origin(client):
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/roles/apicorsorigin/add/",
        {"origin": "https://ATS.example.com", "note": "The ATS plug-in"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert ApiCorsOrigin.objects.get().origin == "https://ats.example.com"
