"""Signing in with the company's identity provider over SAML 2.0: allauth's SAML provider
(python3-saml underneath), finishing a response with the checks IT expects of it.

allauth's own finish view leaves three of them out, and says little when it refuses:
- an assertion is good once: its id is remembered until it expires, so a response captured and
  posted again, also one the app did not ask for, is refused;
- the account is found by the configured immutable-id attribute alone: allauth falls back to the
  NameID when the attribute is missing, and a NameID is often an e-mail address, which the
  company gives to someone else after a person leaves;
- every refusal goes to the security log with its reason (python3-saml's words for a bad
  signature, audience or time; ours for the rest), so a test, and IT, can tell them apart.

The settings that make python3-saml strict (signed assertions, SHA-256 only, IdP-initiated
sign-in off) are ``jdbuilder.saml_settings``'s.
"""

import binascii
import logging

from allauth.core.internal import httpkit
from allauth.socialaccount.helpers import complete_social_login, render_authentication_error
from allauth.socialaccount.providers.base.constants import AuthError, AuthProcess
from allauth.socialaccount.providers.saml.utils import build_auth, decode_relay_state
from allauth.socialaccount.providers.saml.views import FinishACSView
from allauth.socialaccount.sessions import LoginSession
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from onelogin.saml2.constants import OneLogin_Saml2_Constants
from onelogin.saml2.errors import OneLogin_Saml2_Error
from onelogin.saml2.utils import OneLogin_Saml2_Utils

logger = logging.getLogger(__name__)

#: The longest value kept as someone's id (allauth's uid column is 191 characters).
UID_MAX_LENGTH = 191


def assertion_first_use(*, issuer: str, assertion_id: str, not_on_or_after: int | None) -> bool:
    """Records that the assertion was used; False when it had been already.

    Kept in the cache the app's processes share (the file cache on one machine, Redis on many)
    until the assertion expires, clock drift included: after that it is refused as expired.
    """
    now = OneLogin_Saml2_Utils.now()
    expires = (not_on_or_after or now + 3600) + OneLogin_Saml2_Constants.ALLOWED_CLOCK_DRIFT
    key = f"saml-assertion-used:{issuer}:{assertion_id}"
    return cache.add(key, True, timeout=max(expires - now, 1))


class CompanySAMLFinishView(FinishACSView):
    """allauth's SAML finish view (the response was kept by its ACS view), stricter; see above."""

    def dispatch(self, request: HttpRequest, organization_slug: str) -> HttpResponse:
        provider = self.get_provider(organization_slug)

        def refuse(reason: str, **extra) -> HttpResponse:
            logger.warning("SAML sign-in refused: %s", reason)
            return render_authentication_error(
                request, provider, extra_context={"saml_last_error_reason": reason, **extra}
            )

        acs_session = LoginSession(request, "saml_acs_session", "saml-acs-session")
        acs_request_data = acs_session.store.get("request")
        acs_session.delete()
        if not acs_request_data:
            return refuse("no SAML response kept for this browser (the finish page opened alone)")
        acs_request = httpkit.deserialize_request(acs_request_data, HttpRequest())

        auth = build_auth(acs_request, provider)
        try:
            # InResponseTo is checked below, against the sign-ins this browser started.
            auth.process_response(request_id=None)
        except (binascii.Error, ValueError, SyntaxError, OneLogin_Saml2_Error) as error:
            return refuse(f"unreadable SAML response: {error}"[:300])
        if errors := auth.get_errors():
            return refuse(auth.get_last_error_reason() or ", ".join(errors), saml_errors=errors)
        if not auth.is_authenticated():
            return render_authentication_error(request, provider, error=AuthError.CANCELLED)

        if not assertion_first_use(
            # The issuer python3-saml checked the response's against.
            issuer=provider.app.settings["idp"]["entity_id"],
            assertion_id=auth.get_last_assertion_id() or "",
            not_on_or_after=auth.get_last_assertion_not_on_or_after(),
        ):
            return refuse("assertion already used (a replayed response)")

        uid_attribute = provider.app.settings.get("attribute_mapping", {}).get("uid")
        if not isinstance(uid_attribute, str) or not uid_attribute:
            # An app made in the admin without one: nobody can be told apart, so nobody gets in.
            return refuse("no immutable id attribute configured (attribute_mapping.uid)")
        uid_values = auth.get_attributes().get(uid_attribute) or []
        uid = uid_values[0].strip() if uid_values and isinstance(uid_values[0], str) else ""
        if not uid or len(uid) > UID_MAX_LENGTH:
            # Never the NameID instead (allauth's fallback): see the module's docstring.
            return refuse(f"response without the immutable id attribute {uid_attribute}")

        login = provider.sociallogin_from_response(request, auth)
        if state_id := auth.get_last_response_in_response_to():
            try:
                login.state = provider.unstash_redirect_state(request, state_id)
            except PermissionDenied:
                return refuse(
                    "a response to a sign-in this browser did not start, or finished already"
                )
        else:
            if provider.app.settings.get("advanced", {}).get("reject_idp_initiated_sso", True):
                return refuse(
                    "unsolicited response: sign-in started at the identity provider is off "
                    "(SAML_ALLOW_IDP_INITIATED)"
                )
            login.state["process"] = AuthProcess.LOGIN
            if next_url := decode_relay_state(acs_request.POST.get("RelayState")):
                login.state["next"] = next_url
        return complete_social_login(request, login)


company_saml_finish = CompanySAMLFinishView.as_view()
