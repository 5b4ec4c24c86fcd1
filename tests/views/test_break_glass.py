"""Local sign-in off (LOCAL_SIGNIN=0) except for break-glass accounts: flagged only by
``manage.py break_glass``, always with a second factor, every use logged and e-mailed to the
other administrators."""

import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from roles.models import BreakGlassAccount, SecurityEvent
from roles.services.break_glass import send_break_glass_email
from tests.helpers.data import PASSWORD, make_user
from tests.helpers.idp import provider_settings_at
from tests.helpers.totp import totp_code

pytestmark = pytest.mark.django_db

COMPANY = provider_settings_at("https://idp.example.com")


@pytest.fixture
def local_signin_off(settings):
    settings.LOCAL_SIGNIN = False
    settings.SITE_URL = "https://jd.example.com"


def sign_in(client, username: str, password: str = PASSWORD):
    return client.post(reverse("login"), {"login": username, "password": password})


def grant(username: str, *, by: str = "it-oncall") -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("break_glass", "--grant", username, "--by", by, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def with_authenticator_app(user) -> str:
    """Gives ``user`` an authenticator app (allauth's own record of one); returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def send_queued() -> list[str]:
    results = []
    for queued in DBTaskResult.objects.filter(task_path=send_break_glass_email.module_path):
        results.append(send_break_glass_email.call(*queued.args_kwargs["args"]))
        queued.delete()
    return results


def test_with_local_sign_in_off_a_right_password_is_refused_and_says_why(
    client, alice, local_signin_off
):
    response = sign_in(client, "alice")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Signing in with a JD Builder password is turned off" in page
    assert "_auth_user_id" not in client.session
    refused = SecurityEvent.objects.get(kind="local_signin_refused")
    assert (refused.user, refused.detail) == (alice, {"reason": "local_signin_off"})
    # A wrong password gets the usual words: the refusal tells only whoever knows the password.
    wrong = sign_in(client, "alice", "wrong").content.decode()
    assert "Please enter a correct username and password" in wrong
    assert "Signing in with a JD Builder password is turned off" not in wrong


def test_a_break_glass_account_signs_in_with_its_second_factor_and_the_admins_hear_of_it(
    client, local_signin_off, django_capture_on_commit_callbacks
):
    make_user("root", is_superuser=True, is_staff=True, email="root@example.com")
    hana = make_user("hana", is_staff=True, email="hana@example.com")
    Group.objects.get(name="HR admins").user_set.add(hana)
    make_user("nomail", is_superuser=True, is_staff=True, email="")
    make_user("carol", email="carol@example.com")  # not an administrator
    glass = make_user("glass", is_superuser=True, is_staff=True, email="glass@example.com")
    grant("glass")
    secret = with_authenticator_app(glass)

    # The password alone opens nothing: allauth asks for the code.
    assert sign_in(client, "glass").url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert not SecurityEvent.objects.filter(kind="break_glass_used").exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.session["_auth_user_id"] == str(glass.pk)
    assert client.get(reverse("roles:compare")).status_code == 200

    used = SecurityEvent.objects.get(kind="break_glass_used")
    assert (used.user, used.ip_address) == (glass, "127.0.0.1")
    assert used.detail == {"methods": ["password", "mfa"], "local_signin": False}
    # The other administrators with an address, one message each; not the account itself.
    assert send_queued() == ["sent 2"]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "hana@example.com",
        "root@example.com",
    ]
    message = mail.outbox[0]
    assert message.subject == "Break-glass sign-in to JD Builder: glass"
    assert "with the break-glass account “glass”, with its password and second factor" in (
        message.body
    )
    assert "From: 127.0.0.1" in message.body
    assert "manage.py break_glass --revoke glass" in message.body
    assert "https://jd.example.com/admin/roles/securityevent/?kind__exact=break_glass_used" in (
        message.body
    )
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "Open the security log" in html


def test_a_break_glass_account_without_a_second_factor_stays_out(client, local_signin_off):
    make_user("glass")
    _, warning = grant("glass")
    assert "has no second factor yet" in warning
    page = sign_in(client, "glass").content.decode()
    assert "This emergency account has no second factor yet" in page
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.get(kind="local_signin_refused").detail == {
        "reason": "break_glass_without_factor"
    }


def test_with_local_sign_in_on_a_break_glass_account_adds_a_factor_first_and_is_reported(
    client, settings, django_capture_on_commit_callbacks
):
    # Even where staff need no second factor, and for an account that is not staff.
    settings.MFA_REQUIRED_FOR_STAFF = False
    make_user("root", is_superuser=True, is_staff=True, email="root@example.com")
    make_user("glass")
    grant("glass")
    with django_capture_on_commit_callbacks(execute=True):
        assert sign_in(client, "glass").status_code == 302
    response = client.get(reverse("roles:compare"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_index"))
    assert SecurityEvent.objects.get(kind="break_glass_used").detail["local_signin"] is True
    assert send_queued() == ["sent 1"]
    (message,) = mail.outbox
    assert "with its password alone (it has no second factor yet" in message.body


def test_the_command_grants_lists_and_revokes_and_the_log_keeps_each(alice):
    out, _ = grant("alice", by="dana (IT)")
    assert out == "alice is now a break-glass account.\n"
    assert BreakGlassAccount.objects.get().user == alice
    assert grant("alice")[0] == "alice already was a break-glass account.\n"
    listing = io.StringIO()
    call_command("break_glass", "--list", stdout=listing)
    assert "alice: since" in listing.getvalue() and "NO second factor" in listing.getvalue()

    out = io.StringIO()
    call_command("break_glass", "--revoke", "alice", stdout=out)
    assert out.getvalue() == "alice is no longer a break-glass account.\n"
    assert not BreakGlassAccount.objects.exists()
    granted, revoked = SecurityEvent.objects.order_by("pk")
    assert (granted.kind, granted.user, granted.detail) == (
        "break_glass_granted",
        alice,
        {"by": "dana (IT)"},
    )
    assert (revoked.kind, revoked.user) == ("break_glass_revoked", alice)


def test_the_command_refuses_what_cannot_be_break_glass(alice, bob):
    with pytest.raises(CommandError, match="No account named 'nobody'"):
        grant("nobody")
    # An account of the company's directory has no password to break glass with.
    bob.set_unusable_password()
    bob.save()
    with pytest.raises(CommandError, match="has no local password"):
        grant("bob")
    alice.is_active = False
    alice.save()
    with pytest.raises(CommandError, match="is not active"):
        grant("alice")
    assert not BreakGlassAccount.objects.exists()
    assert not SecurityEvent.objects.exists()


def test_the_admin_shows_the_flag_and_cannot_set_it(admin_client, alice):
    grant("alice")
    change_url = reverse("admin:auth_user_change", args=[alice.pk])
    page = admin_client.get(change_url).content.decode()
    assert "Break-glass account" in page and "manage.py break_glass" in page
    assert 'name="break_glass"' not in page
    assert admin_client.get(reverse("admin:roles_breakglassaccount_add")).status_code == 403
    account = BreakGlassAccount.objects.get()
    delete_url = reverse("admin:roles_breakglassaccount_delete", args=[account.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert BreakGlassAccount.objects.filter(user=alice).exists()


def test_with_local_sign_in_off_the_page_offers_the_company_and_folds_the_password_away(
    client, settings, local_signin_off
):
    settings.SOCIALACCOUNT_PROVIDERS = COMPANY
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Example Corp" in page
    assert "<details" in page and "Emergency access for IT" in page
    assert '<details class="mt-4 small" open' not in page
    assert "or with a JD Builder account" not in page
    assert reverse("account_reset_password") not in page
    # After a refused try the fold stays open, with the reason in it.
    make_user("dora")
    refused = sign_in(client, "dora").content.decode()
    assert '<details class="mt-4 small" open' in refused


def test_with_local_sign_in_on_the_page_offers_both_and_the_reset_link(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = COMPANY
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Example Corp" in page and "or with a JD Builder account" in page
    assert "<details" not in page
    assert f'href="{reverse("account_reset_password")}"' in page


def test_with_local_sign_in_off_and_no_company_sign_in_the_form_is_not_folded(
    client, local_signin_off
):
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with" not in page
    assert '<details class="mt-4 small" open' in page
