"""A second factor for local accounts (allauth.mfa): staff who sign in with a password enrol one
before anything else; afterwards a password alone does not sign them in."""

import html
import re
import time

import pytest
from django.urls import reverse

from roles.models import SecurityEvent
from tests.helpers.data import PASSWORD, make_user
from tests.helpers.totp import totp_code

pytestmark = pytest.mark.django_db


def sign_in(client, username):
    return client.post(reverse("login"), {"login": username, "password": PASSWORD})


def field_value(page: str, field_id: str) -> str:
    match = re.search(rf'id="{field_id}"[^>]*value="([^"]*)"', page)
    return html.unescape(match.group(1))


def enrol(client) -> tuple[str, list[str]]:
    """Adds an authenticator app for the signed-in person; returns its secret and recovery codes."""
    # Changing one's factors asks for the password again, even just after signing in (allauth).
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = field_value(page, "authenticator_secret")
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    textarea = re.search(r'id="recovery_codes"[^>]*>([^<]*)</textarea>', codes_page).group(1)
    return secret, textarea.split()


@pytest.fixture
def staff(db):
    return make_user("sam", is_staff=True)


def test_the_code_helper_matches_the_rfc():
    # RFC 6238, appendix B: the SHA-1 secret "12345678901234567890", at 59 s, 8 digits.
    assert totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at=59, digits=8) == "94287082"


def test_staff_who_signed_in_with_a_password_are_sent_to_add_a_second_factor(
    client, staff, django_capture_on_commit_callbacks
):
    assert sign_in(client, "sam").status_code == 302
    response = client.get(reverse("roles:compare"))
    assert response.status_code == 302
    # To the page that offers an authenticator app and a security key.
    assert response.url.startswith(reverse("mfa_index"))
    offered = client.get(response.url).content.decode()
    assert f'href="{reverse("mfa_activate_totp")}"' in offered
    assert f'href="{reverse("mfa_add_webauthn")}"' in offered
    # The enrolment pages (and entering the password again, which they ask for) stay open.
    reenter = client.get(reverse("mfa_activate_totp"))
    assert reenter.url.startswith(reverse("account_reauthenticate"))
    assert client.get(reenter.url).status_code == 200
    # allauth reports a new factor once its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        enrol(client)
    assert client.get(reverse("roles:compare")).status_code == 200
    # The security log has the new factor.
    added = SecurityEvent.objects.filter(kind="factor_added", user=staff)
    assert set(added.values_list("detail__factor", flat=True)) == {"totp", "recovery_codes"}


def test_a_setting_turns_the_requirement_off(client, staff, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    sign_in(client, "sam")
    assert client.get(reverse("roles:compare")).status_code == 200


def test_others_may_add_one_but_need_not(client, alice):
    sign_in(client, "alice")
    assert client.get(reverse("roles:compare")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_a_session_not_begun_with_a_password_is_not_sent(client, staff):
    # A session from the company's identity provider (here: one made without a password): the
    # provider owns its second factor.
    client.force_login(staff)
    assert client.get(reverse("roles:compare")).status_code == 200


def test_a_password_alone_no_longer_signs_in(client, alice):
    sign_in(client, "alice")
    secret, codes = enrol(client)
    client.post(reverse("logout"))
    response = sign_in(client, "alice")
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("roles:compare")).status_code == 302
    # A code from ten periods ago: one the app showed once, not now.
    stale = totp_code(secret, at=time.time() - 300)
    wrong = client.post(reverse("mfa_authenticate"), {"code": stale})
    assert "_auth_user_id" not in client.session, wrong
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_the_sign_in_step_offers_a_security_key_only_to_those_who_have_one(client, alice):
    # (Someone with a key is offered it: tests/browser/test_security_key_flow.py, with a real
    # browser and key.)
    sign_in(client, "alice")
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "alice")
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Enter the six-digit code" in page
    assert "Use a security key" not in page
    assert "mfa/js/webauthn.js" not in page


def test_a_security_key_name_is_bounded(client, alice):
    sign_in(client, "alice")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_add_webauthn")).content.decode()
    assert 'maxlength="64"' in page
    response = client.post(reverse("mfa_add_webauthn"), {"name": "k" * 65})
    assert "Ensure this value has at most 64 characters (it has 65)." in response.content.decode()
    assert not alice.authenticator_set.exists()
