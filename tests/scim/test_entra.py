"""Microsoft Entra ID's provisioning, replayed as Microsoft documents its requests ("Tutorial:
Develop and plan provisioning for a SCIM endpoint", "Known issues and resolutions with SCIM 2.0
protocol compliance"): operation names as "Replace"/"Add"/"Remove", ``active`` as the string
"False", users found by ``filter=userName eq "…"`` and groups by displayName without members."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from roles.models import DirectoryGroupMapping, DirectoryIdentity, SecurityEvent

pytestmark = pytest.mark.django_db

ENTRA_CREATE_USER = {
    "schemas": [
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
    ],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
    "active": True,
    "emails": [
        {
            "primary": True,
            "type": "work",
            "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com",
        }
    ],
    "meta": {"resourceType": "User"},
    "name": {
        "formatted": "givenName familyName",
        "familyName": "familyName",
        "givenName": "givenName",
    },
    "roles": [],
}

ENTRA_UPDATE_MULTI_VALUED = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "Replace",
            "path": 'emails[type eq "work"].value',
            "value": "updatedEmail@microsoft.com",
        },
        {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"},
    ],
}

ENTRA_UPDATE_SINGLE_VALUED = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "Replace",
            "path": "userName",
            "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com",
        }
    ],
}

# Entra ID's attributes the app does not keep, as its default attribute mappings send them.
ENTRA_UPDATE_UNKEPT = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {"op": "Add", "path": "nickName", "value": "Babs"},
        {"op": "Replace", "path": "title", "value": "Director"},
        {
            "op": "Add",
            "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "value": "HR",
        },
    ],
}


def entra_disable(value):
    # Without Entra's "aadOptscim062020" flag, "value" is the string "False".
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "Replace", "path": "active", "value": value}],
    }


ENTRA_CREATE_GROUP = {
    "schemas": [
        "urn:ietf:params:scim:schemas:core:2.0:Group",
        "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group",
    ],
    "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
    "displayName": "displayName",
    "meta": {"resourceType": "Group"},
}


def entra_members(op: str, user_id: str) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": op, "path": "members", "value": [{"$ref": None, "value": user_id}]}],
    }


ENTRA_RENAME_GROUP = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "Replace",
            "path": "displayName",
            "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName",
        }
    ],
}


def create_user(scim) -> dict:
    response = scim.post("/Users", ENTRA_CREATE_USER)
    assert response.status_code == 201, response.content
    return response.json()


def test_entra_creates_a_user_and_finds_it_by_username(scim):
    created = create_user(scim)
    user = get_user_model().objects.get(directory_identity__scim_id=created["id"])

    assert created["userName"] == ENTRA_CREATE_USER["userName"]
    assert created["externalId"] == ENTRA_CREATE_USER["externalId"]
    assert user.is_active and not user.has_usable_password()
    assert user.email == "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"
    assert (user.first_name, user.last_name) == ("givenName", "familyName")
    assert SecurityEvent.objects.filter(kind="directory_provisioned", user=user).exists()

    found = scim.get(
        "/Users", {"filter": 'userName eq "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"'}
    ).json()
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == created["id"]
    # userName is case-insensitive (Entra's validator asks with another case)
    other_case = scim.get(
        "/Users", {"filter": 'userName eq "TEST_USER_AB6490EE-1E48-479E-A20B-2D77186B5DD1"'}
    ).json()
    assert other_case["totalResults"] == 1
    nobody = scim.get("/Users", {"filter": 'userName eq "someone.else@testuser.com"'}).json()
    assert nobody == {**nobody, "totalResults": 0, "Resources": []}


def test_entra_creating_the_same_user_twice_is_a_conflict(scim):
    create_user(scim)
    response = scim.post("/Users", ENTRA_CREATE_USER)
    assert response.status_code == 409
    assert response.json()["scimType"] == "uniqueness"
    assert DirectoryIdentity.objects.count() == 1


def test_entra_updates_a_user(scim):
    created = create_user(scim)
    path = f"/Users/{created['id']}"

    assert scim.patch(path, ENTRA_UPDATE_MULTI_VALUED).status_code == 200
    assert scim.patch(path, ENTRA_UPDATE_SINGLE_VALUED).status_code == 200
    assert scim.patch(path, ENTRA_UPDATE_UNKEPT).status_code == 200

    user = get_user_model().objects.get(directory_identity__scim_id=created["id"])
    assert user.email == "updatedEmail@microsoft.com"
    assert user.last_name == "updatedFamilyName"
    assert user.username == "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"
    got = scim.get(path).json()
    assert got["userName"] == "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"
    assert got["externalId"] == ENTRA_CREATE_USER["externalId"]


@pytest.mark.parametrize("value", ["False", False, "false"])
def test_entra_disables_a_user_with_a_string_or_a_boolean(scim, value):
    created = create_user(scim)
    response = scim.patch(f"/Users/{created['id']}", entra_disable(value))

    assert response.status_code == 200 and response.json()["active"] is False
    user = get_user_model().objects.get(directory_identity__scim_id=created["id"])
    assert not user.is_active
    assert SecurityEvent.objects.filter(kind="directory_deactivated", user=user).exists()

    again = scim.patch(f"/Users/{created['id']}", entra_disable("True"))
    assert again.json()["active"] is True
    user.refresh_from_db()
    assert user.is_active
    assert SecurityEvent.objects.filter(kind="directory_reactivated", user=user).exists()


def test_an_active_that_is_not_a_boolean_is_refused(scim):
    created = create_user(scim)
    response = scim.patch(f"/Users/{created['id']}", entra_disable("no"))
    assert response.status_code == 400 and response.json()["scimType"] == "invalidValue"
    assert get_user_model().objects.get(directory_identity__scim_id=created["id"]).is_active


def test_entra_deletes_a_user_who_is_deactivated_and_kept(scim):
    created = create_user(scim)
    user = get_user_model().objects.get(directory_identity__scim_id=created["id"])

    response = scim.delete(f"/Users/{created['id']}")

    assert response.status_code == 204
    user.refresh_from_db()  # the row stays
    assert not user.is_active
    assert DirectoryIdentity.objects.filter(user=user, deprovisioned_at__isnull=False).exists()
    assert scim.get(f"/Users/{created['id']}").status_code == 404
    assert scim.get("/Users").json()["totalResults"] == 0
    # Entra creates them again (a rehire): the same account comes back
    back = scim.post("/Users", ENTRA_CREATE_USER)
    assert back.status_code == 201
    assert get_user_model().objects.get(directory_identity__scim_id=back.json()["id"]) == user
    user.refresh_from_db()
    assert user.is_active


def test_entra_groups_give_and_take_hr_groups_through_the_mapping(scim):
    staff = Group.objects.get(name="HR staff")
    DirectoryGroupMapping.objects.create(provider_id="company", value="displayName", group=staff)
    person = create_user(scim)
    user = get_user_model().objects.get(directory_identity__scim_id=person["id"])
    group = scim.post("/Groups", ENTRA_CREATE_GROUP)
    assert group.status_code == 201, group.content
    group_id = group.json()["id"]

    found = scim.get(
        "/Groups", {"excludedAttributes": "members", "filter": 'displayName eq "displayName"'}
    ).json()
    assert found["totalResults"] == 1
    assert found["Resources"][0]["id"] == group_id and "members" not in found["Resources"][0]

    assert scim.patch(f"/Groups/{group_id}", entra_members("Add", person["id"])).status_code == 200
    assert set(user.groups.all()) == {staff}
    assert scim.get(f"/Groups/{group_id}").json()["members"][0]["value"] == person["id"]
    assert scim.get(f"/Users/{person['id']}").json()["groups"][0]["display"] == "displayName"
    event = SecurityEvent.objects.filter(kind="directory_groups_changed", user=user).first()
    assert event.detail == {"source": "scim", "added": ["HR staff"], "removed": []}

    # Renamed to a name no mapping has, the HR group goes; named back, it comes back.
    assert scim.patch(f"/Groups/{group_id}", ENTRA_RENAME_GROUP).status_code == 200
    assert not user.groups.exists()
    rename_back = {
        **ENTRA_RENAME_GROUP,
        "Operations": [{"op": "Replace", "path": "displayName", "value": "displayName"}],
    }
    assert scim.patch(f"/Groups/{group_id}", rename_back).status_code == 200
    assert set(user.groups.all()) == {staff}

    removed = scim.patch(f"/Groups/{group_id}", entra_members("Remove", person["id"]))
    assert removed.status_code == 200
    assert not user.groups.exists()
    assert scim.get(f"/Groups/{group_id}").json()["members"] == []


def test_a_mapping_the_admin_adds_or_removes_applies_at_once(scim, admin_client):
    staff = Group.objects.get(name="HR staff")
    person = create_user(scim)
    user = get_user_model().objects.get(directory_identity__scim_id=person["id"])
    group_id = scim.post("/Groups", ENTRA_CREATE_GROUP).json()["id"]
    scim.patch(f"/Groups/{group_id}", entra_members("Add", person["id"]))
    assert not user.groups.exists()  # "displayName" maps to nothing yet

    added = admin_client.post(
        "/admin/roles/directorygroupmapping/add/",
        {"provider_id": "company", "value": "displayName", "group": staff.pk},
    )
    assert added.status_code == 302
    assert set(user.groups.all()) == {staff}

    mapping = DirectoryGroupMapping.objects.get()
    admin_client.post(f"/admin/roles/directorygroupmapping/{mapping.pk}/delete/", {"post": "yes"})
    assert not DirectoryGroupMapping.objects.exists()
    assert not user.groups.exists()
