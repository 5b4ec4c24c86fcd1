"""Signing in: django-allauth's views and forms, fitted to the lockouts and the rules of the house.

- ``AccountAdapter``: nobody signs up (accounts are made by administrators); allauth's rate limits
  count by the same client address as the lockouts (``roles.http.client_ip``). With local sign-in
  off (``LOCAL_SIGNIN``) it refuses every password but a break-glass account's (which needs a
  second factor), and logs and e-mails each break-glass sign-in. allauth's own "social accounts
  only" setting would do the first part, but allauth refuses it alongside its second factor.
- ``PasswordResetForm``, ``PasswordResetKeyForm``: allauth's password reset by e-mail, for local
  accounts with a password only; never for a break-glass account (IT resets those on the server).
  ``local_signin_only`` turns its pages off (404) with local sign-in.
- ``SignInForm`` and ``SignInView``: allauth's sign-in, with django-axes watching it the way axes'
  docs for allauth describe (axes patches only Django's own ``LoginView`` by itself).
- ``RequireSecondFactorMiddleware``: staff who signed in with a local password add a second
  factor (an authenticator app or a security key) before anything else
  (``MFA_REQUIRED_FOR_STAFF``); break-glass accounts always. ``MFAAdapter``,
  ``AddSecurityKeyForm`` and ``SecurityKeyForm``: allauth's security keys (WebAuthn), named,
  bounded and offered only to people who have one.
- ``SocialAccountAdapter``: signing in with the company's identity provider (OpenID Connect
  here; SAML 2.0 in ``roles.signin_saml``); the group claim or attribute, through
  ``DirectoryGroupMapping``, decides who gets in and in which HR groups. With SCIM on
  (``SCIM_ENABLED``), the directory does: ``directory_sign_in`` finds the account it made by
  the provider's immutable id (its externalId), and the claim is ignored.
- ``SignatureCheckingOIDCAdapter``: allauth's OpenID Connect with the ID token's signature always
  checked, PKCE required and the account matched by the provider's immutable id (``sub``, or
  the provider's ``uid_claim``), for providers from the environment and the admin alike.
- Service accounts (``roles.models.ServiceAccount``, reached only through their API tokens)
  never sign in: ``AccountAdapter.authenticate`` refuses their password (they have none, unless
  set on the server anyway), ``AccountAdapter.pre_login`` every other allauth sign-in, and
  ``SocialAccountAdapter`` a company sign-in before it touches their groups; password reset
  sends them nothing. Each refusal is in the security log.
- ``AddressLockoutBackend``: the second tier of lockout, below.

The second tier of sign-in lockout: too many failures from one address, whatever the usernames.

django-axes locks a username at an address after a few failures; it counts failures for each
pair, so one password tried once against every account ("spraying") is never stopped by it. This
backend sums axes' own failure records for the address over the cool-off period, so it needs no
counter of its own, and it sits in ``AUTHENTICATION_BACKENDS``, so every sign-in form that calls
``authenticate()`` (today's, and a company sign-in's later) is covered.
"""

from functools import wraps

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.account.forms import LoginForm, ResetPasswordForm, ResetPasswordKeyForm
from allauth.account.views import LoginView
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.forms import (
    AddWebAuthnForm,
    AuthenticateWebAuthnForm,
    EditWebAuthnForm,
)
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base.constants import AuthProcess
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.socialaccount.providers.openid_connect.views import login as openid_connect_login
from axes.decorators import axes_dispatch, axes_form_invalid
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode

from .http import client_ip
from .selectors.identities import company_apps, provider_claim


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


#: Set in the session of a break-glass account's password sign-in: it must have a second factor
#: before anything else, whatever MFA_REQUIRED_FOR_STAFF says (RequireSecondFactorMiddleware).
BREAK_GLASS_SESSION_KEY = "signin_break_glass"


def is_break_glass(user) -> bool:
    from roles.models import BreakGlassAccount

    return BreakGlassAccount.objects.holds(user)


def is_service_account(user) -> bool:
    from roles.models import ServiceAccount

    return ServiceAccount.objects.holds(user)


def service_account_refused(request: HttpRequest, user, how: str) -> None:
    """Logs that the service account ``user`` tried to sign in (``how``: password, company…)."""
    from roles.models import SecurityEventKind
    from roles.services.security import security_event_record

    security_event_record(
        kind=SecurityEventKind.SERVICE_ACCOUNT_SIGNIN_REFUSED,
        request=request,
        user=user,
        detail={"how": how},
    )


def service_account_page(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "account/service_account.html", status=403)


def refuse_service_account(request: HttpRequest, user):
    """Stops a company sign-in (OpenID Connect or SAML) that found a service account."""
    service_account_refused(request, user, "company sign-in")
    raise ImmediateHttpResponse(service_account_page(request))


def local_password_refusal(user) -> str | None:
    """Why ``user``, whose password was right, may not sign in with it now; None if they may.
    The reason is one of ``AccountAdapter.error_messages``' keys."""
    if not is_break_glass(user):
        return None if settings.LOCAL_SIGNIN else "local_signin_off"
    from roles.services.break_glass import has_break_glass_factor

    # With local sign-in on, a break-glass account without a factor signs in and is sent to add
    # one at once (the middleware below); with it off, the password alone opens nothing.
    if not settings.LOCAL_SIGNIN and not has_break_glass_factor(user):
        return "break_glass_without_factor"
    return None


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # The words people met before allauth, and that say case matters.
        "username_password_mismatch": "Please enter a correct username and password. "
        "Note that both fields may be case-sensitive.",
        # Said only once the password was right, so it tells a guesser nothing.
        "local_signin_off": "Signing in with a JD Builder password is turned off: sign in with "
        "your company account (the button above).",
        "break_glass_without_factor": "This emergency account has no second factor yet, so it "
        "cannot sign in while password sign-in is off. Ask IT.",
        "service_account": "This is a service account: it reaches the API with its tokens, and "
        "never signs in.",
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are made by administrators (and by the company's directory): no sign-up page.
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth's rate limits count by the address every lockout and limit counts by.
        return client_ip(request)

    def authenticate(self, request: HttpRequest, **credentials):
        """allauth's check of a password (also when a signed-in person enters it again), and
        then whether a password may sign this person in at all (``local_password_refusal``)."""
        user = super().authenticate(request, **credentials)
        if user is not None and is_service_account(user):
            # Its password is unusable from the start; this holds if one was set anyway.
            service_account_refused(request, user, "password")
            raise self.validation_error("service_account")
        if user is not None and (refusal := local_password_refusal(user)):
            from roles.models import SecurityEventKind
            from roles.services.security import security_event_record

            security_event_record(
                kind=SecurityEventKind.LOCAL_SIGNIN_REFUSED,
                request=request,
                user=user,
                detail={"reason": refusal},
            )
            raise self.validation_error(refusal)
        return user

    def pre_login(self, request: HttpRequest, user, **kwargs):
        """allauth's one step before every sign-in (a password, a company sign-in over OpenID
        Connect or SAML, with SCIM or without): a service account is refused whichever way it
        came, as allauth refuses an inactive account here."""
        if is_service_account(user):
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            service_account_refused(request, user, "sign-in")
            return service_account_page(request)
        return super().pre_login(request, user, **kwargs)

    def post_login(self, request: HttpRequest, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if signed_in_with_password(request) and is_break_glass(user):
            from roles.services.break_glass import break_glass_use_record

            request.session[BREAK_GLASS_SESSION_KEY] = True
            break_glass_use_record(request=request, user=user, methods=signin_methods(request))
        return response

    def get_reset_password_from_key_url(self, key: str) -> str:
        # At the address people open the app at, as every e-mail's links are (SITE_URL); never
        # built from the Host header the request for the link brought.
        from urllib.parse import quote

        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return settings.SITE_URL + path.replace("UID-KEY", quote(key))

    def format_email_subject(self, subject: str) -> str:
        # The app's e-mails carry no "[site]" prefix (allauth adds one).
        return " ".join(str(subject).split())


class SignInForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Under the password: the way to reset it, while password reset is on.
        self.fields["password"].help_text = (
            format_html(
                '<a href="{}">Forgotten your password?</a>', reverse("account_reset_password")
            )
            if settings.LOCAL_SIGNIN
            else ""
        )

    def user_credentials(self) -> dict:
        # axes reads the username from the credentials under AXES_USERNAME_FORM_FIELD ("login",
        # the form's field); allauth sends them under "username".
        credentials = super().user_credentials()
        credentials["login"] = credentials.get("username")
        return credentials


def local_signin_only(view):
    """Answers 404 while local sign-in is off: password reset has no page then."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not settings.LOCAL_SIGNIN:
            raise Http404("Password reset is off: sign in with the company's identity provider.")
        return view(request, *args, **kwargs)

    return wrapped


def password_set_refused(request: HttpRequest, *args, **kwargs):
    """allauth's "set a password" page, for a signed-in account without one, is not there: such
    an account signs in at the company's identity provider, and a password set here (no old one
    asked) would be a second way in that the directory does not control, also for whoever holds
    a stolen session. An administrator sets a local account's password."""
    raise Http404("Accounts without a password sign in with the company's identity provider.")


class PasswordResetForm(ResetPasswordForm):
    """allauth's "send me a reset link", for local accounts with a password. A break-glass
    account gets no link (a mailbox is a weaker guard than the server it is reset on); its
    owner is told, and the security log records the request. The page says the same whatever
    the address (allauth's ``ACCOUNT_PREVENT_ENUMERATION``)."""

    def clean_email(self) -> str:
        email = super().clean_email()
        from roles.models import BreakGlassAccount

        break_glass = set(
            BreakGlassAccount.objects.filter(
                user_id__in=[user.pk for user in self.users]
            ).values_list("user_id", flat=True)
        )
        self.break_glass_users = [user for user in self.users if user.pk in break_glass]
        # An account without a password signs in at the company's identity provider: a reset
        # would give it a second way in that the directory does not control.
        # A service account never signs in: a password would open nothing but a way around that.
        from roles.models import ServiceAccount

        service = set(
            ServiceAccount.objects.filter(user_id__in=[user.pk for user in self.users]).values_list(
                "user_id", flat=True
            )
        )
        self.users = [
            user
            for user in self.users
            if user.pk not in break_glass | service and user.has_usable_password()
        ]
        return email

    def save(self, request: HttpRequest, **kwargs) -> str:
        from roles.models import SecurityEventKind
        from roles.services.security import security_event_record

        email = self.cleaned_data["email"]
        for user in self.break_glass_users:
            security_event_record(
                kind=SecurityEventKind.PASSWORD_RESET_REFUSED,
                request=request,
                user=user,
                detail={"reason": "break-glass account"},
            )
            get_adapter(request).send_mail(
                "account/email/password_reset_break_glass", email, {"user": user}
            )
        for user in self.users:
            security_event_record(
                kind=SecurityEventKind.PASSWORD_RESET_REQUESTED, request=request, user=user
            )
        return super().save(request, **kwargs)


class PasswordResetKeyForm(ResetPasswordKeyForm):
    """The new password, from a reset link: refused for a break-glass account, also with a link
    sent before it became one."""

    def clean(self):
        cleaned_data = super().clean()
        if self.user is not None and is_break_glass(self.user):
            raise ValidationError(
                "This is an emergency (break-glass) account: its password is not reset by "
                "e-mail. Ask IT to set a new one on the server.",
                code="break_glass",
            )
        if self.user is not None and is_service_account(self.user):
            raise ValidationError(
                "This is a service account: it never signs in, so it has no password to reset.",
                code="service_account",
            )
        return cleaned_data


@method_decorator(axes_dispatch, name="dispatch")
class SignInView(LoginView):
    """allauth's sign-in page; a locked-out username or address gets axes' lockout page."""

    form_class = SignInForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # With local sign-in off the page offers the company's sign-in, and the password form
        # only folded away, for break-glass accounts.
        context["local_signin"] = settings.LOCAL_SIGNIN
        return context

    @axes_form_invalid
    def form_invalid(self, form):
        return super().form_invalid(form)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        allow_forms_to_identity_providers(self.request, response)
        return response


def identity_provider_origins(request: HttpRequest | None = None) -> list[str]:
    from urllib.parse import urlsplit

    urls = [str(app.settings.get("server_url", "")) for app in company_apps(request)]
    for app in settings.SOCIALACCOUNT_PROVIDERS.get("saml", {}).get("APPS", []):
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


def allow_forms_to_identity_providers(request: HttpRequest, response) -> None:
    """A page whose form posts to a company sign-in ("Sign in with <company>", "Continue" when
    connecting one's identity) is answered with a redirect to the identity provider: the page's
    form-action must name the provider's origin too, or the browser stops at the redirect."""
    if origins := identity_provider_origins(request):
        response._csp_update = {"form-action": origins}


@login_not_required
def company_sign_in_start(request: HttpRequest, provider_id: str):
    """allauth's first step of a company sign-in (or of connecting one's company identity): a
    page with "Continue", whose form goes on to the provider."""
    response = openid_connect_login(request, provider_id)
    allow_forms_to_identity_providers(request, response)
    return response


def signin_methods(request: HttpRequest) -> list[str]:
    """The ways this session's person proved who they are (allauth records each one used)."""
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return [record["method"] for record in records if isinstance(record.get("method"), str)]


def signed_in_with_password(request: HttpRequest) -> bool:
    """Whether this session began with a local password."""
    return "password" in signin_methods(request)


class RequireSecondFactorMiddleware:
    """Sends staff who signed in with a local password, and have no second factor yet, to add one.

    Staff can change what everyone's documents say, so a stolen password alone must not be
    enough. A break-glass account's password sign-in is sent too, whatever the setting says.
    A session that began at the company's identity provider is left alone: the provider
    owns its second factor. Until they have one, only the enrolment pages (and the re-entry of
    the password they ask for) and signing out are open to them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if self._must_enrol(request) and not self._is_open_during_enrolment(request.path):
            messages.info(
                request,
                "This account needs a second factor: add an authenticator app or a security key "
                "to go on.",
                fail_silently=True,
            )
            # The page that offers both (a security key needs JavaScript; the app does not).
            target = reverse("mfa_index")
            return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _must_enrol(request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_authenticated and user.has_usable_password()):
            return False
        if request.session.get(BREAK_GLASS_SESSION_KEY):
            # A break-glass account needs a factor whatever MFA_REQUIRED_FOR_STAFF says.
            from roles.services.break_glass import has_break_glass_factor

            return not has_break_glass_factor(user)
        if not (settings.MFA_REQUIRED_FOR_STAFF and user.is_staff):
            return False
        from allauth.mfa.utils import is_mfa_enabled

        return signed_in_with_password(request) and not is_mfa_enabled(user)

    @staticmethod
    def _is_open_during_enrolment(path: str) -> bool:
        open_prefixes = (reverse("mfa_index"), reverse("account_reauthenticate"), reverse("logout"))
        return path.startswith(open_prefixes)


class MFAAdapter(DefaultMFAAdapter):
    def generate_authenticator_name(self, user, type: str) -> str:
        # allauth's "Master key", "Backup key" read oddly to people who have one key.
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return "Security key" if count == 0 else f"Security key {count + 1}"


#: The longest name a security key may have (allauth sets none).
SECURITY_KEY_NAME_MAX_LENGTH = 64


class AddSecurityKeyForm(AddWebAuthnForm):
    """allauth's form for adding a security key, its name bounded."""

    name = forms.CharField(required=False, max_length=SECURITY_KEY_NAME_MAX_LENGTH)


class RenameSecurityKeyForm(EditWebAuthnForm):
    """allauth's form for renaming a security key, its name bounded."""

    name = forms.CharField(label="Name of the key", max_length=SECURITY_KEY_NAME_MAX_LENGTH)


class SecurityKeyForm(AuthenticateWebAuthnForm):
    """allauth's "use a security key" step of signing in, which knows the person's factors: the
    page offers the key only to those who have one (to anyone else it would open the browser's
    security-key dialog with nothing to find), and speaks of the app only to those who have it."""

    @cached_property
    def factor_types(self) -> set[str]:
        return set(
            Authenticator.objects.filter(user=self.user).values_list("type", flat=True).distinct()
        )


def asserted_values(sociallogin) -> list[str]:
    """The values of the provider's group claim: OpenID Connect's from the ID token or else the
    userinfo (the claim's name is the provider's ``groups_claim`` setting, Entra ID: ``roles``,
    else ``OIDC_GROUPS_CLAIM``); SAML's from the assertion's groups attribute (its attributes are
    the extra data)."""
    from allauth.socialaccount.providers.saml.provider import SAMLProvider

    data = sociallogin.account.extra_data or {}
    if isinstance(sociallogin.provider, SAMLProvider):
        sources = [(data, settings.SAML_GROUPS_ATTRIBUTE)]
    else:
        claim = provider_claim(
            sociallogin.account.provider, "groups_claim", settings.OIDC_GROUPS_CLAIM
        )
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
    """Brings the person's HR groups and staff status up to what the group claim asserts now
    (``roles.services.directory.directory_groups_apply``): groups added and removed, staff from
    the mapping, superuser never."""
    from roles.services.directory import directory_groups_apply

    directory_groups_apply(
        user=user,
        values=asserted_values(sociallogin),
        provider_id=sociallogin.account.provider,
        request=request,
        source="sign-in",
    )


def _refuse(request: HttpRequest, sociallogin, reason: str):
    from roles.models import SecurityEventKind
    from roles.services.security import security_event_record

    security_event_record(
        kind=SecurityEventKind.DIRECTORY_REFUSED,
        request=request,
        user=sociallogin.user if sociallogin.is_existing else None,
        detail={"provider": sociallogin.account.provider, "reason": reason},
    )
    raise ImmediateHttpResponse(
        TemplateResponse(request, "account/no_directory_access.html", status=403)
    )


def directory_sign_in(request: HttpRequest, sociallogin) -> None:
    """With SCIM on: the person signing in is the one the directory provisioned with this
    immutable id as its externalId (an account is never made here), and their HR groups are
    the directory groups' (the sign-in's group claim is ignored)."""
    from roles.models import DirectoryGroupMapping, DirectoryIdentity
    from roles.services.directory import directory_person_groups_sync

    provider = sociallogin.account.provider
    if provider != settings.SCIM_PROVIDER_ID:
        _refuse(request, sociallogin, f"SCIM follows {settings.SCIM_PROVIDER_ID}, not {provider}")
    uid = sociallogin.account.uid
    identity = (
        DirectoryIdentity.objects.filter(external_id=uid, deprovisioned_at__isnull=True)
        .select_related("user")
        .first()
        if uid  # never the people the directory sent without an externalId
        else None
    )
    if identity is None:
        _refuse(request, sociallogin, "not provisioned by the directory")
    if sociallogin.is_existing and sociallogin.user.pk != identity.user_id:
        _refuse(request, sociallogin, "the identity is linked to another account")
    if not identity.user.is_active:
        _refuse(request, sociallogin, "deactivated by the directory")
    if is_service_account(identity.user):
        refuse_service_account(request, identity.user)
    directory_person_groups_sync(identity=identity, request=request)
    mapped = DirectoryGroupMapping.objects.filter(
        provider_id=provider, value__in=identity.groups.values("display_name")
    )
    if not mapped.exists():
        _refuse(request, sociallogin, "in no mapped directory group")
    if not sociallogin.is_existing:
        # allauth's documented way to link a sign-in to an account found by other means: the
        # SocialAccount row it saves makes the next sign-in find the account by itself.
        sociallogin.connect(request, identity.user)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Signing in with the company's identity provider: only people it puts in a mapped group get
    in (an account is made for them the first time); their HR groups follow it at every sign-in."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        # With SCIM on, the directory makes the accounts: a sign-in only ever finds one.
        return not settings.SCIM_ENABLED and directory_mappings(sociallogin).exists()

    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            refuse_connecting_unless_allowed(request, sociallogin)
        if sociallogin.is_existing and is_service_account(sociallogin.user):
            # Before the group claim is read: a refused sign-in changes nothing of the account.
            refuse_service_account(request, sociallogin.user)
        if settings.SCIM_ENABLED:
            directory_sign_in(request, sociallogin)
            return
        if not directory_mappings(sociallogin).exists():
            _refuse(request, sociallogin, "no mapped group in the claim")
        if sociallogin.is_existing:
            directory_groups_sync(user=sociallogin.user, sociallogin=sociallogin, request=request)

    def save_user(self, request: HttpRequest, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        directory_groups_sync(user=user, sociallogin=sociallogin, request=request)
        return user

    def validate_disconnect(self, account, accounts) -> None:
        # A person's company identity is linked once; only an administrator unlinks it (the
        # person's page in the admin), so that nobody swaps it for another identity themselves.
        raise ValidationError(
            "Your company identity stays linked: ask an administrator if it must change."
        )

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


def refuse_connecting_unless_allowed(request: HttpRequest, sociallogin) -> None:
    """Someone signed in connects their company identity (allauth's connections page): allowed
    only when that identity is linked to nobody else and they are linked to no other identity
    at that provider. A refusal is logged and said on the connections page."""
    from roles.models import SecurityEventKind
    from roles.services.identities import company_identity_link_problem
    from roles.services.security import security_event_record

    account = sociallogin.account
    if sociallogin.is_existing and sociallogin.user == request.user:
        return  # connected already: allauth says so
    problem = company_identity_link_problem(
        user=request.user, provider_id=account.provider, uid=account.uid
    )
    if problem is None:
        return
    security_event_record(
        kind=SecurityEventKind.IDENTITY_LINK_REFUSED,
        request=request,
        user=request.user,
        detail={"provider": account.provider, "uid": account.uid, "how": "self", "reason": problem},
    )
    if sociallogin.is_existing:
        # Whose account it is stays between the log and the administrators.
        problem = "This company identity is linked to another account: ask your administrator."
    messages.error(request, problem)
    raise ImmediateHttpResponse(HttpResponseRedirect(reverse("socialaccount_connections")))


def immutable_id(app, data: dict) -> str:
    """The person's id at the provider, which the account is matched by: the ID token's ``sub``,
    or the claim the provider's ``uid_claim`` setting names (Entra ID: ``oid``, the same for a
    person across all of a tenant's applications). Read from the signed ID token only, and
    refused when missing: never a fallback to another claim, least of all the e-mail address."""
    from allauth.socialaccount import app_settings as socialaccount_settings

    claim = app.settings.get("uid_claim") or "sub"
    id_token = data.get("id_token") or {}
    if not id_token:
        raise OAuth2Error("refused: the provider sent no ID token")
    value = id_token.get(claim)
    if not isinstance(value, str) or not value.strip():
        raise OAuth2Error(f"refused: the ID token has no {claim!r} claim (the immutable id)")
    if len(value) > socialaccount_settings.UID_MAX_LENGTH:
        raise OAuth2Error(f"refused: the ID token's {claim!r} claim is too long")
    userinfo = data.get("userinfo")
    if userinfo is not None and userinfo.get("sub") != id_token.get("sub"):
        # OpenID Connect Core 5.3.4: the userinfo is someone else's otherwise.
        raise OAuth2Error("refused: the userinfo's 'sub' is not the ID token's")
    return value


class SignatureCheckingOIDCAdapter(OpenIDConnectOAuth2Adapter):
    """allauth's OpenID Connect, for every provider, configured in the environment or in the
    admin alike:

    - the ID token's signature is checked against the provider's published keys always. allauth
      skips the check for a token it fetched itself from the token endpoint (OpenID Connect Core
      allows that over TLS); checking it too means a token signed by a key the provider does not
      publish is refused whatever channel brought it;
    - a sign-in that began without PKCE is refused (a provider's settings in the admin could
      turn allauth's PKCE off);
    - the account's uid is the provider's immutable id (``immutable_id``), not allauth's pick.
    """

    def get_access_token_data(self, request, app, client, pkce_code_verifier=None):
        if not pkce_code_verifier:
            raise OAuth2Error("refused: the sign-in began without PKCE")
        return super().get_access_token_data(
            request, app, client, pkce_code_verifier=pkce_code_verifier
        )

    def _decode_id_token(self, app, id_token: str) -> dict:
        self.did_fetch_access_token = False  # read by allauth: False means "verify"
        return super()._decode_id_token(app, id_token)

    def complete_login(self, request, app, token, **kwargs):
        login = super().complete_login(request, app, token, **kwargs)
        login.account.uid = immutable_id(app, login.account.extra_data)
        return login


def company_sign_in_callback(request: HttpRequest, provider_id: str):
    """allauth's OpenID Connect callback, with ``SignatureCheckingOIDCAdapter``."""
    from allauth.socialaccount.models import SocialApp
    from django.http import Http404

    try:
        adapter = SignatureCheckingOIDCAdapter(request, provider_id)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    return OAuth2CallbackView.adapter_view(adapter)(request)
