"""Okta's provisioning, replayed as Okta documents its SCIM 2.0 requests ("SCIM 2.0 protocol
reference"): users looked up by ``filter=userName eq "…"`` with startIndex and count, created
with a password (never taken), replaced by PUT without their externalId, deactivated by a PATCH
without a path; groups pushed, renamed with their id repeated, members added and taken out one
by one with ``members[value eq "…"]``."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from roles.models import DirectoryGroup, DirectoryGroupMapping, SecurityEvent

pytestmark = pytest.mark.django_db

OKTA_CREATE_USER = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "test.user@okta.local",
    "name": {"givenName": "Test", "familyName": "User"},
    "emails": [{"primary": True, "value": "test.user@okta.local", "type": "work"}],
    "displayName": "Test User",
    "locale": "en-US",
    "externalId": "00ujl29u0le5T6Aj10h7",
    "groups": [],
    "password": "1mz050nq",
    "active": True,
}


def okta_replace_user(user_id: str) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": user_id,
        "userName": "test.user@okta.local",
        "name": {"givenName": "Another", "middleName": "", "familyName": "User"},
        "emails": [{"primary": True, "value": "test.user@okta.local", "type": "work"}],
        "active": True,
        "groups": [],
        "meta": {"resourceType": "User"},
    }


OKTA_DEACTIVATE = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "value": {"active": False}}],
}

OKTA_CREATE_GROUP = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    "displayName": "Test SCIMv2",
    "members": [],
}


def okta_rename_group(group_id: str) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [
            {"op": "replace", "value": {"id": group_id, "displayName": "JD Builder HR"}}
        ],
    }


def okta_add_member(user_id: str) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [
            {
                "op": "add",
                "path": "members",
                "value": [{"value": user_id, "display": "test.user@okta.local"}],
            }
        ],
    }


def okta_remove_member(user_id: str) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "remove", "path": f'members[value eq "{user_id}"]'}],
    }


def test_okta_looks_up_creates_replaces_and_deactivates_a_user(scim):
    lookup = {"filter": 'userName eq "test.user@okta.local"', "startIndex": "1", "count": "100"}
    assert scim.get("/Users", lookup).json()["totalResults"] == 0

    created = scim.post("/Users", OKTA_CREATE_USER)
    assert created.status_code == 201, created.content
    user_id = created.json()["id"]
    user = get_user_model().objects.get(directory_identity__scim_id=user_id)
    assert not user.has_usable_password()  # Okta's password is not taken
    assert scim.get("/Users", lookup).json()["Resources"][0]["id"] == user_id

    replaced = scim.put(f"/Users/{user_id}", okta_replace_user(user_id))
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["name"]["givenName"] == "Another"
    assert replaced.json()["externalId"] == "00ujl29u0le5T6Aj10h7"  # PUT leaves it out

    deactivated = scim.patch(f"/Users/{user_id}", OKTA_DEACTIVATE)
    assert deactivated.status_code == 200 and deactivated.json()["active"] is False
    user.refresh_from_db()
    assert not user.is_active
    assert SecurityEvent.objects.filter(kind="directory_deactivated", user=user).exists()


def test_okta_group_push_gives_and_takes_hr_groups(scim):
    managers = Group.objects.get(name="HR managers")
    DirectoryGroupMapping.objects.create(
        provider_id="company", value="JD Builder HR", group=managers, grants_staff=True
    )
    user_id = scim.post("/Users", OKTA_CREATE_USER).json()["id"]
    user = get_user_model().objects.get(directory_identity__scim_id=user_id)

    group = scim.post("/Groups", OKTA_CREATE_GROUP)
    assert group.status_code == 201, group.content
    group_id = group.json()["id"]
    listed = scim.get("/Groups", {"startIndex": "1", "count": "100"}).json()
    assert [item["id"] for item in listed["Resources"]] == [group_id]

    assert scim.patch(f"/Groups/{group_id}", okta_add_member(user_id)).status_code == 200
    assert not user.groups.exists()  # "Test SCIMv2" maps to nothing
    renamed = scim.patch(f"/Groups/{group_id}", okta_rename_group(group_id))
    assert renamed.status_code == 200 and renamed.json()["displayName"] == "JD Builder HR"
    user.refresh_from_db()
    assert set(user.groups.all()) == {managers}
    assert user.is_staff and not user.is_superuser  # staff from the mapping, superuser never

    assert scim.patch(f"/Groups/{group_id}", okta_remove_member(user_id)).status_code == 200
    user.refresh_from_db()
    assert not user.groups.exists() and not user.is_staff

    scim.patch(f"/Groups/{group_id}", okta_add_member(user_id))
    assert scim.delete(f"/Groups/{group_id}").status_code == 204
    user.refresh_from_db()
    assert not user.groups.exists()
    assert not DirectoryGroup.objects.exists()
    assert get_user_model().objects.filter(pk=user.pk, is_active=True).exists()
