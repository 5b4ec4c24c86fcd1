"""Test settings: the real settings module, fed the environment a test run needs.

Only what the environment does not say is filled in, so ``DATABASE_URL`` or ``REDIS_URL`` set by
CI still take effect. DEBUG stays off: tests exercise the production code paths.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_HTTPS", "0")  # The test client and live server speak plain HTTP.

from jdbuilder.settings import *  # noqa: F403

# Tests serve static files from their sources, with no collectstatic manifest to build first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Hashing passwords properly is slow by design; tests sign in many times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
