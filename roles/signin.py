"""Signing in: django-allauth's views and forms, fitted to the lockouts and the rules of the house.

- ``AccountAdapter``: nobody signs up (accounts are made by administrators); allauth's rate limits
  count by the same client address as the lockouts (``roles.http.client_ip``).
- ``SignInForm`` and ``SignInView``: allauth's sign-in, with django-axes watching it the way axes'
  docs for allauth describe (axes patches only Django's own ``LoginView`` by itself).
- ``RequireSecondFactorMiddleware``: staff who signed in with a local password add a second
  factor before anything else (``MFA_REQUIRED_FOR_STAFF``).
- ``SocialAccountAdapter``: signing in with the company's identity provider (OpenID Connect
  here; SAML 2.0 in ``roles.signin_saml``); the group claim or attribute, through
  ``DirectoryGroupMapping``, decides who gets in and in which HR groups.
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
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from axes.decorators import axes_dispatch, axes_form_invalid
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
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

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # "Sign in with <company>" posts here, and is answered with a redirect to the identity
        # provider: the page's form-action must name the provider's origin too, or the browser
        # stops at the redirect.
        if origins := identity_provider_origins():
            response._csp_update = {"form-action": origins}
        return response


def identity_provider_origins() -> list[str]:
    from urllib.parse import urlsplit

    providers = settings.SOCIALACCOUNT_PROVIDERS
    urls = [
        app.get("settings", {}).get("server_url", "")
        for app in providers.get("openid_connect", {}).get("APPS", [])
    ]
    for app in providers.get("saml", {}).get("APPS", []):
        # The SAML sign-in URL, or else its metadata's origin (where ADFS, Entra ID and Okta
        # serve both).
        idp = app.get("settings", {}).get("idp", {})
        urls.append(idp.get("sso_url") or idp.get("metadata_url") or "")
    origins = []
    for raw in urls:
        url = urlsplit(raw)
        if url.scheme and url.netloc:
            origins.append(f"{url.scheme}://{url.netloc}")
    return origins


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


def asserted_values(sociallogin) -> list[str]:
    """The values of the provider's group claim: OpenID Connect's from the ID token or else the
    userinfo; SAML's from the assertion's groups attribute (its attributes are the extra data)."""
    from allauth.socialaccount.providers.saml.provider import SAMLProvider

    data = sociallogin.account.extra_data or {}
    if isinstance(sociallogin.provider, SAMLProvider):
        sources = [(data, settings.SAML_GROUPS_ATTRIBUTE)]
    else:
        claim = settings.OIDC_GROUPS_CLAIM
        sources = [(data.get(part) or {}, claim) for part in ("id_token", "userinfo")]
    for source, name in sources:
        values = source.get(name) if isinstance(source, dict) else None
        if isinstance(values, str):
            values = [values]
        if isinstance(values, list):
            # Bounded: a provider sends a person's groups, not thousands of them.
            return [value for value in values[:500] if isinstance(value, str)]
    return []


def directory_mappings(sociallogin):
    from roles.models import DirectoryGroupMapping

    return DirectoryGroupMapping.objects.filter(
        provider_id=sociallogin.account.provider, value__in=asserted_values(sociallogin)
    ).select_related("group")


def directory_groups_sync(*, user, sociallogin, request) -> None:
    """Brings the person's HR groups and staff status up to what the directory asserts now:
    groups added and removed (only groups some mapping names), staff from the mapping,
    superuser never."""
    from roles.models import DirectoryGroupMapping, SecurityEventKind
    from roles.services.security import security_event_record

    mappings = list(directory_mappings(sociallogin))
    managed = {
        mapping.group
        for mapping in DirectoryGroupMapping.objects.filter(
            provider_id=sociallogin.account.provider
        ).select_related("group")
    }
    wanted = {mapping.group for mapping in mappings}
    had = set(user.groups.filter(pk__in=[group.pk for group in managed]))
    added, removed = wanted - had, had - wanted
    user.groups.add(*added)
    user.groups.remove(*removed)
    staff = any(mapping.grants_staff for mapping in mappings)
    if user.is_staff != staff and not user.is_superuser:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    if added or removed:
        security_event_record(
            kind=SecurityEventKind.DIRECTORY_GROUPS_CHANGED,
            request=request,
            user=user,
            detail={
                "added": sorted(group.name for group in added),
                "removed": sorted(group.name for group in removed),
            },
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Signing in with the company's identity provider: only people it puts in a mapped group get
    in (an account is made for them the first time); their HR groups follow it at every sign-in."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        return directory_mappings(sociallogin).exists()

    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        if not directory_mappings(sociallogin).exists():
            from roles.models import SecurityEventKind
            from roles.services.security import security_event_record

            security_event_record(
                kind=SecurityEventKind.DIRECTORY_REFUSED,
                request=request,
                user=sociallogin.user if sociallogin.is_existing else None,
                detail={"provider": sociallogin.account.provider},
            )
            raise ImmediateHttpResponse(
                TemplateResponse(request, "account/no_directory_access.html", status=403)
            )
        if sociallogin.is_existing:
            directory_groups_sync(user=sociallogin.user, sociallogin=sociallogin, request=request)

    def save_user(self, request: HttpRequest, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        directory_groups_sync(user=user, sociallogin=sociallogin, request=request)
        return user

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        # Every refusal says why in the security log, so that a test (and IT) can tell a forged
        # token from a stale state or a provider that is down.
        from roles.models import SecurityEventKind
        from roles.services.security import security_event_record

        cause = exception.__cause__ if exception is not None else None
        if exception is not None:
            reason = f"{exception!r}"
        elif extra_context and extra_context.get("saml_last_error_reason"):
            # python3-saml's, or roles.signin_saml's, words for what was wrong with a response.
            reason = str(extra_context["saml_last_error_reason"])
        elif extra_context and "state_id" in extra_context:
            # allauth keeps each state in the browser's session once: a forged one, or one
            # already used (a replayed callback), is not there.
            reason = "state unknown to this session (forged, or already used)"
        else:
            reason = str(error or "")
        security_event_record(
            kind=SecurityEventKind.SIGN_IN_FAILED,
            request=request,
            detail={
                "provider": getattr(provider, "id", ""),
                "error": str(error or "")[:100],
                "reason": reason[:300],
                "cause": f"{cause!r}"[:300] if cause else "",
            },
        )
        return super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )


class SignatureCheckingOIDCAdapter(OpenIDConnectOAuth2Adapter):
    """allauth's OpenID Connect, checking the ID token's signature against the provider's
    published keys always. allauth skips the check for a token it fetched itself from the token
    endpoint (OpenID Connect Core allows that over TLS); checking it too means a token signed by
    a key the provider does not publish is refused whatever channel brought it."""

    def _decode_id_token(self, app, id_token: str) -> dict:
        self.did_fetch_access_token = False  # read by allauth: False means "verify"
        return super()._decode_id_token(app, id_token)


def company_sign_in_callback(request: HttpRequest, provider_id: str):
    """allauth's OpenID Connect callback, with ``SignatureCheckingOIDCAdapter``."""
    from allauth.socialaccount.models import SocialApp
    from django.http import Http404

    try:
        adapter = SignatureCheckingOIDCAdapter(request, provider_id)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    return OAuth2CallbackView.adapter_view(adapter)(request)
