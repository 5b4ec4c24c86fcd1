"""What a token may do: the scope each operation needs, and how often a token may ask."""

from django.conf import settings
from rest_framework.permissions import BasePermission
from rest_framework.throttling import BaseThrottle

from roles.http import RateLimit

from .problems import MissingScope


class TokenHasScope(BasePermission):
    """A token must hold the view's ``required_scope`` (``read`` unless the view says otherwise).
    Without a token, DRF's NotAuthenticated (401); with one lacking the scope, 403."""

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if token is None:
            return False  # DRF answers 401: no credentials
        if not hasattr(view, request.method.lower()):
            return True  # DRF answers 405, whatever the token may do: the route has no such method
        scope = getattr(view, "required_scope", "read")
        if not token.has_scope(scope):
            raise MissingScope(scope)
        return True


class TokenRateThrottle(BaseThrottle):
    """At most ``API_RATE_LIMIT_PER_MINUTE`` requests per token and minute, counted by the
    pages' ``RateLimit`` in the shared cache; answered 429 with ``Retry-After``."""

    def __init__(self):
        self.retry_after = None

    def allow_request(self, request, view) -> bool:
        token = request.auth
        if token is None:
            return True  # refused anyway, by authentication
        limit = RateLimit("api-token", settings.API_RATE_LIMIT_PER_MINUTE, 60)
        self.retry_after = limit.hit(token.pk)
        return self.retry_after is None

    def wait(self):
        return self.retry_after
