"""The second tier of sign-in lockout: too many failures from one address, whatever the usernames.

django-axes locks a username at an address after a few failures; it counts failures for each
pair, so one password tried once against every account ("spraying") is never stopped by it. This
backend sums axes' own failure records for the address over the cool-off period, so it needs no
counter of its own, and it sits in ``AUTHENTICATION_BACKENDS``, so every sign-in form that calls
``authenticate()`` (today's, and a company sign-in's later) is covered.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from .http import client_ip


def address_failures(address: str) -> int:
    """Failed sign-ins from ``address`` within the cool-off period, for any username."""
    from axes.models import AccessAttempt  # axes' models load after the app registry

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start")
    )["failures"]
    return total or 0


class AddressLockoutBackend:
    """Refuses every sign-in from an address with too many recent failures; authenticates no one."""

    def authenticate(self, request: HttpRequest | None, **credentials):
        if request is None or not settings.AXES_ENABLED:
            return None
        if address_failures(client_ip(request)) >= settings.SIGNIN_ADDRESS_FAILURE_LIMIT:
            # axes' middleware turns a request flagged this way into its lockout page (429).
            request.axes_locked_out = True
            request.signin_locked_by_address = True
            raise PermissionDenied("Too many failed sign-ins from this address.")
        return None
