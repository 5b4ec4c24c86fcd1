"""The company's directory changing people and their HR groups: at each company sign-in (the
group claim, ``roles.signin``) or, with ``SCIM_ENABLED``, whenever the directory says so over
SCIM (``roles.scim``). Every function takes values, not SCIM documents, and runs in one
transaction; what the directory does is in the security log.

A person the directory deactivates (``active: false``, or DELETE) is signed out at once: their
sessions are deleted, allauth's records of them too, and Django's own check of ``is_active`` at
each request would refuse a session missed. Their drafts stay theirs until an HR manager hands
them over (``roles.services.review.review_hand_over``); no row is ever deleted here but a
directory group's.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils import timezone

from roles.models import (
    DirectoryGroup,
    DirectoryGroupMapping,
    DirectoryIdentity,
    SecurityEventKind,
)
from roles.services.security import security_event_record


class DirectoryConflict(Exception):
    """What the directory asks would make two people one (a userName or externalId taken)."""


@dataclass(frozen=True)
class PersonValues:
    """What the directory says of a person, as this app keeps it."""

    user_name: str
    external_id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    email_type: str = ""
    email_primary: bool | None = None
    active: bool = True


def directory_groups_apply(
    *,
    user,
    values: Iterable[str],
    provider_id: str,
    request: HttpRequest | None,
    source: str,
    released: Iterable = (),
) -> None:
    """Brings the person's HR groups and staff status up to what the directory asserts now:
    the groups of the mappings whose value is one of ``values`` (matched exactly), added and
    removed (only groups some mapping of ``provider_id`` names, or ``released``: groups a
    mapping just stopped naming); staff from the mapping; superuser never."""
    mappings = list(
        DirectoryGroupMapping.objects.filter(
            provider_id=provider_id, value__in=list(values)
        ).select_related("group")
    )
    managed = {
        mapping.group
        for mapping in DirectoryGroupMapping.objects.filter(provider_id=provider_id).select_related(
            "group"
        )
    }
    managed |= set(released)
    wanted = {mapping.group for mapping in mappings}
    had = set(user.groups.filter(pk__in=[group.pk for group in managed]))
    added, removed = wanted - had, had - wanted
    user.groups.add(*added)
    user.groups.remove(*removed)
    staff = any(mapping.grants_staff for mapping in mappings)
    if user.is_staff != staff and not user.is_superuser:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    if added or removed:
        security_event_record(
            kind=SecurityEventKind.DIRECTORY_GROUPS_CHANGED,
            request=request,
            user=user,
            detail={
                "source": source,
                "added": sorted(group.name for group in added),
                "removed": sorted(group.name for group in removed),
            },
        )


def directory_person_groups_sync(
    *, identity: DirectoryIdentity, request: HttpRequest | None, released: Iterable = ()
):
    """The person's HR groups from the directory groups they are in (SCIM), by display name."""
    directory_groups_apply(
        user=identity.user,
        values=identity.groups.values_list("display_name", flat=True),
        provider_id=settings.SCIM_PROVIDER_ID,
        request=request,
        source="scim",
        released=released,
    )


def directory_mapping_changed(
    *,
    provider_id: str,
    values: Iterable[str],
    request: HttpRequest | None,
    released: Iterable = (),
) -> int:
    """An administrator added, changed or removed mappings of these values: with SCIM on, the
    people in the directory groups of those names get their HR groups anew now (not at their
    next sign-in); ``released`` are the HR groups a changed or removed mapping gave, which they
    lose unless a mapping still gives them. Returns how many people were looked at."""
    if not settings.SCIM_ENABLED or provider_id != settings.SCIM_PROVIDER_ID:
        return 0
    people = (
        DirectoryIdentity.objects.filter(
            groups__display_name__in=list(values), deprovisioned_at__isnull=True
        )
        .select_related("user")
        .distinct()
    )
    count = 0
    released = set(released)
    for identity in people:
        directory_person_groups_sync(identity=identity, request=request, released=released)
        count += 1
    return count


def sessions_end(*, user) -> int:
    """Ends every session of ``user`` now, however it began; returns how many."""
    from allauth.usersessions.models import UserSession

    ended = 0
    for session in UserSession.objects.filter(user=user):
        session.end()  # deletes the session from the session store, and its record
        ended += 1
    return ended


def _check_free(values: PersonValues, *, identity: DirectoryIdentity | None, user) -> None:
    others = DirectoryIdentity.objects.exclude(pk=getattr(identity, "pk", None))
    if values.external_id and others.filter(external_id=values.external_id).exists():
        raise DirectoryConflict(f"Another person has the externalId {values.external_id!r}.")
    if (
        others.filter(deprovisioned_at__isnull=True)
        .annotate(lower=Lower("user_name"))
        .filter(lower=values.user_name.lower())
        .exists()
    ):
        raise DirectoryConflict(f"Another person has the userName {values.user_name!r}.")
    taken = get_user_model().objects.filter(username=values.user_name[:150])
    if user is not None:
        taken = taken.exclude(pk=user.pk)
    if taken.exists():
        # A local account of that name: an administrator links it to the directory (admin:
        # Directory identities), never the directory by a name it asserts.
        raise DirectoryConflict(
            f"A local account is named {values.user_name!r}: an administrator links it first."
        )


def _apply(identity: DirectoryIdentity, user, values: PersonValues) -> None:
    identity.user_name = values.user_name
    identity.external_id = values.external_id
    identity.email_type = values.email_type[:20] if values.email else ""
    identity.email_primary = values.email_primary if values.email else None
    identity.updated_at = timezone.now()
    user.username = values.user_name[:150]
    user.is_active = values.active
    user.first_name = values.first_name[:150]
    user.last_name = values.last_name[:150]
    user.email = values.email[:254]


@transaction.atomic
def directory_person_provision(
    *, values: PersonValues, request: HttpRequest | None
) -> DirectoryIdentity:
    """The directory creates a person (without an externalId, they cannot sign in until the
    directory sends one). The same externalId again (a rehire, or the directory
    starting over) brings back the account it had; someone who already signed in through the
    company's provider with that id (before SCIM was on) keeps their account; anyone else gets
    a new one, without a password (they sign in at the company's provider)."""
    from allauth.socialaccount.models import SocialAccount

    identity = (
        DirectoryIdentity.objects.filter(external_id=values.external_id).first()
        if values.external_id
        else None
    )
    if identity is not None and identity.deprovisioned_at is None:
        raise DirectoryConflict(f"Another person has the externalId {values.external_id!r}.")
    if identity is not None:
        user = identity.user
    elif not values.external_id:
        user = None
    else:
        account = (
            SocialAccount.objects.filter(
                provider=settings.SCIM_PROVIDER_ID,
                uid=values.external_id,
                user__directory_identity__isnull=True,
            )
            .select_related("user")
            .first()
        )
        user = account.user if account else None
    _check_free(values, identity=identity, user=user)
    was_active = user is not None and user.is_active
    if user is None:
        user = get_user_model()()
        user.set_unusable_password()
    identity = identity or DirectoryIdentity()
    identity.deprovisioned_at = None
    _apply(identity, user, values)
    user.save()
    identity.user = user
    identity.save()
    security_event_record(
        kind=SecurityEventKind.DIRECTORY_PROVISIONED,
        request=request,
        user=user,
        detail={"external_id": values.external_id[:100], "active": values.active},
    )
    if was_active and not values.active:
        _deactivated(user, request)
    directory_person_groups_sync(identity=identity, request=request)
    return identity


@transaction.atomic
def directory_person_update(
    *, identity: DirectoryIdentity, values: PersonValues, request: HttpRequest | None
) -> DirectoryIdentity:
    """The directory changes a person (PUT or PATCH): names, e-mail, userName, and whether they
    may sign in. The Django username follows the userName (refused when another account has
    it)."""
    user = identity.user
    _check_free(values, identity=identity, user=user)
    was_active = user.is_active
    _apply(identity, user, values)
    user.save(update_fields=["username", "first_name", "last_name", "email", "is_active"])
    identity.save()
    if was_active and not values.active:
        _deactivated(user, request)
    elif values.active and not was_active:
        security_event_record(
            kind=SecurityEventKind.DIRECTORY_REACTIVATED, request=request, user=user
        )
    return identity


@transaction.atomic
def directory_person_deprovision(
    *, identity: DirectoryIdentity, request: HttpRequest | None
) -> None:
    """The directory DELETEs a person: the account stays, inactive, with its drafts; SCIM no
    longer shows it."""
    user = identity.user
    identity.deprovisioned_at = timezone.now()
    identity.save(update_fields=["deprovisioned_at"])
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    _deactivated(user, request, deleted=True)


def _deactivated(user, request: HttpRequest | None, *, deleted: bool = False) -> None:
    ended = sessions_end(user=user)
    security_event_record(
        kind=SecurityEventKind.DIRECTORY_DEACTIVATED,
        request=request,
        user=user,
        detail={"sessions_ended": ended, "deleted": deleted},
    )


@transaction.atomic
def directory_group_save(
    *,
    group: DirectoryGroup,
    display_name: str,
    external_id: str,
    members: list[DirectoryIdentity] | None,
    request: HttpRequest | None,
) -> DirectoryGroup:
    """The directory creates or replaces a group (``members`` None: as they were). Everyone
    whose membership, or whose group's name, changed gets their HR groups anew."""
    others = DirectoryGroup.objects.exclude(pk=group.pk)
    if others.annotate(lower=Lower("display_name")).filter(lower=display_name.lower()).exists():
        raise DirectoryConflict(f"Another group is named {display_name!r}.")
    renamed = group.pk is not None and group.display_name != display_name
    before = set(group.members.all()) if group.pk else set()
    group.display_name = display_name
    group.external_id = external_id
    group.updated_at = timezone.now()
    group.save()
    after = before if members is None else set(members)
    if members is not None:
        group.members.set(members)
    touched = (before | after) if renamed else (before ^ after)
    for identity in touched:
        directory_person_groups_sync(identity=identity, request=request)
    return group


@transaction.atomic
def directory_group_members_change(
    *,
    group: DirectoryGroup,
    add: Iterable[DirectoryIdentity] = (),
    remove: Iterable[DirectoryIdentity] = (),
    request: HttpRequest | None,
) -> None:
    """The directory adds people to a group, or takes them out (PATCH)."""
    add, remove = set(add), set(remove)
    group.members.add(*add)
    group.members.remove(*remove)
    DirectoryGroup.objects.filter(pk=group.pk).update(updated_at=timezone.now())
    for identity in add | remove:
        directory_person_groups_sync(identity=identity, request=request)


@transaction.atomic
def directory_group_delete(*, group: DirectoryGroup, request: HttpRequest | None) -> None:
    """The directory deletes a group: its members lose the HR groups it gave them."""
    members = list(group.members.select_related("user"))
    group.delete()
    for identity in members:
        directory_person_groups_sync(identity=identity, request=request)
