"""Service tokens (``jdb_svc_…``): made by a superuser in the admin for a service account, an
account nobody signs in to by any path; the token reads what the account's groups allow,
through the same access helper as a person's; revoked in the admin like anyone's token."""

import hashlib
import re
from urllib.parse import urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.request import Request

from roles.api.authentication import BearerTokenAuthentication
from roles.models import (
    ApiToken,
    DirectoryGroupMapping,
    DirectoryIdentity,
    SecurityEvent,
    ServiceAccount,
)
from roles.services.api_tokens import apitoken_create, service_token_create
from roles.services.identities import LINKED_BY_ADMIN, company_identity_link
from tests.helpers.api import bearer, make_service_account, make_service_token, make_token
from tests.helpers.data import PASSWORD, make_draft, make_user
from tests.helpers.saml_idp import GROUPS, PROVIDER_ID, saml_provider_settings

pytestmark = pytest.mark.django_db

SERVICE_TOKEN = re.compile(r"jdb_svc_[A-Za-z0-9_-]{43}")


def refusals(how: str) -> int:
    return SecurityEvent.objects.filter(
        kind="service_account_signin_refused", detail__how=how
    ).count()


# The token


def test_a_service_token_is_256_random_bits_after_its_prefix_and_only_its_hash_is_stored():
    account = make_service_account()
    api_token, token = make_service_token(account)
    assert SERVICE_TOKEN.fullmatch(token)
    assert api_token.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert api_token.token_start == token[:12]
    stored = ApiToken.objects.filter(pk=api_token.pk).values().get()
    assert token not in {str(value) for value in stored.values()}
    assert (api_token.kind, api_token.is_service) == ("service", True)


def test_the_authenticated_token_says_whether_it_is_a_service_token(alice):
    """The review's decide step reads ``getattr(request.auth, "is_service", False)``: it is true
    for a real service token as the API authenticates it, false for a personal one."""
    _, service = make_service_token(make_service_account())
    _, personal = make_token(alice)
    seen = {}
    for name, token in [("service", service), ("personal", personal)]:
        request = Request(RequestFactory().get("/api/v1/levels/", **bearer(token)))
        user, auth = BearerTokenAuthentication().authenticate(request)
        seen[name] = (user.username, getattr(auth, "is_service", False))
    assert seen == {"service": ("greenhouse-sync", True), "personal": ("alice", False)}


def test_service_tokens_are_for_service_accounts_and_personal_ones_for_people(alice):
    account = make_service_account()
    with pytest.raises(ValidationError, match="not a service account"):
        service_token_create(account=alice, name="x", scopes=["read"], days=30, by=None)
    with pytest.raises(ValidationError, match="made by an administrator"):
        apitoken_create(user=account, name="x", scopes=["read"], days=30)


# What it reads


def test_a_service_token_reads_what_its_groups_allow_and_nothing_else(client, alice):
    draft = make_draft(alice)
    _, ungrouped = make_service_token(make_service_account("no-groups"))
    _, managers = make_service_token(make_service_account("reads-all", ["HR managers"]))
    one = f"/api/v1/drafts/{draft.pk}/"
    # In no group: the library, and no one's draft (its own list is empty, as a person's).
    assert client.get("/api/v1/templates/", **bearer(ungrouped)).status_code == 200
    assert client.get(one, **bearer(ungrouped)).status_code == 404
    assert client.get("/api/v1/drafts/", **bearer(ungrouped)).json()["results"] == []
    # In HR managers: every draft, as an HR manager reads it (read-only: the access helper).
    response = client.get(one, **bearer(managers))
    assert response.status_code == 200 and response.json()["id"] == draft.pk


def test_an_inactive_service_accounts_tokens_are_401(client):
    account = make_service_account()
    _, token = make_service_token(account)
    assert client.get("/api/v1/levels/", **bearer(token)).status_code == 200
    account.is_active = False
    account.save(update_fields=["is_active"])
    assert client.get("/api/v1/levels/", **bearer(token)).status_code == 401


# Nobody signs in as a service account


def test_a_service_account_has_no_password_and_no_staff_status():
    account = make_service_account()
    assert not account.has_usable_password()
    assert not (account.is_staff or account.is_superuser)


def test_the_sign_in_page_refuses_a_service_account_even_with_a_password(client):
    account = make_service_account()
    # As if someone set one on the server (manage.py changepassword).
    account.set_password(PASSWORD)
    account.save()
    response = client.post(reverse("login"), {"login": account.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "This is a service account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert refusals("password") == 1


def test_the_admin_has_no_sign_in_of_its_own_and_sets_no_service_account_password(
    client, admin_client
):
    account = make_service_account()
    account.set_password(PASSWORD)
    account.save()
    # The admin's sign-in is the app's (refused above); its own form signs nobody in.
    assert client.get("/admin/login/").url.startswith(reverse("login"))
    client.post("/admin/login/", {"username": account.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    # Nor does a superuser give it a password there.
    page = reverse("admin:auth_user_password_change", args=[account.pk])
    assert admin_client.get(page).status_code == 403
    response = admin_client.post(page, {"password1": "x" * 20, "password2": "x" * 20})
    assert response.status_code == 403


def test_password_reset_sends_a_service_account_nothing_and_refuses_a_link():
    account = make_service_account()
    account.email = "integrations@example.com"
    account.set_password(PASSWORD)
    account.save()
    client = Client()
    sent = client.post(reverse("account_reset_password"), {"email": account.email})
    assert sent.url == reverse("account_reset_password_done")  # the same answer as for anyone
    assert mail.outbox == []
    # A link made for it anyway (as the reset form would have) sets no password.
    link = client.get(
        reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(account),
                "key": default_token_generator.make_token(account),
            },
        )
    )
    assert link.status_code == 302
    refused = client.post(
        link.url, {"password1": "a new long phrase", "password2": "a new long phrase"}
    )
    assert "it has no password to reset" in refused.content.decode()
    account.refresh_from_db()
    assert account.check_password(PASSWORD)


def test_no_company_identity_is_linked_to_a_service_account(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "company",
                    "name": "Example Corp",
                    "client_id": "jd-builder",
                    "secret": "not-a-secret",
                    "settings": {"server_url": "https://idp.example.com"},
                }
            ]
        }
    }
    account = make_service_account()
    with pytest.raises(ValidationError, match="service account"):
        company_identity_link(
            user=account, provider_id="company", uid="abc-123", how=LINKED_BY_ADMIN
        )
    assert not SocialAccount.objects.filter(user=account).exists()


@pytest.mark.idp
def test_a_company_sign_in_that_finds_a_service_account_is_refused(saml_idp, settings):
    """Over SAML, against the real test provider: an identity tied to a service account (say,
    linked before the account became one) signs nobody in, and changes none of its groups.
    OpenID Connect takes the same step (allauth's social sign-in, the same adapter)."""
    client = Client(HTTP_HOST="testserver")
    settings.SOCIALACCOUNT_PROVIDERS = saml_provider_settings(saml_idp)
    settings.SAML_GROUPS_ATTRIBUTE = GROUPS
    metadata = client.get(f"/accounts/saml/{PROVIDER_ID}/metadata/")
    saml_idp.register_service_provider(metadata.content.decode())
    DirectoryGroupMapping.objects.create(
        provider_id=PROVIDER_ID, value="jd-managers", group=Group.objects.get(name="HR managers")
    )
    person = saml_idp.add_person("svc", "provider password 1234", ["jd-managers"])
    account = make_service_account("svc")
    SocialAccount.objects.create(user=account, provider=PROVIDER_ID, uid=person["object_id"])

    started = client.post(f"/accounts/saml/{PROVIDER_ID}/login/")
    answer = saml_idp.sign_in(started["Location"], "svc", "provider password 1234")
    kept = client.post(
        urlsplit(answer["action"]).path,
        {"SAMLResponse": answer["SAMLResponse"], "RelayState": answer.get("RelayState", "")},
    )
    response = client.get(kept["Location"])
    assert response.status_code == 403
    assert "A service account does not sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not account.groups.exists()
    assert refusals("company sign-in") == 1


# The admin


def test_a_superuser_makes_a_service_account_and_its_token_shown_once(admin_client, admin_user):
    response = admin_client.post(
        reverse("admin:roles_serviceaccount_add"),
        {
            "username": "workday-sync",
            "description": "Workday (IT: Sam)",
            "groups": [Group.objects.get(name="HR managers").pk],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response.url == reverse("admin:roles_apitoken_add")
    account = User.objects.get(username="workday-sync")
    assert ServiceAccount.objects.get(user=account).created_by == admin_user.username
    assert not account.has_usable_password()
    service_account = ServiceAccount.objects.get(user=account)
    listed = admin_client.get(reverse("admin:roles_serviceaccount_changelist")).content.decode()
    assert "Workday (IT: Sam)" in listed and "HR managers" in listed
    page = admin_client.get(reverse("admin:roles_serviceaccount_change", args=[service_account.pk]))
    assert reverse("admin:auth_user_change", args=[account.pk]) in page.content.decode()

    made = admin_client.post(
        reverse("admin:roles_apitoken_add"),
        {"account": account.pk, "name": "Workday", "scopes": ["read", "export"], "days": "365"},
    )
    assert made.status_code == 200
    (token,) = SERVICE_TOKEN.findall(made.content.decode())
    api_token = ApiToken.objects.get(user=account)
    assert api_token.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert (api_token.kind, api_token.scopes) == ("service", ["read", "export"])
    assert Client().get("/api/v1/levels/", **bearer(token)).status_code == 200
    # Never shown again, nor its hash.
    page = admin_client.get(reverse("admin:roles_apitoken_change", args=[api_token.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and api_token.token_start in text
    assert token not in text and api_token.token_hash not in text
    listed = admin_client.get(reverse("admin:roles_apitoken_changelist")).content.decode()
    assert token not in listed and "Workday" in listed

    events = SecurityEvent.objects.filter(user=account).order_by("pk")
    assert [event.kind for event in events] == ["service_account_created", "api_token_created"]
    assert events[1].detail["kind"] == "service"
    assert events[1].detail["token"] == api_token.token_start
    assert events[1].detail["by"] == admin_user.username


def test_the_admin_makes_service_tokens_only_for_service_accounts(admin_client, alice):
    response = admin_client.post(
        reverse("admin:roles_apitoken_add"),
        {"account": alice.pk, "name": "x", "scopes": ["read"], "days": "30"},
    )
    assert response.status_code == 200
    assert "account" in response.context["adminform"].form.errors
    assert not ApiToken.objects.exists()


def test_a_superuser_revokes_anyones_token_and_it_is_401_at_once(admin_client, admin_user, alice):
    personal, personal_token = make_token(alice)
    service, service_token = make_service_token(make_service_account())
    for token in (personal_token, service_token):
        assert Client().get("/api/v1/levels/", **bearer(token)).status_code == 200
    response = admin_client.post(
        reverse("admin:roles_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [personal.pk, service.pk]},
    )
    assert response.status_code == 302
    for token in (personal_token, service_token):
        assert Client().get("/api/v1/levels/", **bearer(token)).status_code == 401
    revoked = SecurityEvent.objects.filter(kind="api_token_revoked")
    assert {(event.user_id, event.detail["kind"]) for event in revoked} == {
        (alice.pk, "personal"),
        (service.user_id, "service"),
    }
    assert {event.detail["by"] for event in revoked} == {admin_user.username}


def test_an_hr_admin_neither_sees_nor_makes_tokens(client, alice):
    hr_admin = make_user("hr", is_staff=True)
    hr_admin.groups.add(Group.objects.get(name="HR admins"))
    client.force_login(hr_admin)
    make_token(alice)
    for page in (
        "admin:roles_apitoken_changelist",
        "admin:roles_apitoken_add",
        "admin:roles_serviceaccount_add",
    ):
        assert client.get(reverse(page)).status_code == 403, page
    assert "API tokens" not in client.get("/admin/").content.decode()


def test_hr_admins_do_not_change_a_service_accounts_groups(client):
    """What a service token reads follows from its account's groups: a superuser's decision."""
    account = make_service_account()
    hr_admin = make_user("hr", is_staff=True)
    hr_admin.groups.add(Group.objects.get(name="HR admins"))
    client.force_login(hr_admin)
    assert account.username not in client.get("/admin/auth/user/").content.decode()
    page = client.get(reverse("admin:auth_user_change", args=[account.pk]))
    assert page.status_code == 302  # the admin's answer for a row outside its list


def test_no_directory_identity_is_given_to_a_service_account(admin_client):
    account = make_service_account()
    response = admin_client.post(
        reverse("admin:roles_directoryidentity_add"),
        {"user": account.pk, "external_id": "abc-123", "user_name": "svc@example.com"},
    )
    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert not DirectoryIdentity.objects.exists()
