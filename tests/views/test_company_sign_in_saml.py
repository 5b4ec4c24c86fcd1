"""Signing in with the company's identity provider over SAML 2.0, against a real SAML identity
provider in a second process (tests/idp_saml, pysaml2, signing RSA-SHA256): a person in a mapped
group gets in, and every forged, stale or incomplete response is refused with its own reason in
the security log, so that no refusal test passes for the wrong reason."""

import base64
from urllib.parse import urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import Group, User
from django.test import Client

from roles.models import DirectoryGroupMapping, SecurityEvent
from tests.helpers.saml_idp import (
    GROUPS,
    OBJECT_ID,
    PROVIDER_ID,
    saml_provider_settings,
)

pytestmark = [pytest.mark.django_db, pytest.mark.idp]
IDP_PASSWORD = "provider password 1234"


def browser() -> Client:
    # A browser always sends Host, and allauth's SAML views read it; Django's test client sends
    # none unless told.
    return Client(HTTP_HOST="testserver")


@pytest.fixture
def client():
    return browser()


@pytest.fixture
def company(saml_idp, settings, client, db):
    settings.SOCIALACCOUNT_PROVIDERS = saml_provider_settings(saml_idp)
    settings.SAML_GROUPS_ATTRIBUTE = GROUPS
    # The provider learns of the app from the metadata the app serves.
    metadata = client.get(f"/accounts/saml/{PROVIDER_ID}/metadata/")
    assert metadata.status_code == 200, metadata.content
    saml_idp.register_service_provider(metadata.content.decode())
    for value, group in [("jd-managers", "HR managers"), ("jd-staff", "HR staff")]:
        DirectoryGroupMapping.objects.create(
            provider_id=PROVIDER_ID, value=value, group=Group.objects.get(name=group)
        )
    return saml_idp


def response_from_the_provider(client, company, username: str) -> dict:
    """Starts a sign-in at the app and signs in at the provider: the provider's answer, which
    the browser would post to the app."""
    started = client.post(f"/accounts/saml/{PROVIDER_ID}/login/")
    assert started.status_code == 302 and started["Location"].startswith(company.url)
    return company.sign_in(started["Location"], username, IDP_PASSWORD)


def post_to_the_app(client, answer: dict):
    """Posts the provider's answer to the app, as the browser does, and follows the app to the
    end of its sign-in; returns the last response."""
    kept = client.post(
        urlsplit(answer["action"]).path,
        {"SAMLResponse": answer["SAMLResponse"], "RelayState": answer.get("RelayState", "")},
    )
    assert kept.status_code == 302, kept.content  # allauth keeps it, and finishes on a GET
    return client.get(kept["Location"])


def refusal_reason() -> str:
    return SecurityEvent.objects.get(kind="sign_in_failed").detail["reason"]


def assert_nobody_signed_in(client, response) -> None:
    assert "Third-Party Login Failure" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(socialaccount__provider=PROVIDER_ID).exists()


def test_a_person_in_a_mapped_group_lands_on_the_start_page_in_that_group(client, company):
    person = company.add_person("pat", IDP_PASSWORD, ["jd-managers", "unrelated-group"])
    response = post_to_the_app(client, response_from_the_provider(client, company, "pat"))
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(socialaccount__provider=PROVIDER_ID)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert set(user.groups.values_list("name", flat=True)) == {"HR managers"}
    # Found by the object id, the attribute that never changes; not by the e-mail NameID.
    assert SocialAccount.objects.get(user=user).uid == person["object_id"]
    assert client.get("/").status_code == 200


def test_groups_follow_the_directory_at_every_sign_in(client, company):
    company.add_person("sam", IDP_PASSWORD, ["jd-managers"])
    post_to_the_app(client, response_from_the_provider(client, company, "sam"))
    company.set_groups("sam", ["jd-staff"])
    client.logout()
    post_to_the_app(client, response_from_the_provider(client, company, "sam"))
    user = User.objects.get(socialaccount__provider=PROVIDER_ID)
    assert set(user.groups.values_list("name", flat=True)) == {"HR staff"}
    change = SecurityEvent.objects.filter(kind="directory_groups_changed").latest("pk")
    assert change.detail == {"added": ["HR staff"], "removed": ["HR managers"], "source": "sign-in"}


def test_without_a_mapped_group_nobody_gets_in(client, company):
    company.add_person("quinn", IDP_PASSWORD, ["unrelated-group"])
    response = post_to_the_app(client, response_from_the_provider(client, company, "quinn"))
    assert response.status_code == 403
    assert "No access yet" in response.content.decode()
    assert not User.objects.filter(socialaccount__provider=PROVIDER_ID).exists()
    assert SecurityEvent.objects.filter(kind="directory_refused").exists()


@pytest.mark.parametrize(
    ("wrong", "reason"),
    [
        ({"signing": "none"}, "The Assertion of the Response is not signed and the SP require it"),
        ({"signing": "unpublished-key"}, "Signature validation failed. SAML Response rejected"),
        (
            {"signing": "sha1"},
            "Deprecated signature algorithm found: http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        ),
        (
            {"audience": "https://another-application.example/saml"},
            "is not a valid audience for this Response",
        ),
        # Ten minutes past its end: twice python3-saml's allowed clock drift (five minutes).
        ({"expired_seconds_ago": 600}, "Could not validate timestamp: expired"),
        (
            {"omit": [OBJECT_ID]},
            f"response without the immutable id attribute {OBJECT_ID}",
        ),
    ],
    ids=["unsigned", "wrong-key", "sha1", "wrong-audience", "expired", "missing-immutable-id"],
)
def test_a_response_the_provider_got_wrong_is_refused_for_its_reason(
    client, company, wrong, reason
):
    company.add_person("rae", IDP_PASSWORD, ["jd-staff"])
    with company.misbehaving(**wrong):
        answer = response_from_the_provider(client, company, "rae")
    response = post_to_the_app(client, answer)
    assert_nobody_signed_in(client, response)
    assert reason in refusal_reason()


def test_the_e_mail_name_id_never_stands_in_for_the_immutable_id(client, company):
    # A person who had an account by their object id, and a response that names them only by
    # their e-mail address (the NameID): refused, not matched, and no second account made.
    company.add_person("tess", IDP_PASSWORD, ["jd-staff"])
    post_to_the_app(client, response_from_the_provider(client, company, "tess"))
    client.logout()
    with company.misbehaving(omit=[OBJECT_ID]):
        answer = response_from_the_provider(client, company, "tess")
    response = post_to_the_app(client, answer)
    assert "Third-Party Login Failure" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert SocialAccount.objects.filter(provider=PROVIDER_ID).count() == 1
    assert OBJECT_ID in refusal_reason()


def test_an_altered_response_is_refused_and_the_same_response_unaltered_is_not(client, company):
    company.add_person("val", IDP_PASSWORD, ["jd-staff"])
    answer = response_from_the_provider(client, company, "val")
    xml = base64.b64decode(answer["SAMLResponse"]).decode()
    assert xml.count(">jd-staff<") == 1
    # Someone between the provider and the app makes themselves a manager.
    altered = xml.replace(">jd-staff<", ">jd-managers<")
    forged = {**answer, "SAMLResponse": base64.b64encode(altered.encode()).decode()}
    response = post_to_the_app(client, forged)
    assert_nobody_signed_in(client, response)
    assert refusal_reason() == "Signature validation failed. SAML Response rejected"
    # Nothing else was wrong with it: as the provider sent it, it signs the person in.
    response = post_to_the_app(client, answer)
    assert response["Location"] == "/"
    user = User.objects.get(socialaccount__provider=PROVIDER_ID)
    assert set(user.groups.values_list("name", flat=True)) == {"HR staff"}


def test_a_replayed_response_is_refused(client, company):
    company.add_person("sol", IDP_PASSWORD, ["jd-staff"])
    answer = response_from_the_provider(client, company, "sol")
    assert post_to_the_app(client, answer)["Location"] == "/"
    # The same response, captured, posted from another browser.
    other_browser = browser()
    response = post_to_the_app(other_browser, answer)
    assert "Third-Party Login Failure" in response.content.decode()
    assert "_auth_user_id" not in other_browser.session
    assert refusal_reason() == "assertion already used (a replayed response)"


def test_a_response_to_a_sign_in_another_browser_started_is_refused(client, company):
    # Someone's own response, slipped to another person's browser to sign them in as its owner.
    company.add_person("noa", IDP_PASSWORD, ["jd-staff"])
    answer = response_from_the_provider(client, company, "noa")
    victim = browser()
    response = post_to_the_app(victim, answer)
    assert "Third-Party Login Failure" in response.content.decode()
    assert "_auth_user_id" not in victim.session
    assert refusal_reason().startswith("a response to a sign-in this browser did not start")


def test_an_unsolicited_response_is_refused_while_idp_initiated_sign_in_is_off(client, company):
    company.add_person("uma", IDP_PASSWORD, ["jd-staff"])
    response = post_to_the_app(client, company.unsolicited("uma"))
    assert_nobody_signed_in(client, response)
    assert refusal_reason().startswith("unsolicited response")


def test_idp_initiated_sign_in_works_when_turned_on(client, company, settings):
    settings.SOCIALACCOUNT_PROVIDERS = saml_provider_settings(company, allow_idp_initiated=True)
    company.add_person("ida", IDP_PASSWORD, ["jd-staff"])
    answer = company.unsolicited("ida")
    response = post_to_the_app(client, answer)
    assert response["Location"] == "/"
    assert "_auth_user_id" in client.session
    assert not SecurityEvent.objects.filter(kind="sign_in_failed").exists()
    # No sign-in of the browser's own to match it against: only its single use stops a replay.
    replayer = browser()
    response = post_to_the_app(replayer, answer)
    assert "_auth_user_id" not in replayer.session
    assert refusal_reason() == "assertion already used (a replayed response)"


def test_the_sign_in_page_offers_the_company_first(client, company):
    page = client.get("/accounts/login/").content.decode()
    assert page.index("Sign in with Example Corp") < page.index('name="login"')
