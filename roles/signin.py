"""Signing in: django-allauth's views and forms, fitted to the lockouts and the rules of the house.

- ``AccountAdapter``: nobody signs up (accounts are made by administrators); allauth's rate limits
  count by the same client address as the lockouts (``roles.http.client_ip``).
- ``SignInForm`` and ``SignInView``: allauth's sign-in, with django-axes watching it the way axes'
  docs for allauth describe (axes patches only Django's own ``LoginView`` by itself).
- ``RequireSecondFactorMiddleware``: staff who signed in with a local password add a second
  factor before anything else (``MFA_REQUIRED_FOR_STAFF``).
- ``AddressLockoutBackend``: the second tier of lockout, below.

The second tier of sign-in lockout: too many failures from one address, whatever the usernames.

django-axes locks a username at an address after a few failures; it counts failures for each
pair, so one password tried once against every account ("spraying") is never stopped by it. This
backend sums axes' own failure records for the address over the cool-off period, so it needs no
counter of its own, and it sits in ``AUTHENTICATION_BACKENDS``, so every sign-in form that calls
``authenticate()`` (today's, and a company sign-in's later) is covered.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm
from allauth.account.views import LoginView
from axes.decorators import axes_dispatch, axes_form_invalid
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import urlencode

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


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # The words people met before allauth, and that say case matters.
        "username_password_mismatch": "Please enter a correct username and password. "
        "Note that both fields may be case-sensitive.",
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are made by administrators (and by the company's directory): no sign-up page.
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth's rate limits count by the address every lockout and limit counts by.
        return client_ip(request)


class SignInForm(LoginForm):
    def user_credentials(self) -> dict:
        # axes reads the username from the credentials under AXES_USERNAME_FORM_FIELD ("login",
        # the form's field); allauth sends them under "username".
        credentials = super().user_credentials()
        credentials["login"] = credentials.get("username")
        return credentials


@method_decorator(axes_dispatch, name="dispatch")
class SignInView(LoginView):
    """allauth's sign-in page; a locked-out username or address gets axes' lockout page."""

    form_class = SignInForm

    @axes_form_invalid
    def form_invalid(self, form):
        return super().form_invalid(form)


def signed_in_with_password(request: HttpRequest) -> bool:
    """Whether this session began with a local password (allauth records each way used)."""
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "password" for record in records)


class RequireSecondFactorMiddleware:
    """Sends staff who signed in with a local password, and have no second factor yet, to add one.

    Staff can change what everyone's documents say, so a stolen password alone must not be
    enough. A session that began at the company's identity provider is left alone: the provider
    owns its second factor. Until they have one, only the enrolment pages (and the re-entry of
    the password they ask for) and signing out are open to them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if self._must_enrol(request) and not self._is_open_during_enrolment(request.path):
            messages.info(
                request,
                "Staff accounts need a second factor: add an authenticator app to go on.",
                fail_silently=True,
            )
            target = reverse("mfa_activate_totp")
            return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _must_enrol(request: HttpRequest) -> bool:
        if not settings.MFA_REQUIRED_FOR_STAFF:
            return False
        user = request.user
        if not (user.is_authenticated and user.is_staff and user.has_usable_password()):
            return False
        from allauth.mfa.utils import is_mfa_enabled

        return signed_in_with_password(request) and not is_mfa_enabled(user)

    @staticmethod
    def _is_open_during_enrolment(path: str) -> bool:
        open_prefixes = (reverse("mfa_index"), reverse("account_reauthenticate"), reverse("logout"))
        return path.startswith(open_prefixes)
