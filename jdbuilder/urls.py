from allauth.account import views as account_views
from allauth.account.views import LogoutView
from django.contrib import admin
from django.urls import include, path, re_path

from roles.signin import (
    SignInView,
    company_sign_in_callback,
    company_sign_in_start,
    local_signin_only,
    password_set_refused,
)
from roles.signin_saml import company_saml_finish

# admin.site is jdbuilder.admin_site.JDBuilderAdminSite (its titles and its index by task).

# A request body over DATA_UPLOAD_MAX_MEMORY_SIZE is answered 413 with a message, not a bare 400.
handler400 = "roles.views.errors.bad_request"


urlpatterns = [
    path("admin/", admin.site.urls),
    # Sign-in, sign-out, one's password, second factor and sessions: django-allauth's views.
    # The app's names for sign-in and sign-out ("login", "logout") come first and are the same
    # paths as allauth's own ("account_login", "account_logout"), so both names lead there.
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    # Password reset by e-mail: allauth's pages and names, throttled (ACCOUNT_RATE_LIMITS),
    # for local accounts only (roles.signin.PasswordResetForm), and not there at all while
    # local sign-in is off (LOCAL_SIGNIN=0).
    path(
        "accounts/password/reset/",
        local_signin_only(account_views.password_reset),
        name="account_reset_password",
    ),
    path(
        "accounts/password/reset/done/",
        local_signin_only(account_views.password_reset_done),
        name="account_reset_password_done",
    ),
    re_path(
        r"^accounts/password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        local_signin_only(account_views.password_reset_from_key),
        name="account_reset_password_from_key",
    ),
    path(
        "accounts/password/reset/key/done/",
        local_signin_only(account_views.password_reset_from_key_done),
        name="account_reset_password_from_key_done",
    ),
    # No password for an account of the company's directory (roles.signin).
    path("accounts/password/set/", password_set_refused, name="account_set_password"),
    # The company's sign-in starts here (allauth's, its "Continue" page allowed to post on to
    # the provider) and comes back to allauth's callback with the ID token's signature checked
    # always, PKCE required and the immutable id read (roles.signin.SignatureCheckingOIDCAdapter).
    path(
        "accounts/oidc/<str:provider_id>/login/",
        company_sign_in_start,
        name="openid_connect_login",
    ),
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
    # The company's directory (SCIM 2.0): people and groups, by bearer token only (roles.scim).
    path("scim/v2/", include("roles.scim.urls", namespace="scim")),
    path("", include("roles.urls")),
]
