"""What /scim/v2/ refuses or bounds: pages, filters, malformed values, and two people made one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import DirectoryIdentity
from tests.helpers.data import make_user

pytestmark = pytest.mark.django_db


def person(number: int, **extra) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": f"person{number}@example.com",
        "externalId": f"ext-{number}",
        **extra,
    }


def test_a_page_holds_at_most_the_page_size(scim, settings):
    settings.SCIM_MAX_PAGE_SIZE = 2
    for number in range(3):
        assert scim.post("/Users", person(number)).status_code == 201

    page = scim.get("/Users", {"count": "1000"}).json()
    assert (page["totalResults"], page["itemsPerPage"], len(page["Resources"])) == (3, 2, 2)
    last = scim.get("/Users", {"startIndex": "3"}).json()
    assert [item["userName"] for item in last["Resources"]] == ["person2@example.com"]
    # RFC 7644 §3.4.2.4: a count below 0 means 0, a startIndex below 1 means 1
    assert scim.get("/Users", {"count": "-5"}).json()["itemsPerPage"] == 0
    assert scim.get("/Users", {"startIndex": "0"}).json()["startIndex"] == 1
    assert scim.get("/Users", {"count": "many"}).status_code == 400


def test_a_filter_is_parsed_not_run_as_text(scim):
    scim.post("/Users", person(1))
    bad = scim.get("/Users", {"filter": 'userName eq "x" or 1=1; --'})
    assert bad.status_code == 400 and bad.json()["scimType"] == "invalidFilter"
    assert scim.get("/Users", {"filter": "userName eq " + '"x"' * 600}).status_code == 400
    by_external = scim.get("/Users", {"filter": 'externalId eq "ext-1"'}).json()
    assert by_external["totalResults"] == 1
    # externalId is case-exact (RFC 7643 §3.1): another case is another person
    assert scim.get("/Users", {"filter": 'externalId eq "EXT-1"'}).json()["totalResults"] == 0


@pytest.mark.parametrize(
    "extra",
    [
        {"userName": ""},
        {"userName": "x" * 255},
        {"externalId": 7},
        {"externalId": "x" * 255},
        {"active": "maybe"},
        {"name": {"givenName": "x" * 151}},
        {"emails": [{"value": "not an address"}]},
    ],
)
def test_malformed_values_are_refused(scim, extra):
    response = scim.post("/Users", {**person(1), **extra})
    assert response.status_code == 400, response.content
    assert response.json()["scimType"] == "invalidValue"
    assert not DirectoryIdentity.objects.exists()


def test_two_people_are_never_made_one(scim):
    assert scim.post("/Users", person(1)).status_code == 201
    same_name = scim.post("/Users", person(2, userName="PERSON1@example.com"))
    assert same_name.status_code == 409 and same_name.json()["scimType"] == "uniqueness"
    make_user("local.person@example.com")  # a local account: linked by an administrator only
    local = scim.post("/Users", person(3, userName="local.person@example.com"))
    assert local.status_code == 409 and "administrator" in local.json()["detail"]
    assert DirectoryIdentity.objects.count() == 1


def test_a_group_naming_an_unknown_member_is_refused(scim):
    response = scim.post(
        "/Groups", {"displayName": "Staff", "members": [{"value": "no-such-person"}]}
    )
    assert response.status_code == 400 and "no-such-person" in response.json()["detail"]


@pytest.mark.parametrize("op", ["replace", "Replace", "REPLACE", "add", "Add"])
def test_operation_names_are_read_in_any_case(scim, op):
    created = scim.post("/Users", person(1)).json()
    patch = {"Operations": [{"op": op, "path": "active", "value": "False"}]}
    assert scim.patch(f"/Users/{created['id']}", patch).json()["active"] is False
    unknown = scim.patch(f"/Users/{created['id']}", {"Operations": [{"op": "Move"}]})
    assert unknown.status_code == 400 and unknown.json()["scimType"] == "invalidSyntax"


def test_a_page_of_users_costs_the_same_queries_however_many(scim):
    scim.post("/Groups", {"displayName": "Staff", "members": []})
    counts = []
    for total in (2, 12):
        while DirectoryIdentity.objects.count() < total:
            scim.post("/Users", person(DirectoryIdentity.objects.count()))
        with CaptureQueriesContext(connection) as queries:
            assert scim.get("/Users").json()["itemsPerPage"] == total
        counts.append(len(queries))
    assert counts[0] == counts[1]
