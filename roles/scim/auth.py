"""Who may call /scim/v2/: whoever presents a live SCIM bearer token, and no one else.

django-scim2 wraps each of its views in the class named by ``AUTH_CHECK_MIDDLEWARE``; its own
asks whether ``request.user`` is signed in, which would let any signed-in superuser's browser
(and any page that makes it send a request) change people. This one never looks at the
session: only the ``Authorization: Bearer`` header, whose token is compared by its SHA-256
with the hashes kept in ``ScimToken``.
"""

import logging

from django.conf import settings
from django.utils import timezone
from django_scim.middleware import SCIMAuthCheckMiddleware

from roles.models import ScimToken

from .errors import scim_error

logger = logging.getLogger("jdbuilder.scim")

#: How often a token's "last used" is written (every request would be a write per request).
LAST_USED_RESOLUTION = timezone.timedelta(minutes=5)


def presented_token(request) -> str:
    scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


class ScimBearerTokenCheck(SCIMAuthCheckMiddleware):
    def process_request(self, request):
        if not settings.SCIM_ENABLED:
            return scim_error(404, "SCIM is off on this server (SCIM_ENABLED).")
        token = ScimToken.objects.matching(presented_token(request))
        if token is None:
            logger.warning(
                "SCIM request refused: no valid bearer token", extra={"path": request.path}
            )
            response = scim_error(401, "A valid SCIM bearer token is required.")
            response["WWW-Authenticate"] = 'Bearer realm="JD Builder SCIM"'
            return response
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return scim_error(400, "Content-Length is not a number.", scim_type="invalidSyntax")
        if length > settings.SCIM_MAX_REQUEST_BYTES:
            return scim_error(
                413, f"The request body is over {settings.SCIM_MAX_REQUEST_BYTES} bytes."
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ScimToken.objects.filter(pk=token.pk).update(last_used_at=now)
        request.scim_token = token
        return None
