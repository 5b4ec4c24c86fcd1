"""Starts the test SAML identity provider (``tests/idp_saml``) as a real second process, changes
things at it as its administrator would, and walks a sign-in through it without a browser (the
Django test client on the app's side, HTTP on the provider's)."""

import contextlib
import datetime
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings

from jdbuilder.saml_settings import saml_app_settings
from tests.idp_saml.server import GROUPS, OBJECT_ID

PROVIDER_ID = "company"
XMLSEC1 = shutil.which("xmlsec1")


def require_xmlsec1() -> None:
    """The provider signs with Debian's ``xmlsec1`` (``scripts/system-deps.sh --test``). Without
    it its tests are skipped with the reason, except in CI (CI=true), where they fail."""
    if XMLSEC1:
        return
    message = "xmlsec1 not found: install it with `apt-get install xmlsec1`"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{message}. CI must run the SAML tests.")
    pytest.skip(message)


@dataclass
class SamlIdentityProvider:
    url: str
    folder: Path
    process: subprocess.Popen

    @property
    def entity_id(self) -> str:
        return f"{self.url}/metadata"

    def add_person(self, username: str, password: str, groups: list[str]) -> dict:
        people = self._people()
        person = {
            "password": password,
            # Entra ID's object id: a GUID that stays the person's whatever else changes.
            "object_id": str(uuid.uuid4()),
            "email": f"{username}@example.com",
            "groups": groups,
        }
        people[username] = person
        self._write("people.json", json.dumps(people))
        return person

    def set_groups(self, username: str, groups: list[str]) -> None:
        people = self._people()
        people[username]["groups"] = groups
        self._write("people.json", json.dumps(people))

    def register_service_provider(self, metadata_xml: str) -> None:
        """Tells the provider about the app, by the metadata the app serves."""
        self._write("sp-metadata.xml", metadata_xml)

    @contextlib.contextmanager
    def misbehaving(self, **wrong):
        """Within the block the provider gets ``wrong`` wrong: ``signing`` ("none", "sha1",
        "unpublished-key"), ``audience``, ``expired_seconds_ago``, ``omit`` (attributes)."""
        self._write("misbehave.json", json.dumps(wrong))
        try:
            yield
        finally:
            (self.folder / "misbehave.json").unlink()

    def sign_in(self, sso_url: str, username: str, password: str) -> dict:
        """Signs in at the provider with the AuthnRequest in ``sso_url``; returns the form the
        provider answers with (``action``, ``SAMLResponse``, ``RelayState``)."""
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(sso_url).query))
        return self._post_form("/sso", {**query, "username": username, "password": password})

    def unsolicited(self, username: str) -> dict:
        """The response the provider sends when a sign-in starts there (IdP-initiated)."""
        return self._post_form("/unsolicited", {"username": username})

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def _post_form(self, path: str, fields: dict) -> dict:
        body = urllib.parse.urlencode(fields).encode()
        with urllib.request.urlopen(f"{self.url}{path}", data=body, timeout=30) as answer:
            page = answer.read().decode()
        action = re.search(r'<form method="post" action="([^"]+)"', page)
        values = dict(re.findall(r'name="(SAMLResponse|RelayState)" value="([^"]*)"', page))
        assert action and "SAMLResponse" in values, page[:500]
        fields = {name: html.unescape(value) for name, value in values.items()}
        return {"action": html.unescape(action[1]), **fields}

    def _people(self) -> dict:
        path = self.folder / "people.json"
        return json.loads(path.read_text()) if path.exists() else {}

    def _write(self, name: str, text: str) -> None:
        # Written whole, then moved: the provider never reads half a file.
        part = self.folder / f".{name}.part"
        part.write_text(text)
        part.replace(self.folder / name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _write_key_pair(folder: Path, prefix: str) -> None:
    """A fresh RSA key and a self-signed certificate for it, as an identity provider makes."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"test idp {prefix}")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    (folder / f"{prefix}-key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    certificate_pem = certificate.public_bytes(serialization.Encoding.PEM)
    (folder / f"{prefix}-cert.pem").write_bytes(certificate_pem)


def start_saml_identity_provider(*, folder: Path) -> SamlIdentityProvider:
    """Starts a fresh provider (new keys, nobody in it) on 127.0.0.1."""
    require_xmlsec1()
    folder.mkdir(parents=True, exist_ok=True)
    _write_key_pair(folder, "signing")
    _write_key_pair(folder, "unpublished")
    url = f"http://127.0.0.1:{_free_port()}"
    env = {
        **os.environ,
        "IDP_SAML_URL": url,
        "IDP_SAML_FOLDER": str(folder),
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.idp_saml.server"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "idp.log", "w"),  # noqa: SIM115 (the process keeps it open)
    )
    provider = SamlIdentityProvider(url=url, folder=folder, process=process)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=1):
                return provider
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                provider.stop()
                raise
        time.sleep(0.1)


def saml_provider_settings(
    provider: SamlIdentityProvider, *, name: str = "Example Corp", allow_idp_initiated=False
) -> dict:
    """``SOCIALACCOUNT_PROVIDERS`` for the app, pointing at ``provider``'s metadata, with the
    settings ``jdbuilder.settings`` builds from SAML_* (the object id as the immutable id)."""
    app_settings = saml_app_settings(
        idp={"entity_id": provider.entity_id, "metadata_url": f"{provider.url}/metadata"},
        uid_attribute=OBJECT_ID,
        allow_idp_initiated=allow_idp_initiated,
    )
    # The app's hosts here, "testserver" and "localhost", have no dot, which python3-saml takes
    # for a malformed URL unless told otherwise. A deployment's host has one.
    app_settings["advanced"]["allow_single_label_domains"] = True
    return {
        "openid_connect": {"APPS": []},
        "saml": {
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "client_id": PROVIDER_ID,
                    "name": name,
                    "settings": app_settings,
                }
            ]
        },
    }


__all__ = ["GROUPS", "OBJECT_ID", "PROVIDER_ID"]
