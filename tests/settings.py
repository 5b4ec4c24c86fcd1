"""Test settings: the real settings module, fed the environment a test run needs.

Only what the environment does not say is filled in, so ``DATABASE_URL`` or ``REDIS_URL`` set by
CI still take effect. DEBUG stays off: tests exercise the production code paths.
"""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SITE_URL", "http://testserver")
os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("DJANGO_HTTPS", "0")  # The test client and live server speak plain HTTP.
# Tests start real task workers in other processes: the cache they share (rendered PDFs) and,
# on SQLite, the test database are files, in a folder of their own.
_VAR = Path(__file__).resolve().parent.parent / "var"
_VAR.mkdir(exist_ok=True)
os.environ.setdefault("DJANGO_CACHE_DIR", str(_VAR / "test-cache"))

from jdbuilder.settings import *  # noqa: E402, F403

# Tests serve static files from their sources, with no collectstatic manifest to build first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # TEST_DB_FILE lets two runs on one checkout keep apart (each recreates its file at start).
    _test_db = os.environ.get("TEST_DB_FILE") or str(_VAR / "test-db.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": _test_db}  # noqa: F405

# Hashing passwords properly is slow by design; tests sign in many times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
