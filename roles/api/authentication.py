"""The API's one way in: ``Authorization: Bearer jdb_pat_…``. Never the session: a browser
signed in to the pages gets 401 here, so a page's cookie cannot act through the API."""

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from roles.models import ApiToken

from .problems import InvalidToken

#: ``last_used_at`` is written at most this often per token: a busy integration would otherwise
#: write a row on every read.
LAST_USED_EVERY = timedelta(minutes=1)


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        """(user, token) for a live token of an active person; None when no bearer token was
        sent (DRF then answers 401 for an operation that needs one); 401 for any other."""
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise InvalidToken("Send the token as “Authorization: Bearer <token>”.")
        try:
            presented = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise InvalidToken("The token is not valid.") from None
        token = ApiToken.objects.matching(presented)
        # One answer for unknown, revoked and expired tokens alike, and for a person switched
        # off (is_active is the one off-switch): nobody learns which tokens once existed.
        if token is None or not token.is_live or not token.user.is_active:
            raise InvalidToken("The token is not valid: unknown, revoked or expired.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token (jdb_pat_…), made on the page /account/tokens/.",
        }
