import os
from pathlib import Path

from allauth.idp.oidc.adapter import DefaultOIDCAdapter
from allauth.idp.oidc.models import PrivateKey


class GroupsClaimAdapter(DefaultOIDCAdapter):
    """Sends the person's groups at the provider in a ``groups`` claim, as Okta and Keycloak do
    (Entra ID sends app roles in ``roles``); the app maps them to its HR groups."""

    def get_claims(self, purpose, user, client, scopes, email=None, **kwargs):
        claims = super().get_claims(purpose, user, client, scopes, email=email, **kwargs)
        claims["groups"] = sorted(user.groups.values_list("name", flat=True))
        return claims

    def get_signing_key(self) -> PrivateKey:
        # A provider gone wrong, on the tests' request: signing with a key it does not publish.
        rogue = Path(os.environ["IDP_ROGUE_KEY_FILE"])
        if rogue.exists():
            return PrivateKey(pem=rogue.read_text())
        return super().get_signing_key()
