"""Starts the test identity provider (``tests/idp``) as a real second process, and changes
things at it (people, their groups) as its administrator would."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

CLIENT_ID = "jd-builder"
CLIENT_SECRET = "test-client-secret-not-a-secret"
PROVIDER_ID = "company"


@dataclass
class IdentityProvider:
    url: str
    env: dict
    process: subprocess.Popen

    def run(self, code: str) -> str:
        """Runs Python ``code`` inside the provider's Django (its database); returns its output."""
        done = subprocess.run(
            [sys.executable, "-m", "django", "shell", "-c", code],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout

    def add_person(self, username: str, password: str, groups: list[str]) -> None:
        self.run(
            "from django.contrib.auth.models import Group, User\n"
            f"user = User.objects.create_user({username!r}, password={password!r})\n"
            f"for name in {groups!r}:\n"
            "    user.groups.add(Group.objects.get_or_create(name=name)[0])\n"
        )

    def set_groups(self, username: str, groups: list[str]) -> None:
        self.run(
            "from django.contrib.auth.models import Group, User\n"
            f"user = User.objects.get(username={username!r})\n"
            f"user.groups.set([Group.objects.get_or_create(name=n)[0] for n in {groups!r}])\n"
        )

    def add_verified_email(self, username: str, email: str) -> None:
        """The provider vouches for ``email`` as the person's (``email_verified`` true)."""
        self.run(
            "from allauth.account.models import EmailAddress\n"
            "from django.contrib.auth.models import User\n"
            f"EmailAddress.objects.create(user=User.objects.get(username={username!r}),"
            f" email={email!r}, verified=True, primary=True)\n"
        )

    def sub_of(self, username: str) -> str:
        """The subject id (``sub``) the provider asserts for the person."""
        output = self.run(
            "from django.contrib.auth.models import User\n"
            f"print(User.objects.get(username={username!r}).pk)\n"
        )
        return output.strip().splitlines()[-1]  # after the shell's own "… imported" line

    def allow_redirect_uri(self, uri: str) -> None:
        """The app's client at the provider may come back to ``uri`` too (a second sign-in
        configured in the app against the same provider)."""
        self.run(
            "from allauth.idp.oidc.models import Client\n"
            f"client = Client.objects.get(id={CLIENT_ID!r})\n"
            "uris = client.get_redirect_uris()\n"
            f"if {uri!r} not in uris:\n"
            f"    client.set_redirect_uris([*uris, {uri!r}])\n"
            "    client.save()\n"
        )

    @contextlib.contextmanager
    def signing_with_an_unpublished_key(self):
        """Within the block the provider signs ID tokens with a key its key set does not list."""
        rogue = Path(self.env["IDP_ROGUE_KEY_FILE"])
        rogue.write_bytes(_new_private_key_pem())
        try:
            yield
        finally:
            rogue.unlink()

    @contextlib.contextmanager
    def issuing_id_tokens_with(self, **claims):
        """Within the block the provider's ID tokens carry ``claims`` instead of its own
        (``exp_ago=n``: expired n seconds ago)."""
        override = Path(self.env["IDP_ID_TOKEN_OVERRIDE_FILE"])
        override.write_text(json.dumps(claims))
        try:
            yield
        finally:
            override.unlink()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _new_private_key_pem() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def start_identity_provider(*, redirect_uri: str, folder: Path) -> IdentityProvider:
    """Starts a fresh provider (new database, new signing key) that knows the app as a client."""
    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "signing-key.pem"
    key_file.write_bytes(_new_private_key_pem())
    database = folder / "idp.sqlite3"
    database.unlink(missing_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.idp.settings",
        "IDP_DATABASE_FILE": str(database),
        "IDP_PRIVATE_KEY_FILE": str(key_file),
        "IDP_ROGUE_KEY_FILE": str(folder / "unpublished-key.pem"),
        "IDP_ID_TOKEN_OVERRIDE_FILE": str(folder / "id-token-override.json"),
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    run = {"env": env, "cwd": settings.BASE_DIR, "check": True, "timeout": 120}
    subprocess.run([sys.executable, "-m", "django", "migrate", "--noinput", "-v0"], **run)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "idp.log", "w"),  # noqa: SIM115 (the process keeps it open)
    )
    provider = IdentityProvider(url=f"http://127.0.0.1:{port}", env=env, process=process)
    provider.run(
        "from allauth.idp.oidc.models import Client\n"
        f"client = Client(id={CLIENT_ID!r}, name='JD Builder', skip_consent=True)\n"
        f"client.set_secret({CLIENT_SECRET!r})\n"
        f"client.set_redirect_uris([{redirect_uri!r}])\n"
        "client.set_scopes(['openid', 'profile', 'email'])\n"
        "client.set_grant_types(['authorization_code'])\n"
        "client.set_response_types(['code'])\n"
        "client.save()\n"
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{provider.url}/.well-known/openid-configuration") as r:
                if r.status == 200:
                    return provider
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                provider.stop()
                raise
        time.sleep(0.2)


def provider_settings(
    provider: IdentityProvider, *, name: str = "Example Corp", **app_settings
) -> dict:
    """``SOCIALACCOUNT_PROVIDERS`` for the app, pointing at ``provider`` (``app_settings``: more of
    the provider's settings, e.g. ``uid_claim="oid"``)."""
    return provider_settings_at(provider.url, name=name, **app_settings)


def provider_settings_at(url: str, *, name: str = "Example Corp", **app_settings) -> dict:
    """``SOCIALACCOUNT_PROVIDERS`` naming a provider at ``url``; enough for the sign-in page's
    button, where no provider needs to run."""
    return {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": name,
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {
                        "server_url": url,
                        "token_auth_method": "client_secret_post",
                        **app_settings,
                    },
                }
            ],
        }
    }


def configured_in_the_admin(provider: IdentityProvider, *, provider_id: str, name: str, **extra):
    """A company sign-in an administrator added in the admin (a ``SocialApp`` row), pointing at
    ``provider`` (``extra``: more of its settings)."""
    from allauth.socialaccount.models import SocialApp

    return SocialApp.objects.create(
        provider="openid_connect",
        provider_id=provider_id,
        name=name,
        client_id=CLIENT_ID,
        secret=CLIENT_SECRET,
        settings={
            "server_url": provider.url,
            "token_auth_method": "client_secret_post",
            **extra,
        },
    )
