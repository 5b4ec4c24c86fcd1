"""The API's one way in: ``Authorization: Bearer jdb_pat_…`` (a person's token) or
``jdb_svc_…`` (a service account's). Never the session: a browser signed in to the pages gets
401 here, so a page's cookie cannot act through the API.

Failed attempts are counted per client address (``roles.http.client_ip``, as the sign-in
lockouts count); past ``API_FAILED_AUTH_LIMIT_PER_MINUTE`` in a minute, each further failure is
answered 429 with ``Retry-After`` instead of 401. Only failures count, and a good token is
never refused for its address's failures: an integration keeps working beside a neighbour
behind the same address that sends a stale token in a loop. (A token is 256 random bits, so the
limit is not what stands between a guesser and a token; it tells a client in a loop to stop, in
the answer a well-behaved client and a proxy understand.)"""

from datetime import timedelta
from typing import NoReturn

from django.conf import settings
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from roles.http import RateLimit, client_ip
from roles.models import ApiToken

from .problems import InvalidToken, TooManyFailedTokens

#: ``last_used_at`` is written at most this often per token: a busy integration would otherwise
#: write a row on every read.
LAST_USED_EVERY = timedelta(minutes=1)


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        """(user, token) for a live token of an active person or service account; None when no
        bearer token was sent (DRF then answers 401 for an operation that needs one); 401 for
        any other, or 429 once the client's address has failed too often this minute."""
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            self._failed(request, "Send the token as “Authorization: Bearer <token>”.")
        try:
            presented = parts[1].decode("ascii")
        except UnicodeDecodeError:
            self._failed(request, "The token is not valid.")
        token = ApiToken.objects.matching(presented)
        # One answer for unknown, revoked and expired tokens alike, and for an account switched
        # off (is_active is the one off-switch): nobody learns which tokens once existed.
        if token is None or not token.is_live or not token.user.is_active:
            self._failed(request, "The token is not valid: unknown, revoked or expired.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    @staticmethod
    def _failed(request, detail: str) -> NoReturn:
        """Counts a failed attempt for the client's address, and refuses it: 401, or 429 past
        the limit."""
        limit = RateLimit("api-failed-auth", settings.API_FAILED_AUTH_LIMIT_PER_MINUTE, 60)
        if (retry_after := limit.hit(client_ip(request))) is not None:
            raise TooManyFailedTokens(retry_after)
        raise InvalidToken(detail)

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token, sent as `Authorization: Bearer <token>`: a personal "
            "token (`jdb_pat_…`), made by a person on the page /account/tokens/, acts as that "
            "person; a service token (`jdb_svc_…`), made by an administrator in the admin, "
            "acts as its service account, which never signs in and reads what its groups "
            "allow (service tokens may not decide a review). Each token holds scopes (read, "
            "write, review, export, check) and an expiry. Unknown, revoked or expired tokens, "
            "and those of a deactivated account, get 401; too many failures from one address "
            "in a minute get 429 with Retry-After.",
        }
