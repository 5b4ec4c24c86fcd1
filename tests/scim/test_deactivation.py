"""A person the directory deactivates is signed out within one request, everywhere; their drafts
stay, and an HR manager hands them over."""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from roles.models import JobDescription, SecurityEvent
from tests.helpers.data import PASSWORD, make_draft, make_user

pytestmark = pytest.mark.django_db

DISABLE = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Replace", "path": "active", "value": "False"}],
}


@pytest.fixture
def provisioned(scim):
    """Pat, made by the directory, in HR staff, signed in on two browsers."""
    created = scim.post(
        "/Users",
        {"userName": "pat@example.com", "externalId": "pat-oid", "name": {"givenName": "Pat"}},
    ).json()
    user = get_user_model().objects.get(directory_identity__scim_id=created["id"])
    Group.objects.get(name="HR staff").user_set.add(user)
    # Signed in through allauth's sign-in (which records each session for the sessions page), with
    # a password only this test gives them: the directory's people sign in at the company.
    user.set_password(PASSWORD)
    user.save()
    browsers = [Client(), Client()]
    for browser in browsers:
        signed_in = browser.post(
            reverse("account_login"), {"login": user.get_username(), "password": PASSWORD}
        )
        assert signed_in.status_code == 302
        assert browser.get(reverse("roles:compare")).status_code == 200
    return created["id"], user, browsers


def session_keys(user) -> set[str]:
    return {
        session.session_key
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    }


@pytest.mark.parametrize("how", ["patch", "delete"])
def test_a_deactivated_person_is_signed_out_within_one_request(scim, provisioned, how):
    scim_id, user, browsers = provisioned
    assert len(session_keys(user)) == 2 and UserSession.objects.filter(user=user).count() == 2

    if how == "patch":
        assert scim.patch(f"/Users/{scim_id}", DISABLE).status_code == 200
    else:
        assert scim.delete(f"/Users/{scim_id}").status_code == 204

    assert session_keys(user) == set()  # ended at once, before they make another request
    assert not UserSession.objects.filter(user=user).exists()
    for browser in browsers:
        response = browser.get(reverse("roles:compare"))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    event = SecurityEvent.objects.get(kind="directory_deactivated", user=user)
    assert event.detail == {"sessions_ended": 2, "deleted": how == "delete"}


def test_a_session_the_records_missed_is_refused_at_its_next_request(scim, provisioned):
    scim_id, user, browsers = provisioned
    UserSession.objects.filter(user=user).delete()  # e.g. made before allauth kept records
    assert scim.patch(f"/Users/{scim_id}", DISABLE).status_code == 200
    response = browsers[0].get(reverse("roles:compare"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_their_drafts_stay_and_a_manager_hands_them_over(scim, provisioned):
    scim_id, leaver, _ = provisioned
    draft = make_draft(leaver)
    assert scim.delete(f"/Users/{scim_id}").status_code == 204
    assert JobDescription.objects.filter(pk=draft.pk, owner=leaver).exists()

    manager, successor = make_user("manager"), make_user("successor")
    Group.objects.get(name="HR managers").user_set.add(manager)
    Group.objects.get(name="HR staff").user_set.add(successor)
    client = Client()
    client.force_login(manager)
    review = client.get(reverse("roles:review", args=[draft.pk]))
    assert review.status_code == 200
    assert successor in review.context["hand_over_to"]

    response = client.post(
        reverse("roles:review_hand_over", args=[draft.pk]),
        {"new_owner": successor.pk, "confirm": "1"},
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.owner == successor
    assert draft.audit_entries.filter(action="hand_over").exists()
