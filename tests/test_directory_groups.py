"""The group claim of the company's identity provider, read as it comes (a list, or one string as
some providers send a single role), bounded, and matched exactly to the admin's mappings."""

import pytest
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.auth.models import Group

from roles.models import DirectoryGroupMapping
from roles.signin import asserted_values, directory_groups_sync
from tests.helpers.data import make_user

pytestmark = pytest.mark.django_db


def company_login(user, claims: dict, part: str = "id_token") -> SocialLogin:
    account = SocialAccount(provider="company", uid="sub-1", extra_data={part: claims})
    return SocialLogin(user=user, account=account)


def test_the_claim_is_read_from_the_id_token_or_the_userinfo(alice, settings):
    settings.OIDC_GROUPS_CLAIM = "roles"  # Entra ID's app roles
    assert asserted_values(company_login(alice, {"roles": ["JD.Managers"]})) == ["JD.Managers"]
    assert asserted_values(company_login(alice, {"roles": "JD.Managers"}, "userinfo")) == [
        "JD.Managers"
    ]
    assert asserted_values(company_login(alice, {"groups": ["JD.Managers"]})) == []


def test_over_saml_the_values_come_from_the_configured_attribute(alice, settings):
    from allauth.socialaccount.models import SocialApp
    from allauth.socialaccount.providers.saml.provider import SAMLProvider

    role = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"
    settings.SAML_GROUPS_ATTRIBUTE = role
    settings.OIDC_GROUPS_CLAIM = "groups"
    # A SAML login's extra data is the assertion's attributes, each a list of values.
    account = SocialAccount(
        provider="company", uid="oid-1", extra_data={role: ["JD.Managers"], "groups": ["x"]}
    )
    provider = SAMLProvider(None, app=SocialApp(provider="saml", client_id="company"))
    login = SocialLogin(user=alice, account=account, provider=provider)
    assert asserted_values(login) == ["JD.Managers"]


def test_the_claim_is_bounded_and_only_strings_count(alice, settings):
    settings.OIDC_GROUPS_CLAIM = "groups"
    values = asserted_values(company_login(alice, {"groups": [{"x": 1}, 7, *["g"] * 10_000]}))
    assert len(values) <= 500 and set(values) == {"g"}


def test_values_match_exactly_and_only_mapped_groups_change(alice, rf, settings):
    settings.OIDC_GROUPS_CLAIM = "groups"
    managers, staff = Group.objects.get(name="HR managers"), Group.objects.get(name="HR staff")
    DirectoryGroupMapping.objects.create(provider_id="company", value="JD-Managers", group=managers)
    DirectoryGroupMapping.objects.create(provider_id="company", value="JD-Staff", group=staff)
    reviewers = Group.objects.get(name="Reviewers")  # given by hand, no mapping names it
    alice.groups.add(staff, reviewers)
    login = company_login(alice, {"groups": ["jd-managers", "JD-Managers"]})
    directory_groups_sync(user=alice, sociallogin=login, request=rf.get("/"))
    assert set(alice.groups.all()) == {managers, reviewers}


def test_superuser_never_comes_from_the_directory_nor_goes(rf, settings):
    settings.OIDC_GROUPS_CLAIM = "groups"
    boss = make_user("boss", is_superuser=True, is_staff=True)
    login = company_login(boss, {"groups": []})
    directory_groups_sync(user=boss, sociallogin=login, request=rf.get("/"))
    boss.refresh_from_db()
    assert boss.is_superuser and boss.is_staff


def test_a_provider_names_its_own_groups_claim(alice, settings):
    from allauth.socialaccount.models import SocialApp

    settings.OIDC_GROUPS_CLAIM = "groups"
    SocialApp.objects.create(
        provider="openid_connect",
        provider_id="company",
        name="Example Corp",
        client_id="jd-builder",
        settings={"server_url": "https://idp.example.com", "groups_claim": "roles"},
    )
    login = company_login(alice, {"roles": ["JD.Managers"], "groups": ["JD.Staff"]})
    assert asserted_values(login) == ["JD.Managers"]
