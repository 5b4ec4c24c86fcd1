"""People and groups as SCIM documents, and SCIM documents (POST, PUT, PATCH) as the values
``roles.services.directory`` takes.

Lenient where the big directories are known to depart from RFC 7644, strict where it matters:
- ``active`` is a boolean, or Entra ID's ``"True"``/``"False"`` strings (any case);
- PATCH operation names in any case (Entra ID: ``"Replace"``, ``"Add"``, ``"Remove"``);
- a PATCH with no ``path`` and an object value (Okta: ``{"op": "replace", "value":
  {"active": false}}``) sets each attribute it names;
- attributes the app does not keep (title, phone numbers, the enterprise extension…) are
  accepted and ignored, so one unmapped attribute does not stop a deactivation;
- a password is never taken: people sign in at the company's identity provider;
- a userName or externalId that another person has is refused (409), never merged.
"""

import re
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django_scim import exceptions
from django_scim.adapters import SCIMGroup, SCIMUser
from django_scim.constants import SchemaURI

from roles.models import DIRECTORY_NAME_MAX_LENGTH, DirectoryIdentity
from roles.services.directory import (
    DirectoryConflict,
    PersonValues,
    directory_group_delete,
    directory_group_members_change,
    directory_group_save,
    directory_person_deprovision,
    directory_person_provision,
    directory_person_update,
)

USER_SCHEMA_PREFIX = SchemaURI.USER + ":"
GROUP_SCHEMA_PREFIX = SchemaURI.GROUP + ":"
#: Django's own limit on first and last names.
PERSON_NAME_MAX_LENGTH = 150
#: Members one request may name (a group's full list in a PUT, or one PATCH's additions).
MEMBERS_MAX = 5000
#: ``members[value eq "…"]`` (Okta's removal of one member).
MEMBER_FILTER = re.compile(r'^members\[\s*value\s+eq\s+"([^"]{1,100})"\s*\]$', re.IGNORECASE)


def directory_identity_model():
    """The model behind SCIM's Users (django-scim2's ``USER_MODEL_GETTER``)."""
    return DirectoryIdentity


def base_location(request=None, *args, **kwargs) -> str:
    """Where /scim/v2/ is reached from outside: the site's address (``DJANGO_SITE_URL``)."""
    return settings.SITE_URL


def bad_value(detail: str) -> exceptions.BadRequestError:
    return exceptions.BadRequestError(detail, scim_type="invalidValue")


def parse_active(value: Any) -> bool:
    """A boolean, or Entra ID's ``"True"``/``"False"`` (it sends strings unless told not to)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise bad_value('"active" must be true or false.')


def parse_text(value: Any, name: str, *, max_length: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise bad_value(f'"{name}" must be a string.')
    value = value.strip()
    if required and not value:
        raise bad_value(f'"{name}" is required.')
    if len(value) > max_length:
        raise bad_value(f'"{name}" is longer than {max_length} characters.')
    return value


def parse_emails(value: Any) -> dict:
    """The primary address of a SCIM ``emails`` list (else the first), checked, with its
    label: the ``PersonValues`` fields it sets."""
    if value in (None, []):
        return {"email": "", "email_type": "", "email_primary": None}
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise bad_value('"emails" must be a list of objects.')
    first = sorted(value[:20], key=lambda item: item.get("primary") is not True)[0]
    address = parse_text(first.get("value"), "emails.value", max_length=254)
    if address:
        try:
            validate_email(address)
        except ValidationError:
            raise bad_value(f"{address!r} is not an e-mail address.") from None
    label = first.get("type")
    primary = first.get("primary")
    return {
        "email": address,
        "email_type": label[:20] if isinstance(label, str) else "",
        "email_primary": primary if isinstance(primary, bool) else None,
    }


def strip_schema(path: str, prefix: str) -> str:
    return path[len(prefix) :] if path.lower().startswith(prefix.lower()) else path


def operations_of(operations: Any) -> list[tuple[str, str, Any]]:
    """PATCH operations as (op in lower case, path or "", value), checked for shape."""
    if not isinstance(operations, list) or not operations:
        raise exceptions.BadRequestError('"Operations" must be a non-empty list.')
    parsed = []
    for operation in operations[:100]:
        if not isinstance(operation, dict):
            raise exceptions.BadRequestError("Each operation must be an object.")
        op = str(operation.get("op", "")).lower()
        if op not in ("add", "replace", "remove"):
            raise exceptions.BadRequestError(
                f"Unknown PATCH op {operation.get('op')!r}.", scim_type="invalidSyntax"
            )
        path = operation.get("path") or ""
        if not isinstance(path, str):
            raise exceptions.BadRequestError('"path" must be a string.', scim_type="invalidPath")
        parsed.append((op, path.strip(), operation.get("value")))
    return parsed


def select_attributes(document: dict, request) -> dict:
    """``attributes`` / ``excludedAttributes`` of the query string (top-level names; ``id``
    and ``schemas`` are always returned, RFC 7643 §7)."""
    if request is None:
        return document
    wanted = {name.strip().lower() for name in request.GET.get("attributes", "").split(",")}
    unwanted = {
        name.strip().lower() for name in request.GET.get("excludedAttributes", "").split(",")
    }
    wanted.discard("")
    always = {"id", "schemas"}
    return {
        key: value
        for key, value in document.items()
        if key.lower() in always
        or ((not wanted or key.lower() in wanted) and key.lower() not in unwanted)
    }


class DirectoryUserAdapter(SCIMUser):
    """A SCIM User over a ``DirectoryIdentity`` and its Django user."""

    def __init__(self, obj: DirectoryIdentity, request=None):
        super().__init__(obj, request)
        if obj.pk:
            user = obj.user
            self.values = PersonValues(
                user_name=obj.user_name,
                external_id=obj.external_id,
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                email_type=obj.email_type,
                email_primary=obj.email_primary,
                active=user.is_active,
            )
        else:
            self.values = None

    @property
    def display_name(self) -> str:
        user = self.obj.user
        return f"{user.first_name} {user.last_name}".strip() or self.obj.user_name

    def to_dict(self) -> dict:
        identity, user = self.obj, self.obj.user
        groups = [
            {
                "value": group.scim_id,
                "$ref": urljoin(
                    base_location(), reverse("scim:groups", kwargs={"uuid": group.scim_id})
                ),
                "display": group.display_name,
            }
            for group in identity.groups.all()
        ]
        document = {
            "schemas": [SchemaURI.USER],
            "id": identity.scim_id,
            "userName": identity.user_name,
            "displayName": self.display_name,
            "active": user.is_active,
            "groups": groups,
            "meta": {
                "resourceType": "User",
                "created": identity.created_at.isoformat(),
                "lastModified": identity.updated_at.isoformat(),
                "location": self.location,
            },
        }
        # What is not set is left out (RFC 7643 §2.5: unassigned, not empty).
        if identity.external_id:
            document["externalId"] = identity.external_id
        if user.first_name or user.last_name:
            document["name"] = {"givenName": user.first_name, "familyName": user.last_name}
        if user.email:
            email = {"value": user.email, "type": identity.email_type}
            email["primary"] = identity.email_primary
            document["emails"] = [{key: value for key, value in email.items() if value != ""}]
            if identity.email_primary is None:
                del document["emails"][0]["primary"]
        return select_attributes(document, self._request)

    @classmethod
    def resource_type_dict(cls, request=None) -> dict:
        # The endpoint relative to /scim/v2/ (RFC 7643 §6), not the site's root.
        return {**super().resource_type_dict(request), "endpoint": "/Users"}

    def validate_dict(self, d) -> None:
        if not isinstance(d, dict):
            raise exceptions.BadRequestError("The body must be a JSON object.")

    def from_dict(self, d: dict) -> None:
        """A whole User (POST, PUT): what it does not say is cleared, except the externalId,
        which Okta's PUT leaves out and which is who the person is."""
        current = self.values
        external_id = d.get("externalId")
        if external_id is None and current is not None:
            external_id = current.external_id
        name = d.get("name") or {}
        if not isinstance(name, dict):
            raise bad_value('"name" must be an object.')
        self.values = PersonValues(
            user_name=parse_text(
                d.get("userName"), "userName", max_length=DIRECTORY_NAME_MAX_LENGTH, required=True
            ),
            # Optional in SCIM; without it the person cannot sign in (nothing to find them by).
            external_id=parse_text(external_id, "externalId", max_length=DIRECTORY_NAME_MAX_LENGTH),
            first_name=parse_text(
                name.get("givenName"), "name.givenName", max_length=PERSON_NAME_MAX_LENGTH
            ),
            last_name=parse_text(
                name.get("familyName"), "name.familyName", max_length=PERSON_NAME_MAX_LENGTH
            ),
            **parse_emails(d.get("emails")),
            # Left out of a PUT, "active" stays as it was: a replace must not bring a leaver back.
            active=parse_active(d["active"])
            if d.get("active") is not None
            else (current.active if current else True),
        )

    def handle_operations(self, operations) -> None:
        changes: dict[str, Any] = {}
        for op, path, value in operations_of(operations):
            if not path:
                if op == "remove" or not isinstance(value, dict):
                    raise exceptions.BadRequestError(
                        "An operation without a path needs an object value.",
                        scim_type="noTarget" if op == "remove" else "invalidValue",
                    )
                for key, item in value.items():
                    self._change(changes, op, str(key), item)
            else:
                self._change(changes, op, path, value)
        values = self.values.__dict__ | changes
        self.values = PersonValues(**values)
        if not self.values.user_name:
            raise bad_value("userName cannot be removed.")
        self.save()

    def _change(self, changes: dict, op: str, path: str, value: Any) -> None:
        key = strip_schema(path, USER_SCHEMA_PREFIX).lower()
        if op == "remove":
            value = None
        if key == "active":
            if op != "remove":
                changes["active"] = parse_active(value)
        elif key == "username":
            changes["user_name"] = parse_text(
                value, "userName", max_length=DIRECTORY_NAME_MAX_LENGTH
            )
        elif key == "externalid":
            changes["external_id"] = parse_text(
                value, "externalId", max_length=DIRECTORY_NAME_MAX_LENGTH
            )
        elif key == "name.givenname":
            changes["first_name"] = parse_text(
                value, "name.givenName", max_length=PERSON_NAME_MAX_LENGTH
            )
        elif key == "name.familyname":
            changes["last_name"] = parse_text(
                value, "name.familyName", max_length=PERSON_NAME_MAX_LENGTH
            )
        elif key == "name":
            if value is not None and not isinstance(value, dict):
                raise bad_value('"name" must be an object.')
            for part in ("givenName", "familyName"):
                if value is None or part in value:
                    self._change(changes, op, f"name.{part}", (value or {}).get(part))
        elif key in ("emails", 'emails[type eq "work"].value', "emails.value"):
            if key == "emails":
                changes.update(parse_emails(value))
            else:  # Entra ID's path names the work address
                changes.update(parse_emails([{"value": value, "type": "work"}] if value else []))
        # Anything else (displayName, which the names make; title, phone numbers, the
        # enterprise extension…) the app does not keep: accepted, ignored.

    def save(self) -> None:
        try:
            if self.obj.pk is None:
                self.obj = directory_person_provision(values=self.values, request=self._request)
            else:
                self.obj = directory_person_update(
                    identity=self.obj, values=self.values, request=self._request
                )
        except DirectoryConflict as conflict:
            raise exceptions.IntegrityError(str(conflict), scim_type="uniqueness") from None

    def delete(self) -> None:
        directory_person_deprovision(identity=self.obj, request=self._request)


class DirectoryGroupAdapter(SCIMGroup):
    """A SCIM Group over a ``DirectoryGroup``; its members are ``DirectoryIdentity`` rows."""

    @property
    def display_name(self) -> str:
        return self.obj.display_name

    def to_dict(self) -> dict:
        group = self.obj
        members = [
            {
                "value": identity.scim_id,
                "$ref": urljoin(
                    base_location(), reverse("scim:users", kwargs={"uuid": identity.scim_id})
                ),
                "type": "User",
            }
            for identity in group.members.all()  # prefetched for a page of groups
            if identity.deprovisioned_at is None
        ]
        document = {
            "schemas": [SchemaURI.GROUP],
            "id": group.scim_id,
            "displayName": group.display_name,
            "members": members,
            "meta": {
                "resourceType": "Group",
                "created": group.created_at.isoformat(),
                "lastModified": group.updated_at.isoformat(),
                "location": self.location,
            },
        }
        if group.external_id:
            document["externalId"] = group.external_id
        return select_attributes(document, self._request)

    @classmethod
    def resource_type_dict(cls, request=None) -> dict:
        return {**super().resource_type_dict(request), "endpoint": "/Groups"}

    def validate_dict(self, d) -> None:
        if not isinstance(d, dict):
            raise exceptions.BadRequestError("The body must be a JSON object.")

    def from_dict(self, d: dict) -> None:
        self.pending = {
            "display_name": parse_text(
                d.get("displayName"),
                "displayName",
                max_length=DIRECTORY_NAME_MAX_LENGTH,
                required=True,
            ),
            "external_id": parse_text(
                d.get("externalId"), "externalId", max_length=DIRECTORY_NAME_MAX_LENGTH
            ),
            "members": self.identities(d.get("members") or []),
        }

    def identities(self, members: Any) -> list[DirectoryIdentity]:
        """The people a SCIM ``members`` list names (by their SCIM id); all must exist."""
        if not isinstance(members, list) or len(members) > MEMBERS_MAX:
            raise bad_value(f'"members" must be a list of at most {MEMBERS_MAX} objects.')
        ids = set()
        for member in members:
            value = member.get("value") if isinstance(member, dict) else None
            if not isinstance(value, str) or not value:
                raise bad_value('Each member needs a "value": the SCIM id of a user.')
            ids.add(value)
        found = list(
            DirectoryIdentity.objects.filter(scim_id__in=ids, deprovisioned_at__isnull=True)
        )
        if len(found) != len(ids):
            missing = sorted(ids - {identity.scim_id for identity in found})
            raise bad_value(f"No such user: {', '.join(missing[:5])}.")
        return found

    def save(self) -> None:
        try:
            self.obj = directory_group_save(
                group=self.obj,
                display_name=self.pending["display_name"],
                external_id=self.pending["external_id"],
                members=self.pending["members"],
                request=self._request,
            )
        except DirectoryConflict as conflict:
            raise exceptions.IntegrityError(str(conflict), scim_type="uniqueness") from None

    def handle_operations(self, operations) -> None:
        group = self.obj
        name, external_id = group.display_name, group.external_id
        replace_members: list[DirectoryIdentity] | None = None
        add: set[DirectoryIdentity] = set()
        remove: set[DirectoryIdentity] = set()
        for op, path, value in operations_of(operations):
            path = strip_schema(path, GROUP_SCHEMA_PREFIX)
            pairs = [(path, value)]
            if not path:
                if op == "remove" or not isinstance(value, dict):
                    raise exceptions.BadRequestError(
                        "An operation without a path needs an object value.",
                        scim_type="noTarget" if op == "remove" else "invalidValue",
                    )
                pairs = list(value.items())
            for attribute, item in pairs:
                key = str(attribute).lower()
                one_member = MEMBER_FILTER.match(attribute)
                if key == "displayname":
                    name = parse_text(
                        item, "displayName", max_length=DIRECTORY_NAME_MAX_LENGTH, required=True
                    )
                elif key == "externalid":
                    external_id = parse_text(
                        None if op == "remove" else item,
                        "externalId",
                        max_length=DIRECTORY_NAME_MAX_LENGTH,
                    )
                elif key == "members" and op == "add":
                    add |= set(self.identities(item or []))
                elif key == "members" and op == "replace":
                    replace_members = self.identities(item or [])
                    add, remove = set(), set()
                elif key == "members" and op == "remove":
                    # Entra ID names the members in the value; no value removes everyone.
                    if item:
                        remove |= set(self.identities(item))
                    else:
                        replace_members, add, remove = [], set(), set()
                elif one_member and op == "remove":
                    remove |= set(self.identities([{"value": one_member.group(1)}]))
                elif key == "id":
                    continue  # Okta repeats the group's id beside its new name
                else:
                    raise exceptions.BadRequestError(
                        f"Groups have no attribute {attribute!r} to {op}.", scim_type="invalidPath"
                    )
        try:
            if (name, external_id) != (group.display_name, group.external_id) or (
                replace_members is not None
            ):
                directory_group_save(
                    group=group,
                    display_name=name,
                    external_id=external_id,
                    members=replace_members,
                    request=self._request,
                )
        except DirectoryConflict as conflict:
            raise exceptions.IntegrityError(str(conflict), scim_type="uniqueness") from None
        if add or remove:
            directory_group_members_change(
                group=group, add=add - remove, remove=remove, request=self._request
            )

    def delete(self) -> None:
        directory_group_delete(group=self.obj, request=self._request)
