"""SCIM for tests: a client that speaks to /scim/v2/ with a bearer token, as Entra ID and Okta
do (real requests through Django's test client: middleware, URL conf, views)."""

import json

from django.test import Client

from roles.models import ScimToken

SCIM = "/scim/v2"
CONTENT_TYPE = "application/scim+json"


def make_scim_token(name: str = "Entra ID") -> str:
    return ScimToken.issue(name=name)[1]


class ScimClient:
    """Django's test client, sending ``Authorization: Bearer <token>`` and SCIM JSON."""

    def __init__(self, token: str, client: Client | None = None) -> None:
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, params: dict | None = None):
        return self.client.get(f"{SCIM}{path}", params or {}, headers=self.headers)

    def _send(self, method: str, path: str, document):
        body = document if isinstance(document, (str, bytes)) else json.dumps(document)
        return getattr(self.client, method)(
            f"{SCIM}{path}", body, content_type=CONTENT_TYPE, headers=self.headers
        )

    def post(self, path: str, document):
        return self._send("post", path, document)

    def put(self, path: str, document):
        return self._send("put", path, document)

    def patch(self, path: str, document):
        return self._send("patch", path, document)

    def delete(self, path: str):
        return self.client.delete(f"{SCIM}{path}", headers=self.headers)


def scim_error(response) -> dict:
    """The SCIM error document of a refusal (asserting it is one)."""
    assert response["Content-Type"] == CONTENT_TYPE, response.content[:200]
    document = response.json()
    assert document["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert int(document["status"]) == response.status_code
    return document
