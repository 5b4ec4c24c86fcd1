"""With SCIM on, company sign-in reaches the account the directory made, found by the
provider's immutable id (the externalId); it never makes an account, and its group claim is
ignored: HR groups come from the directory's groups."""

import pytest
from allauth.core import context
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory

from roles.models import DirectoryGroupMapping, DirectoryIdentity, SecurityEvent
from tests.helpers.data import make_user

pytestmark = pytest.mark.django_db

SUB = "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"


@pytest.fixture
def company_provider(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "company",
                    "name": "Company",
                    "client_id": "jd-builder",
                    "secret": "not-a-secret",
                    "settings": {"server_url": "http://127.0.0.1:9/"},
                }
            ],
        }
    }


def sign_in(sub: str, claimed_groups: list[str]):
    """The end of a company sign-in, as allauth's callback completes it once the provider's ID
    token is checked: returns the request (its ``user``) and the response."""
    request = RequestFactory().get("/accounts/oidc/company/login/callback/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.session.save()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    account = SocialAccount(
        provider="company",
        uid=sub,
        extra_data={"id_token": {"sub": sub, "groups": claimed_groups}},
    )
    login = SocialLogin(user=get_user_model()(username=f"claimed-{sub[:8]}"), account=account)
    login.state = {"process": "login"}
    with context.request_context(request):
        response = complete_social_login(request, login)
    return request, response


def provision(scim, group_name: str | None = "JD Builder HR") -> dict:
    person = scim.post(
        "/Users", {"userName": "pat@example.com", "externalId": SUB, "active": True}
    ).json()
    if group_name:
        scim.post("/Groups", {"displayName": group_name, "members": [{"value": person["id"]}]})
    return person


def test_a_person_the_directory_made_signs_in_to_that_account(scim, company_provider):
    staff = Group.objects.get(name="HR staff")
    managers = Group.objects.get(name="HR managers")
    DirectoryGroupMapping.objects.create(provider_id="company", value="JD Builder HR", group=staff)
    DirectoryGroupMapping.objects.create(provider_id="company", value="Managers", group=managers)
    person = provision(scim)
    made = get_user_model().objects.get(directory_identity__scim_id=person["id"])

    request, response = sign_in(SUB, claimed_groups=["Managers"])

    assert response.status_code == 302
    assert request.user == made
    assert SocialAccount.objects.get(provider="company", uid=SUB).user == made
    assert get_user_model().objects.count() == 1  # no account made at sign-in
    assert set(made.groups.all()) == {staff}  # the claim's "Managers" is ignored

    again, _ = sign_in(SUB, claimed_groups=[])  # linked now: allauth finds it by itself
    assert again.user == made


def test_nobody_is_made_at_sign_in_when_the_directory_has_not_made_them(scim, company_provider):
    staff = Group.objects.get(name="HR staff")
    DirectoryGroupMapping.objects.create(provider_id="company", value="JD Builder HR", group=staff)

    request, response = sign_in("someone-else", claimed_groups=["JD Builder HR"])

    assert response.status_code == 403 and not request.user.is_authenticated
    assert not get_user_model().objects.exists()
    event = SecurityEvent.objects.get(kind="directory_refused")
    assert event.detail["reason"] == "not provisioned by the directory"


def test_a_person_sent_without_an_externalid_is_found_by_no_sign_in(scim, company_provider):
    staff = Group.objects.get(name="HR staff")
    DirectoryGroupMapping.objects.create(provider_id="company", value="JD Builder HR", group=staff)
    person = scim.post("/Users", {"userName": "pat@example.com"}).json()
    scim.post("/Groups", {"displayName": "JD Builder HR", "members": [{"value": person["id"]}]})

    request, response = sign_in("", claimed_groups=["JD Builder HR"])

    assert response.status_code == 403 and not request.user.is_authenticated
    assert SecurityEvent.objects.get(kind="directory_refused").detail["reason"] == (
        "not provisioned by the directory"
    )


def test_a_person_in_no_mapped_directory_group_is_refused(scim, company_provider):
    provision(scim, group_name="Everyone")
    request, response = sign_in(SUB, claimed_groups=["JD Builder HR"])
    assert response.status_code == 403 and not request.user.is_authenticated
    event = SecurityEvent.objects.get(kind="directory_refused")
    assert event.detail["reason"] == "in no mapped directory group"


def test_a_deactivated_person_cannot_sign_in(scim, company_provider):
    staff = Group.objects.get(name="HR staff")
    DirectoryGroupMapping.objects.create(provider_id="company", value="JD Builder HR", group=staff)
    person = provision(scim)
    scim.patch(
        f"/Users/{person['id']}",
        {"Operations": [{"op": "replace", "value": {"active": False}}]},
    )
    request, response = sign_in(SUB, claimed_groups=[])
    assert response.status_code == 403 and not request.user.is_authenticated
    assert SecurityEvent.objects.get(kind="directory_refused").detail["reason"] == (
        "deactivated by the directory"
    )


def test_someone_who_signed_in_before_scim_keeps_their_account(scim):
    earlier = make_user("pat")
    SocialAccount.objects.create(user=earlier, provider="company", uid=SUB)

    person = provision(scim, group_name=None)

    assert DirectoryIdentity.objects.get(scim_id=person["id"]).user == earlier
    assert get_user_model().objects.count() == 1
