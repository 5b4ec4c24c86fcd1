import json
import os
import time
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

    def populate_id_token(self, id_token, client, scopes, **kwargs) -> None:
        # A provider gone wrong, on the tests' request: claims overridden in the ID token it signs
        # ("exp_ago": seconds since it expired).
        override = Path(os.environ["IDP_ID_TOKEN_OVERRIDE_FILE"])
        if override.exists():
            claims = json.loads(override.read_text())
            if "exp_ago" in claims:
                ago = claims.pop("exp_ago")
                claims["exp"] = int(time.time()) - ago
                claims["iat"] = claims["exp"] - 300
            id_token.update(claims)
