"""Settings for JD Builder.

Everything that differs between a laptop and a deployment comes from the environment, read through
the small helpers below, which fail loudly instead of guessing. Without any environment the project
refuses to start; ``make run`` sets ``DJANGO_DEBUG=1`` for local development on SQLite.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from jdbuilder.saml_settings import saml_app_settings

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None or value == "":
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        if default is None:
            raise ImproperlyConfigured(f"Set the {name} environment variable (comma-separated).")
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number; got {raw!r}.") from None


DEBUG = env_bool("DJANGO_DEBUG", default=False)

# A development key only ever exists with DEBUG on; production refuses to start without its own.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", default="django-insecure-dev-only-key" if DEBUG else None)
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else None
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin, its index grouped by task (jdbuilder/admin_site.py).
    "jdbuilder.admin_site.JDBuilderAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth's sessions page says "3 hours ago"
    "django.contrib.sitemaps",  # the careers pages' sitemap (its template)
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "reversion",
    "axes",
    # Sign-in (django-allauth): its account views at /accounts/, a second factor for local
    # accounts, each person's list of their sessions. docs/deploying.md says why this library.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    # The API (#29) at /api/v1/: DRF, its OpenAPI 3.1 schema, Swagger UI from the app's own static
    # files (the sidecar), so no page loads anything from a CDN.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "roles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Every error under /api/ is application/problem+json (RFC 9457), Django's own 404 and 500
    # included; outermost but for the security headers, so it sees what the others answer.
    "roles.api.problems.ProblemDetailsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "roles.signin.RequireSecondFactorMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jdbuilder.urls"
WSGI_APPLICATION = "jdbuilder.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite next to the code unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web process and a task worker write to the same file. WAL lets readers and the writer
    # work at once; IMMEDIATE takes the write lock when a transaction starts (a read that later
    # wants to write cannot deadlock), and the timeout waits for the lock instead of failing
    # with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks: Django's Tasks API (the django-tasks backport of Django 6's django.tasks).
# By default a queue in the database, run by `manage.py run_worker` (`make run` starts one);
# TASKS_BACKEND=rq (with REDIS_URL) runs them on Redis + RQ instead, for workers on many machines.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "rq":
    # Workers: `manage.py rqworker default --job-class django_tasks_rq.Job --worker-class
    # rq.worker.SimpleWorker --with-scheduler` (docs/deploying.md says why SimpleWorker).
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL"), "DEFAULT_TIMEOUT": 120}}
elif TASKS_BACKEND == "immediate":  # runs each task inside enqueue(): for one-off scripts
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be database, rq or immediate; got {TASKS_BACKEND!r}."
    )
#: How often an idle worker looks for work, and how often a worker says it is alive: a worker
#: silent for three heartbeats is gone (its task is taken over; documents render on request).
TASKS_WORKER_INTERVAL_SECONDS = 1
TASKS_WORKER_HEARTBEAT_SECONDS = env_number("TASKS_WORKER_HEARTBEAT_SECONDS", default=5)
#: A task that fails is tried again this many seconds later, then again, then it stays failed.
TASKS_RETRY_DELAYS_SECONDS = (10, 60)
#: /readyz answers 503 (take this host out of rotation) when the oldest waiting task has waited
#: longer than this, or when more tasks than this failed in the last hour.
TASKS_READY_MAX_WAIT_SECONDS = env_number("TASKS_READY_MAX_WAIT_SECONDS", default=300)
TASKS_READY_MAX_FAILURES_PER_HOUR = env_number("TASKS_READY_MAX_FAILURES_PER_HOUR", default=20)
#: A monitor sending "Authorization: Bearer <HEALTH_TOKEN>" reads /healthz and /readyz in full
#: (the queue's numbers, what is wrong); so do staff. Everyone else gets the status code and
#: {"status": ...}. Empty (the default): no token opens the details.
HEALTH_TOKEN = os.environ.get("HEALTH_TOKEN", "").strip()
if HEALTH_TOKEN and len(HEALTH_TOKEN) < 32:
    raise ImproperlyConfigured(
        "HEALTH_TOKEN must be at least 32 characters: python -c "
        "'import secrets; print(secrets.token_urlsafe())' makes one."
    )

# One cache for every process: Redis when REDIS_URL (or CACHE_URL) names one, else files in a
# folder that the web processes and the task worker on this machine share. It holds rendered PDFs:
# the worker renders them after each save, and the web processes serve them from here.
_cache_url = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL")
if _cache_url == "dummy://":  # caches nothing: for measuring uncached renders
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif _cache_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": "jdbuilder",
            "TIMEOUT": 60 * 60 * 24,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("DJANGO_CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in while locked out
    "roles.signin.AddressLockoutBackend",  # refuses sign-in from an address that sprays
    # Django's ModelBackend under allauth's (which adds nothing for username sign-in, and is
    # what allauth's own flows name when they sign someone in).
    "allauth.account.auth_backends.AuthenticationBackend",
]
#: Per-person and per-link rate limits (PDF downloads, live checks, share-link PDFs): off only in
#: the benchmark's settings (scripts/bench_settings.py), never from the environment.
RATE_LIMITS_ENABLED = True
#: How many reverse proxies (load balancer, ingress) stand in front of the app, each appending
#: the address it received a request from to X-Forwarded-For. The client is the address the
#: outermost of them appended (``roles.http.client_ip``); 0 (the default) ignores the header, as
#: anyone may write it. Every lockout and rate limit counts by that address.
TRUSTED_PROXY_COUNT = int(env_number("TRUSTED_PROXY_COUNT", default=0))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
AXES_CLIENT_IP_CALLABLE = "roles.http.axes_client_ip"
# Two tiers of sign-in lockout, both for 15 minutes:
# - 5 failed sign-ins for one username from one address lock that pair (django-axes);
# - 50 failed sign-ins from one address, whatever the usernames, lock the address
#   (roles.signin): high enough for an office behind one address, low enough to stop one
#   password being tried across every account.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
SIGNIN_ADDRESS_FAILURE_LIMIT = int(env_number("SIGNIN_ADDRESS_FAILURE_LIMIT", default=50))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# allauth's sign-in form names its field "login", not "username": axes reads that field, as its
# docs for allauth say (roles.signin.SignInForm copies it into the credentials axes is sent).
AXES_USERNAME_FORM_FIELD = "login"

# allauth (sign-in, second factor, sessions). Accounts are made by administrators (and, later,
# by the company's directory): nobody signs up, and people sign in with their username.
ACCOUNT_ADAPTER = "roles.signin.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
# (Sign-up is closed; these are the fields allauth's company sign-in form would ask for, when it
# cannot make the account by itself, e.g. the provider's username is taken.)
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
# An e-mail address is not who someone is: a company identity asserting the address a local
# account has gets an account of its own (an administrator links the two), never that one.
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_EMAIL_VERIFICATION = "none"
# No "remember me" box: every session lasts SESSION_COOKIE_AGE (a working day), as before allauth.
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# allauth reads the client's address the same way as the lockouts above (roles.http.client_ip,
# through the adapter); its own setting is kept equal for any allauth code that reads it.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# allauth's own failed-sign-in limit stays on, per username whatever the address (a guesser
# spread over many addresses, which axes' per-address pairs miss), and it limits guesses of a
# second-factor code per person. Set above axes' five so that axes' lockout (reset by a success)
# is what a person mistyping meets. The per-address tier is roles.signin's, over axes' records
# (one count, not two); allauth's count of sign-in requests per address is raised from 30 a
# minute, which a whole office behind one address would pass at nine in the morning.
# A password reset by e-mail: 3 requests an hour per address typed, 20 an hour per client
# address (an office behind one address); new passwords sent from links 20 an hour per client
# address (allauth counts POSTs; opening a link only checks its signed token).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/15m/key",
    "login": "300/m/ip",
    "reset_password": "20/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
}
#: Whether people may sign in with a local password. Off (LOCAL_SIGNIN=0) once the company's
#: identity provider is connected: only break-glass accounts (flagged by `manage.py
#: break_glass`, each with a second factor; every use logged and e-mailed to the other
#: administrators) still sign in with one, and password reset by e-mail is off.
LOCAL_SIGNIN = env_bool("LOCAL_SIGNIN", default=True)
# Password reset by e-mail (roles.signin): only for local accounts with a password, never for a
# break-glass account (IT resets it: `manage.py changepassword`). allauth's words for an unknown
# address are the same as for a known one, and unknown addresses get no mail.
ACCOUNT_FORMS = {
    "reset_password": "roles.signin.PasswordResetForm",
    "reset_password_from_key": "roles.signin.PasswordResetKeyForm",
}
ACCOUNT_PREVENT_ENUMERATION = True
#: A reset link works for an hour (Django's default is three days), and once.
PASSWORD_RESET_TIMEOUT = 60 * 60
MFA_ADAPTER = "roles.signin.MFAAdapter"
# A security key or passkey (WebAuthn) is a second factor like the authenticator app; signing in
# with a passkey alone (allauth's MFA_PASSKEY_LOGIN_ENABLED) stays off: the password and its
# lockouts stay in front of it. The relying-party id is the host the page was opened at (allauth's
# adapter), and browsers allow WebAuthn only over HTTPS (or on localhost): docs/deploying.md.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "JD Builder"
# The sign-in's second step offers "Use a security key" only to people who have one; a key's
# name is bounded.
MFA_FORMS = {
    "authenticate_webauthn": "roles.signin.SecurityKeyForm",
    "add_webauthn": "roles.signin.AddSecurityKeyForm",
    "edit_webauthn": "roles.signin.RenameSecurityKeyForm",
}
#: Staff who sign in with a local password must have a second factor: until they add one, every
#: page sends them to the second-factor page (roles.signin.RequireSecondFactorMiddleware).
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", default=True)
# The sessions page lists each sign-in (address, browser, when), recorded by allauth when someone
# signs in. Not "last seen": tracking it is a read and a write on every request (allauth's
# UserSessionsMiddleware with USERSESSIONS_TRACK_ACTIVITY), which made the trivial signed-in page
# five times slower in `make bench` (2 -> 10.7 ms); ending a session does not need it.
USERSESSIONS_TRACK_ACTIVITY = False

# Signing in with the company's identity provider (OpenID Connect: Entra ID, Okta, Keycloak…),
# when OIDC_SERVER_URL names it (its issuer; /.well-known/openid-configuration is read from it).
# Who gets in, and in which HR groups, comes from its group claim through the mapping in the
# admin (roles.models.DirectoryGroupMapping, roles.signin.SocialAccountAdapter).
SOCIALACCOUNT_ADAPTER = "roles.signin.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
# Accounts are matched by the provider's immutable id (sub, or its "uid_claim": Entra ID's oid),
# never by e-mail (roles.signin.immutable_id).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_STORE_TOKENS = False
#: The claim that carries the person's groups (Okta, Keycloak: groups; Entra ID: roles); also
#: the default for a provider configured in the admin without its own "groups_claim".
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
SOCIALACCOUNT_PROVIDERS: dict = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}}
if _oidc_server := os.environ.get("OIDC_SERVER_URL"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        {
            "provider_id": os.environ.get("OIDC_PROVIDER_ID", "company"),
            "name": env_str("OIDC_NAME"),  # "Sign in with <OIDC_NAME>"
            "client_id": env_str("OIDC_CLIENT_ID"),
            "secret": env_str("OIDC_CLIENT_SECRET"),
            "settings": {
                "server_url": _oidc_server,
                "groups_claim": OIDC_GROUPS_CLAIM,
                # The ID token claim accounts are matched by: sub, or Entra ID's oid (the
                # same person in every application of the tenant, and what its SCIM
                # provisioning can send as externalId; Entra's sub differs per app). Never the
                # e-mail address.
                "uid_claim": os.environ.get("OIDC_UID_CLAIM", "sub"),
            },
        }
    )
# Accounts that follow the company's directory: SCIM 2.0 at /scim/v2/ (django-scim2, with the
# adapters of roles.scim over roles.models.DirectoryIdentity). The directory creates, updates and
# deactivates people, and pushes groups; with SCIM on, a person's HR groups come from those
# groups (their display names, through the same DirectoryGroupMapping rows, under
# SCIM_PROVIDER_ID) and the sign-in's group claim is ignored. docs/deploying.md has the steps.
SCIM_ENABLED = env_bool("SCIM_ENABLED", default=False)
#: The company sign-in provider whose immutable id (OIDC sub) the directory sends as externalId:
#: signing in through it reaches the account the directory made; its group mappings apply.
SCIM_PROVIDER_ID = os.environ.get("SCIM_PROVIDER_ID", os.environ.get("OIDC_PROVIDER_ID", "company"))
#: The largest SCIM request body, and the most resources one page of results holds (a client
#: asking for more gets this many, as RFC 7644 §3.4.2.4 allows).
SCIM_MAX_REQUEST_BYTES = 256 * 1024
SCIM_MAX_PAGE_SIZE = 100
SCIM_SERVICE_PROVIDER = {
    "USER_MODEL_GETTER": "roles.scim.adapters.directory_identity_model",
    "USER_ADAPTER": "roles.scim.adapters.DirectoryUserAdapter",
    "GROUP_MODEL": "roles.models.DirectoryGroup",
    "GROUP_ADAPTER": "roles.scim.adapters.DirectoryGroupAdapter",
    "USER_FILTER_PARSER": "roles.scim.filters.DirectoryUserFilter",
    "GROUP_FILTER_PARSER": "roles.scim.filters.DirectoryGroupFilter",
    "SERVICE_PROVIDER_CONFIG_MODEL": "roles.scim.views.ServiceProviderConfig",
    "BASE_LOCATION_GETTER": "roles.scim.adapters.base_location",
    "SCHEMAS_GETTER": "roles.scim.schemas.published_schemas",
    "AUTH_CHECK_MIDDLEWARE": "roles.scim.auth.ScimBearerTokenCheck",
    "WWW_AUTHENTICATE_HEADER": 'Bearer realm="JD Builder SCIM"',
    "NETLOC": "unused: base_location reads SITE_URL",
    "AUTHENTICATION_SCHEMES": [
        {
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "A token made by `manage.py scim_token` or in the admin.",
            "primary": True,
        }
    ],
}

# ...or over SAML 2.0 (ADFS, Entra ID, Okta, OneLogin, Google Workspace), when SAML_IDP_ENTITY_ID
# names the identity provider. Its signing certificate and sign-in URL come from its metadata
# (SAML_METADATA_URL) or are given (SAML_SSO_URL, SAML_X509_CERT: Google Workspace publishes no
# metadata URL). Assertions must be signed, with SHA-256 (a SHA-1 signature or digest is
# refused); a response the app did not ask for (IdP-initiated) is refused unless
# SAML_ALLOW_IDP_INITIATED=1. Accounts are matched only by SAML_UID_ATTRIBUTE, an attribute the
# provider never reassigns: a response without it is refused, never matched by the e-mail
# NameID (roles.signin_saml).
#: The attribute with the person's groups or roles, mapped like OIDC_GROUPS_CLAIM.
SAML_GROUPS_ATTRIBUTE = os.environ.get("SAML_GROUPS_ATTRIBUTE", "groups")
SOCIALACCOUNT_PROVIDERS["saml"] = {"APPS": []}
if _saml_entity_id := os.environ.get("SAML_IDP_ENTITY_ID"):
    _saml_provider_id = os.environ.get("SAML_PROVIDER_ID", "company")
    if _oidc_server and _saml_provider_id == os.environ.get("OIDC_PROVIDER_ID", "company"):
        raise ImproperlyConfigured(
            "OIDC and SAML sign-in are both on with one provider id: give SAML_PROVIDER_ID another "
            "value than OIDC_PROVIDER_ID (accounts and group mappings are kept apart by it)."
        )
    if _saml_metadata_url := os.environ.get("SAML_METADATA_URL"):
        _saml_idp = {"entity_id": _saml_entity_id, "metadata_url": _saml_metadata_url}
    else:
        _saml_idp = {
            "entity_id": _saml_entity_id,
            "sso_url": env_str("SAML_SSO_URL"),
            "x509cert": env_str("SAML_X509_CERT"),
        }
    SOCIALACCOUNT_PROVIDERS["saml"]["APPS"].append(
        {
            "provider_id": _saml_provider_id,
            "client_id": _saml_provider_id,  # the paths' slug: /accounts/saml/<id>/acs/
            "name": env_str("SAML_NAME"),  # "Sign in with <SAML_NAME>"
            "settings": saml_app_settings(
                idp=_saml_idp,
                uid_attribute=env_str("SAML_UID_ATTRIBUTE"),
                sp_entity_id=os.environ.get("SAML_SP_ENTITY_ID", ""),
                allow_idp_initiated=env_bool("SAML_ALLOW_IDP_INITIATED", default=False),
            ),
        }
    )
#: How long the security log (roles.models.SecurityEvent) keeps an event, in days.
SECURITY_LOG_RETENTION_DAYS = int(env_number("SECURITY_LOG_RETENTION_DAYS", default=365))
if SECURITY_LOG_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("SECURITY_LOG_RETENTION_DAYS must be 1 or more.")
# Webhooks (roles.services.webhooks) call only public addresses. These host names, exactly as
# written in a subscription's URL (comma-separated), may reach a private one too: a receiver on
# the company's own network. Nothing else opens the way.
WEBHOOK_ALLOWED_PRIVATE_HOSTS = env_list("WEBHOOK_ALLOWED_PRIVATE_HOSTS", default=[])
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "roles:compare"
LOGOUT_REDIRECT_URL = "login"

# The largest request body (form fields, not uploaded files) Django reads. The largest valid
# editor form, every field and 40 rows of each list at their limits, is under 200 KB of
# plain text (tests/views/test_editor_limits.py); Django's default of 2.5 MB let every live
# check carry fifteen times that. A larger body is refused with 413 (roles.views.errors).
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("DJANGO_TIME_ZONE", default="UTC")
# The app speaks English only, and every date it shows has an explicit format. With translation
# off Django skips its translation machinery, a sixth of the work of a page like "My drafts"
# (measured by instruction counts). Turn it on, with LocaleMiddleware, when the app is translated.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Vendor assets are served straight from the npm packages pinned in package-lock.json, under a
# prefix each, so only the files we use are reachable (never a CDN, never copied into the repo).
NODE_MODULES = BASE_DIR / "node_modules"
# The document's typeface (Inter) and fallbacks for the scripts it lacks: complete font files
# from the Google Fonts packages on npm (subset files would share one name and mix glyphs up).
# Only the weights document.css uses are served (and collected).
FONT_FILES = {
    "inter": ["400Regular", "600SemiBold", "700Bold"],
    "noto-sans-math": ["400Regular"],
    "noto-sans-arabic": ["400Regular", "700Bold"],
    "noto-sans-hebrew": ["400Regular", "700Bold"],
    "noto-sans-sc": ["400Regular", "700Bold"],
    "noto-emoji": ["400Regular"],
}
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/sortablejs", NODE_MODULES / "sortablejs"),
    *(
        (f"vendor/fonts/{name}/{weight}", NODE_MODULES / "@expo-google-fonts" / name / weight)
        for name, weights in FONT_FILES.items()
        for weight in weights
    ),
]
# WhiteNoise serves static files in production, with hashed names and far-future caching; in
# development it serves them straight from their sources.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded logos: the folder above by default; an S3-compatible bucket (django-storages) when
# AWS_STORAGE_BUCKET_NAME names one, so that every app server sees the same files. boto3 reads
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment itself. Browsers get
# short-lived signed URLs; the PDF renderer reads logos through the storage API.
if bucket := os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            "default_acl": None,  # the bucket's own policy: private unless its owner says otherwise
            "querystring_auth": True,
            "signature_version": "s3v4",  # signed URLs every region accepts
            "file_overwrite": False,
        },
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# HTTPS hardening is on whenever DEBUG is off; DJANGO_HTTPS=0 turns it off for plain-HTTP test
# servers. Behind a TLS-terminating proxy, keep it on and set DJANGO_SECURE_PROXY_SSL_HEADER=1.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
#: How long a sign-in lasts, in hours (a working day by default); then everyone signs in again.
SESSION_HOURS = env_number("SESSION_HOURS", default=12)
if not 0 < SESSION_HOURS <= 24 * 30:
    raise ImproperlyConfigured("SESSION_HOURS must be more than 0 and at most 720 (30 days).")
SESSION_COOKIE_AGE = int(SESSION_HOURS * 60 * 60)
X_FRAME_OPTIONS = "DENY"
# No inline script and no inline style anywhere; the one per-page style (the document's accent
# colour) carries a nonce. data: images are Bootstrap's icons.
# The API (#29): bearer tokens only (never the session, so a page's cookie cannot act through
# the API, and no CSRF is needed), JSON only, errors as problem+json from one handler.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["roles.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["roles.api.permissions.TokenHasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["roles.api.permissions.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "roles.api.schema.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "roles.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": None,
    # ?format=html would collide with the html export format; formats go in the path.
    "URL_FORMAT_OVERRIDE": None,
    # No OPTIONS self-description beside the schema (it would answer what the schema says, and
    # differently): OPTIONS is 405, as for any method an operation does not declare.
    "DEFAULT_METADATA_CLASS": None,
}
#: Requests one token may make per minute (roles.http.RateLimit, counted in the shared cache).
API_RATE_LIMIT_PER_MINUTE = int(env_number("API_RATE_LIMIT_PER_MINUTE", default=120))
#: Failed token authentications one client address may make per minute before each further one
#: is answered 429 (roles.api.authentication); good tokens are never refused for them.
API_FAILED_AUTH_LIMIT_PER_MINUTE = int(env_number("API_FAILED_AUTH_LIMIT_PER_MINUTE", default=30))
#: Text checks (POST /api/v1/check/) one token may ask for per minute, besides the limit above:
#: each one runs every level, language and readability check over up to 3,000 characters.
API_CHECK_RATE_LIMIT_PER_MINUTE = int(env_number("API_CHECK_RATE_LIMIT_PER_MINUTE", default=30))
SPECTACULAR_SETTINGS = {
    "TITLE": "JD Builder API",
    "DESCRIPTION": "Role templates, levels and job descriptions. See docs/api.md.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # One name for a choice set several fields share.
    # The events' payloads, in the schema's OpenAPI 3.1 "webhooks" section.
    "WEBHOOKS": [
        "roles.api.webhooks.WEBHOOK_" + name
        for name in (
            "JD_CREATED",
            "JD_SUBMITTED",
            "JD_APPROVED",
            "JD_CHANGES_REQUESTED",
            "JD_REOPENED",
            "JD_ARCHIVED",
            "SHARE_LINK_CREATED",
            "SHARE_LINK_REVOKED",
            "TEMPLATE_CHANGED",
            "WEBHOOK_TEST",
        )
    ],
    "ENUM_NAME_OVERRIDES": {
        "ReviewStateEnum": "roles.models.ReviewState",
        "EventTypeEnum": "roles.models.SUBSCRIBABLE_EVENT_TYPES",
        "YesNoEnum": [("yes", "Yes"), ("no", "No")],
    },
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# E-mail (review notifications, sent by a background task): printed to the console with DEBUG on
# (`make run`); in production SMTP to DJANGO_EMAIL_HOST, or the backend DJANGO_EMAIL_BACKEND
# names (a site without mail says so: django.core.mail.backends.dummy.EmailBackend). Neither is a
# refusal to start, not e-mails sent to a localhost that has no mail server.
if "DJANGO_EMAIL_HOST" in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("DJANGO_EMAIL_HOST")
    EMAIL_PORT = int(env_number("DJANGO_EMAIL_PORT", default=587))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = env_str(
        "DJANGO_EMAIL_BACKEND",
        default="django.core.mail.backends.console.EmailBackend" if DEBUG else None,
    )
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "JD Builder <jdbuilder@localhost>")
#: The address people open the app at, for the links in e-mails (sent by a worker, which has no
#: request to build one from).
SITE_URL = env_str("DJANGO_SITE_URL", default="http://127.0.0.1:8000" if DEBUG else None).rstrip(
    "/"
)

# Logs go to stdout; in production one JSON object a line, for the log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    # A share link's token in a line ("Not Found: /s/<token>/") would open the link for anyone
    # reading the logs: every line out shows /s/[redacted]/ instead.
    "filters": {"share_tokens": {"()": "jdbuilder.log_redaction.RedactShareTokens"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain" if DEBUG else "json",
            "filters": ["share_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint and fontTools report every rendering step at INFO; their warnings matter.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # runserver's request lines, through the same filtered handler (not Django's own).
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
