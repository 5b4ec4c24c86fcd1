"""Company sign-ins and identities, read: the configured OpenID Connect providers (from the
environment and the admin alike) and their per-provider claim names; and which local accounts a
directory export's identities may belong to, by e-mail address: a proposal for an operator to
confirm (``link_company_identities``), never a link by itself. An address is only a hint of who
someone is, so anything doubtful is left out with its reason."""

from collections import Counter
from dataclasses import dataclass, field

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model


def company_apps(request=None) -> list:
    """The OpenID Connect providers people may sign in with: those configured in the environment
    (``OIDC_*``) and those an administrator added in the admin (Social applications)."""
    return get_adapter().list_apps(request, provider="openid_connect")


def company_app(provider_id: str, request=None):
    """The configured provider whose id is ``provider_id``, or None."""
    for app in company_apps(request):
        if app.provider_id == provider_id:
            return app
    return None


def provider_claim(provider_id: str, setting: str, default: str) -> str:
    """A claim name set per provider in its settings (``groups_claim``, ``uid_claim``)."""
    app = company_app(provider_id)
    value = app.settings.get(setting) if app is not None else None
    return value if isinstance(value, str) and value else default


@dataclass(frozen=True)
class DirectoryIdentity:
    """One row of the export: the provider's immutable id for someone, and their address."""

    line: int
    uid: str
    email: str


@dataclass(frozen=True)
class ProposedLink:
    identity: DirectoryIdentity
    user: object


@dataclass
class DirectoryMatches:
    proposed: list[ProposedLink] = field(default_factory=list)
    #: (the row, why it is not proposed)
    left_out: list[tuple[DirectoryIdentity, str]] = field(default_factory=list)
    #: rows whose address no local account has (they get an account at their first sign-in)
    without_local_account: int = 0


def directory_email_matches(*, provider_id: str, identities: list[DirectoryIdentity]):
    """Proposes linking each identity to the one local account with its e-mail address (any
    case), when neither is linked at ``provider_id`` yet and nothing else is doubtful."""
    matches = DirectoryMatches()
    in_export = Counter(identity.email.lower() for identity in identities)
    uids_in_export = Counter(identity.uid for identity in identities)
    linked_uids = dict(
        SocialAccount.objects.filter(provider=provider_id).values_list("uid", "user__username")
    )
    linked_users = set(
        SocialAccount.objects.filter(provider=provider_id).values_list("user_id", flat=True)
    )
    by_address: dict[str, list] = {}
    for user in get_user_model().objects.exclude(email="").order_by("username"):
        by_address.setdefault(user.email.lower(), []).append(user)
    for identity in identities:
        address = identity.email.lower()
        users = by_address.get(address, [])
        reason = None
        if in_export[address] > 1:
            reason = "the export has this e-mail address more than once"
        elif uids_in_export[identity.uid] > 1:
            reason = "the export has this id more than once"
        elif identity.uid in linked_uids:
            reason = f"this identity is linked already (to {linked_uids[identity.uid]})"
        elif not users:
            matches.without_local_account += 1
            continue
        elif len(users) > 1:
            names = ", ".join(user.get_username() for user in users)
            reason = f"several local accounts have this e-mail address ({names})"
        elif users[0].pk in linked_users:
            reason = f"{users[0].get_username()} is linked to another {provider_id} identity"
        if reason:
            matches.left_out.append((identity, reason))
        else:
            matches.proposed.append(ProposedLink(identity=identity, user=users[0]))
    return matches
