from allauth.account.views import LogoutView
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path

from roles.signin import SignInView, company_sign_in_callback
from roles.signin_saml import company_saml_finish

# admin.site is jdbuilder.admin_site.JDBuilderAdminSite (its titles and its index by task).

# A request body over DATA_UPLOAD_MAX_MEMORY_SIZE is answered 413 with a message, not a bare 400.
handler400 = "roles.views.errors.bad_request"


def _no_password_reset(request, *args, **kwargs):
    raise Http404("Password reset is off.")


urlpatterns = [
    path("admin/", admin.site.urls),
    # Sign-in, sign-out, one's password, second factor and sessions: django-allauth's views.
    # The app's names for sign-in and sign-out ("login", "logout") come first and are the same
    # paths as allauth's own ("account_login", "account_logout"), so both names lead there.
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    # No password reset: accounts are made by administrators, and an open reset form mails
    # anyone's inbox on request.
    re_path(r"^accounts/password/reset/", _no_password_reset),
    # The company's sign-in comes back here: allauth's callback, checking the ID token's
    # signature always (roles.signin.SignatureCheckingOIDCAdapter).
    path(
        "accounts/oidc/<str:provider_id>/login/callback/",
        company_sign_in_callback,
        name="openid_connect_callback",
    ),
    # ...or, over SAML, finishes here: allauth's finish view, stricter (roles.signin_saml).
    re_path(
        r"^accounts/saml/(?P<organization_slug>[^/]+)/acs/finish/$",
        company_saml_finish,
        name="saml_finish_acs",
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("roles.urls")),
]
