"""SCIM error documents (RFC 7644 §3.12), for every refusal under /scim/v2/."""

import json

from django.http import HttpResponse
from django_scim.constants import SCIM_CONTENT_TYPE, SchemaURI


def scim_error(status: int, detail: str, *, scim_type: str | None = None) -> HttpResponse:
    document = {"schemas": [SchemaURI.ERROR], "status": str(status), "detail": detail}
    if scim_type:
        document["scimType"] = scim_type
    return HttpResponse(json.dumps(document), status=status, content_type=SCIM_CONTENT_TYPE)
