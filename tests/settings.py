"""Settings for the test suite: the real settings, with a throw-away data folder."""

import os
import tempfile

os.environ.setdefault("SHISHI_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("SHISHI_DATA_DIR", tempfile.mkdtemp(prefix="shishi-tests-"))
os.environ.setdefault("SHISHI_EMAIL_URL", "none")  # the test runner swaps in its own mail outbox
os.environ.setdefault("SHISHI_HTTPS", "0")  # the test client speaks plain HTTP

from shishi.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast log-ins in tests
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
