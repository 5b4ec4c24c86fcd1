from allauth.idp.oidc.adapter import DefaultOIDCAdapter


class GroupsClaimAdapter(DefaultOIDCAdapter):
    """Sends the person's groups at the provider in a ``groups`` claim, as Okta and Keycloak do
    (Entra ID sends app roles in ``roles``); the app maps them to its HR groups."""

    def get_claims(self, purpose, user, client, scopes, email=None, **kwargs):
        claims = super().get_claims(purpose, user, client, scopes, email=email, **kwargs)
        claims["groups"] = sorted(user.groups.values_list("name", flat=True))
        return claims
