"""The schemas /scim/v2/Schemas publishes: the core User and Group with only the attributes the
app keeps, so that a client (and a conformance tester) knows what it may expect back."""

import copy

from django_scim.constants import SchemaURI
from django_scim.schemas import ALL

USER_ATTRIBUTES = {
    "userName": None,
    "name": {"givenName", "familyName"},
    "displayName": None,
    "emails": {"value", "type", "primary"},
    "active": None,
    "groups": {"value", "$ref", "display"},
}
GROUP_ATTRIBUTES = {"displayName": None, "members": {"value", "$ref", "type"}}
#: What the app makes itself rather than keeps as sent: the display name, from the given and
#: family names.
USER_READ_ONLY = {"displayName"}


def _trimmed(schema_id: str, keep: dict) -> dict:
    schema = copy.deepcopy(next(schema for schema in ALL if schema["id"] == schema_id))
    attributes = []
    for attribute in schema["attributes"]:
        if attribute["name"] not in keep:
            continue
        if sub := keep[attribute["name"]]:
            attribute["subAttributes"] = [
                part for part in attribute.get("subAttributes", []) if part["name"] in sub
            ]
            for part in attribute["subAttributes"]:
                if f"{attribute['name']}.{part['name']}" in USER_READ_ONLY:
                    part["mutability"] = "readOnly"
        if schema_id == SchemaURI.USER and attribute["name"] in USER_READ_ONLY:
            attribute["mutability"] = "readOnly"
        attributes.append(attribute)
    schema["attributes"] = attributes
    schema["schemas"] = ["urn:ietf:params:scim:schemas:core:2.0:Schema"]
    # The location this server serves it at (django-scim2's files say /v2/Schemas/…).
    schema["meta"] = {"resourceType": "Schema", "location": f"/scim/v2/Schemas/{schema_id}"}
    for attribute in attributes:
        if schema_id == SchemaURI.USER and attribute["name"] == "active":
            # Whether someone may sign in is always said: "removing" it would mean nothing.
            attribute["required"] = True
    if schema_id == SchemaURI.GROUP:
        for attribute in attributes:
            if attribute["name"] == "displayName":
                attribute["required"] = True  # RFC 7643 §4.2: REQUIRED
    return schema


def published_schemas() -> list[dict]:
    return [_trimmed(SchemaURI.USER, USER_ATTRIBUTES), _trimmed(SchemaURI.GROUP, GROUP_ATTRIBUTES)]
