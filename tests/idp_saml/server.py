"""The test SAML identity provider: a WSGI app over pysaml2's ``Server``, run as
``python -m tests.idp_saml.server`` (``tests/helpers/saml_idp.py`` starts it).

Its folder (``IDP_SAML_FOLDER``) holds what the tests hand it, read afresh at every request:
- ``signing-key.pem``, ``signing-cert.pem``: its key, and the certificate its metadata publishes;
- ``unpublished-key.pem``, ``unpublished-cert.pem``: a key pair its metadata does not publish;
- ``sp-metadata.xml``: the app's SAML metadata, as the app's own metadata page serves it;
- ``people.json``: ``{username: {"password", "object_id", "email", "groups"}}``;
- ``misbehave.json``, while a test asks it to go wrong (see ``IdentityProviderApp.misbehave``).

Pages: ``/metadata``; ``/sso`` (GET, with an AuthnRequest: its sign-in form; POST: checks the
password and answers with a form that posts the response to the app); ``/unsolicited`` (POST
``username``: a response nobody asked for, as an IdP-initiated sign-in sends).

It signs the assertion (as Entra ID and ADFS do by default) with RSA-SHA256 and a SHA-256
digest, named explicitly: pysaml2's defaults are SHA-1, which the app refuses.
"""

import base64
import html
import json
import os
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, samlp, xmldsig
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server
from saml2.sigver import pre_signature_part

#: The attributes it sends, by Entra ID's names: the immutable object id, e-mail, groups.
OBJECT_ID = "http://schemas.microsoft.com/identity/claims/objectidentifier"
EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
GROUPS = "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"
ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion:Assertion"
SAML_TIME = "%Y-%m-%dT%H:%M:%SZ"
PASSWORD_PROTECTED = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
#: The largest form body it reads.
MAX_BODY = 256 * 1024


class IdentityProviderApp:
    def __init__(self, *, url: str, folder: Path):
        self.url = url
        self.folder = folder

    # --- what the tests handed over -----------------------------------------------------------
    def server(self) -> Server:
        # The app's metadata comes once the app can serve it, which needs this one's first.
        sp_metadata = self.folder / "sp-metadata.xml"
        config = IdPConfig()
        config.load(
            {
                "entityid": f"{self.url}/metadata",
                "service": {
                    "idp": {
                        "name": "Test identity provider",
                        "endpoints": {
                            "single_sign_on_service": [(f"{self.url}/sso", BINDING_HTTP_REDIRECT)]
                        },
                        "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                        "policy": {
                            "default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None}
                        },
                        "want_authn_requests_signed": False,
                    }
                },
                "key_file": str(self.folder / "signing-key.pem"),
                "cert_file": str(self.folder / "signing-cert.pem"),
                "xmlsec_binary": shutil.which("xmlsec1"),
                "metadata": {"local": [str(sp_metadata)] if sp_metadata.exists() else []},
            }
        )
        return Server(config=config)

    def people(self) -> dict:
        return json.loads((self.folder / "people.json").read_text())

    def misbehave(self) -> dict:
        """What a test asked it to get wrong: ``signing`` ("none", "sha1", "unpublished-key"),
        ``audience`` (another one), ``expired_seconds_ago`` (n), ``omit`` (attribute names)."""
        path = self.folder / "misbehave.json"
        return json.loads(path.read_text()) if path.exists() else {}

    # --- the response -------------------------------------------------------------------------
    def response_xml(self, server: Server, person: dict, *, in_response_to, destination, sp):
        identity = {OBJECT_ID: [person["object_id"]], EMAIL: [person["email"]]}
        if person["groups"]:
            identity[GROUPS] = list(person["groups"])
        unsigned = server.create_authn_response(
            identity,
            in_response_to,
            destination,
            sp,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=person["email"]),
            authn={"class_ref": PASSWORD_PROTECTED},
            sign_assertion=False,
            sign_response=False,
        )
        response = samlp.response_from_string(str(unsigned))
        assertion = response.assertion[0]  # one, as pysaml2 makes it
        wrong = self.misbehave()
        if audience := wrong.get("audience"):
            assertion.conditions.audience_restriction[0].audience[0].text = audience
        if ago := wrong.get("expired_seconds_ago"):
            self._expire(response, ago)
        if omit := wrong.get("omit"):
            for statement in assertion.attribute_statement:
                statement.attribute = [a for a in statement.attribute if a.name not in omit]
        signing = wrong.get("signing", "sha256")
        if signing == "none":
            return str(response)
        sha1 = signing == "sha1"
        unpublished = signing == "unpublished-key"
        prefix = "unpublished" if unpublished else "signing"
        cert_pem = (self.folder / f"{prefix}-cert.pem").read_text()
        assertion.signature = pre_signature_part(
            assertion.id,
            "".join(line for line in cert_pem.splitlines() if "-----" not in line),
            1,
            digest_alg=xmldsig.DIGEST_SHA1 if sha1 else xmldsig.DIGEST_SHA256,
            sign_alg=xmldsig.SIG_RSA_SHA1 if sha1 else xmldsig.SIG_RSA_SHA256,
        )
        return server.sec.sign_statement(
            str(response),
            ASSERTION,
            key_file=str(self.folder / f"{prefix}-key.pem"),
            node_id=assertion.id,
        )

    @staticmethod
    def _expire(response, ago: int) -> None:
        """Every time in the response moved into the past: issued five minutes before it
        expired, ``ago`` seconds ago."""
        expired = time.strftime(SAML_TIME, time.gmtime(time.time() - ago))
        issued = time.strftime(SAML_TIME, time.gmtime(time.time() - ago - 300))
        assertion = response.assertion[0]  # one, as pysaml2 makes it
        response.issue_instant = assertion.issue_instant = issued
        assertion.conditions.not_before = issued
        assertion.conditions.not_on_or_after = expired
        for confirmation in assertion.subject.subject_confirmation:
            confirmation.subject_confirmation_data.not_on_or_after = expired
        for statement in assertion.authn_statement:
            statement.authn_instant = issued

    # --- pages --------------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        params = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if method == "POST":
            length = min(int(environ.get("CONTENT_LENGTH") or 0), MAX_BODY)
            body = environ["wsgi.input"].read(length).decode()
            params.update({k: v[0] for k, v in parse_qs(body).items()})
        try:
            if path == "/metadata":
                metadata = create_metadata_string(None, config=self.server().config, sign=False)
                return self._answer(start_response, "200 OK", metadata, "text/xml")
            if path == "/sso" and method == "GET":
                return self._page(start_response, "200 OK", self._sign_in_form(params))
            if path == "/sso" and method == "POST":
                return self._sso(start_response, params)
            if path == "/unsolicited" and method == "POST":
                return self._unsolicited(start_response, params)
        except Exception as error:  # a test reads the log (idp.log) to see what went wrong
            print(f"identity provider error: {error!r}", file=sys.stderr, flush=True)
            raise
        return self._answer(start_response, "404 Not Found", "Not found", "text/plain")

    def _sign_in_form(self, params: dict, error: str = "") -> str:
        hidden = "".join(
            f'<input type="hidden" name="{name}" value="{html.escape(params.get(name, ""))}">'
            for name in ("SAMLRequest", "RelayState")
        )
        return (
            "<h1>Test identity provider</h1>"
            + (f'<p role="alert">{html.escape(error)}</p>' if error else "")
            + f'<form method="post" action="{self.url}/sso">{hidden}'
            '<label for="username">Username</label> <input id="username" name="username"> '
            '<label for="password">Password</label> '
            '<input id="password" name="password" type="password"> '
            '<button type="submit">Sign in</button></form>'
        )

    def _sso(self, start_response, params: dict):
        person = self.people().get(params.get("username", ""))
        if person is None or person["password"] != params.get("password"):
            page = self._sign_in_form(params, "Wrong username or password.")
            return self._page(start_response, "200 OK", page)
        server = self.server()
        request = server.parse_authn_request(params["SAMLRequest"], BINDING_HTTP_REDIRECT)
        args = server.response_args(request.message, [BINDING_HTTP_POST])
        xml = self.response_xml(
            server,
            person,
            in_response_to=args["in_response_to"],
            destination=args["destination"],
            sp=args["sp_entity_id"],
        )
        page = self._posting_form(args["destination"], xml, params.get("RelayState", ""))
        return self._page(start_response, "200 OK", page)

    def _unsolicited(self, start_response, params: dict):
        person = self.people()[params["username"]]
        server = self.server()
        sp = next(iter(server.metadata.with_descriptor("spsso")))
        destination = server.metadata.assertion_consumer_service(sp, BINDING_HTTP_POST)[0]
        xml = self.response_xml(
            server, person, in_response_to=None, destination=destination["location"], sp=sp
        )
        page = self._posting_form(destination["location"], xml, "")
        return self._page(start_response, "200 OK", page)

    @staticmethod
    def _posting_form(action: str, xml: str, relay_state: str) -> str:
        encoded = base64.b64encode(xml.encode()).decode()
        return (
            f'<form method="post" action="{html.escape(action)}">'
            f'<input type="hidden" name="SAMLResponse" value="{encoded}">'
            f'<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">'
            '<button type="submit">Continue</button></form>'
            "<script>document.forms[0].submit()</script>"
        )

    def _page(self, start_response, status: str, body: str):
        page = f'<!doctype html><html lang="en"><title>Test IdP</title><body>{body}</body></html>'
        return self._answer(start_response, status, page, "text/html; charset=utf-8")

    @staticmethod
    def _answer(start_response, status: str, body: str | bytes, content_type: str):
        data = body.encode() if isinstance(body, str) else body
        start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data)))])
        return [data]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main() -> None:
    url = os.environ["IDP_SAML_URL"]
    port = int(url.rsplit(":", 1)[1])
    app = IdentityProviderApp(url=url, folder=Path(os.environ["IDP_SAML_FOLDER"]))
    with make_server("127.0.0.1", port, app, handler_class=QuietHandler) as httpd:
        httpd.serve_forever()


if __name__ == "__main__":
    main()
