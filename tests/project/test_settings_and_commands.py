import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean |= {"DJANGO_SETTINGS_MODULE": "jdbuilder.settings", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


#: Everything production needs; each test below leaves one out.
PRODUCTION = {
    "DJANGO_SECRET_KEY": "k3y-" + "x9Q" * 20,
    "DJANGO_ALLOWED_HOSTS": "jd.example.com",
    "DJANGO_SITE_URL": "https://jd.example.com",
    "DJANGO_EMAIL_HOST": "smtp.example.com",
}


@pytest.mark.parametrize(
    ("left_out", "message"),
    [
        ("DJANGO_SECRET_KEY", "Set the DJANGO_SECRET_KEY environment variable."),
        ("DJANGO_ALLOWED_HOSTS", "Set the DJANGO_ALLOWED_HOSTS environment variable"),
        # E-mail links would point at a default address nobody opens the app at.
        ("DJANGO_SITE_URL", "Set the DJANGO_SITE_URL environment variable."),
        # Without a mail server or an explicit backend, review e-mails would go nowhere quietly.
        ("DJANGO_EMAIL_HOST", "Set the DJANGO_EMAIL_BACKEND environment variable."),
    ],
)
def test_production_refuses_to_start_without_its_settings(left_out, message):
    result = run_manage("check", **{k: v for k, v in PRODUCTION.items() if k != left_out})
    assert result.returncode != 0
    assert message in result.stderr


def test_a_site_without_mail_says_so_with_a_backend():
    site = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_EMAIL_HOST"}
    dummy = "django.core.mail.backends.dummy.EmailBackend"
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        DJANGO_EMAIL_BACKEND=dummy, **site,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == dummy


def test_a_garbled_boolean_fails_loudly():
    result = run_manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_check_deploy_is_clean_in_production_mode():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_demo_user_exists_only_in_debug(settings, capsys):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_user")
    assert not get_user_model().objects.filter(username="hr.demo").exists()

    settings.DEBUG = True
    call_command("create_demo_user")
    first = capsys.readouterr().out
    assert "username: hr.demo" in first
    password = first.split("password: ")[1].split()[0]
    assert get_user_model().objects.get(username="hr.demo").check_password(password)

    call_command("create_demo_user")  # a second run resets it to a new random password
    second = capsys.readouterr().out.split("password: ")[1].split()[0]
    assert second != password


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(alice_client):
    policy = alice_client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_session_length_comes_from_the_environment():
    shown = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)",
        SESSION_HOURS="8", **PRODUCTION,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split()[-1] == str(8 * 60 * 60)
    refused = run_manage("check", SESSION_HOURS="0", **PRODUCTION)
    assert refused.returncode != 0
    assert "SESSION_HOURS must be more than 0" in refused.stderr


#: A SAML sign-in as Google Workspace is set up: no metadata URL, its sign-in URL and certificate.
SAML = {
    "SAML_IDP_ENTITY_ID": "https://accounts.google.com/o/saml2?idpid=C0abc",
    "SAML_SSO_URL": "https://accounts.google.com/o/saml2/idp?idpid=C0abc",
    "SAML_X509_CERT": "MIIDdDCCAlygAwIBAgIGAX",
    "SAML_NAME": "Example Corp",
    "SAML_UID_ATTRIBUTE": "employeeId",
}
SHOW_SAML_APP = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.SOCIALACCOUNT_PROVIDERS['saml']['APPS']))"
)


def test_saml_sign_in_comes_from_the_environment_signed_sha256_and_sp_initiated_only():
    shown = run_manage("shell", "-c", SHOW_SAML_APP, **SAML, **PRODUCTION)
    assert shown.returncode == 0, shown.stderr
    [app] = json.loads(shown.stdout.strip().splitlines()[-1])
    assert (app["provider_id"], app["client_id"]) == ("company", "company")
    assert app["name"] == "Example Corp"
    assert app["settings"]["idp"] == {
        "entity_id": SAML["SAML_IDP_ENTITY_ID"],
        "sso_url": SAML["SAML_SSO_URL"],
        "x509cert": SAML["SAML_X509_CERT"],
    }
    assert app["settings"]["attribute_mapping"]["uid"] == "employeeId"
    advanced = app["settings"]["advanced"]
    assert advanced["want_assertion_signed"] and advanced["reject_deprecated_algorithm"]
    assert advanced["signature_algorithm"].endswith("rsa-sha256")
    assert advanced["reject_idp_initiated_sso"] is True
    turned_on = run_manage("shell", "-c", SHOW_SAML_APP, SAML_ALLOW_IDP_INITIATED="1", **SAML,
                           **PRODUCTION)  # fmt: skip
    [app] = json.loads(turned_on.stdout.strip().splitlines()[-1])
    assert app["settings"]["advanced"]["reject_idp_initiated_sso"] is False


@pytest.mark.parametrize(
    ("left_out", "message"),
    [
        # Without it nobody could be told apart but by the NameID, which the app never uses.
        ("SAML_UID_ATTRIBUTE", "Set the SAML_UID_ATTRIBUTE environment variable."),
        ("SAML_NAME", "Set the SAML_NAME environment variable."),
        # Neither a metadata URL nor the certificate: nothing to check signatures against.
        ("SAML_X509_CERT", "Set the SAML_X509_CERT environment variable."),
    ],
)
def test_saml_sign_in_refuses_to_start_without_its_settings(left_out, message):
    saml = {k: v for k, v in SAML.items() if k != left_out}
    result = run_manage("check", **saml, **PRODUCTION)
    assert result.returncode != 0
    assert message in result.stderr


def test_oidc_and_saml_cannot_share_a_provider_id():
    oidc = {"OIDC_SERVER_URL": "https://login.example.com", "OIDC_NAME": "Example Corp",
            "OIDC_CLIENT_ID": "jd", "OIDC_CLIENT_SECRET": "s3cret"}  # fmt: skip
    result = run_manage("check", **oidc, **SAML, **PRODUCTION)
    assert result.returncode != 0
    assert "give SAML_PROVIDER_ID another value than OIDC_PROVIDER_ID" in result.stderr
    assert run_manage("check", SAML_PROVIDER_ID="company-saml", **oidc, **SAML,
                      **PRODUCTION).returncode == 0  # fmt: skip
