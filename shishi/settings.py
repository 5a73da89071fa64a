"""Settings, all from environment variables so that one build runs anywhere.

Variables (all optional for `make run`):
- SHISHI_DEBUG=1                development mode (make run sets it)
- SHISHI_SECRET_KEY             required when SHISHI_DEBUG is off
- SHISHI_ALLOWED_HOSTS          comma-separated host names
- DATABASE_URL                  e.g. postgres://user@127.0.0.1:5432/shishi; default: SQLite under
                                SHISHI_DATA_DIR
- SHISHI_DATA_DIR               where the SQLite database and uploaded files live (default: ./var)
- SHISHI_EMAIL_URL              smtp://user:pass@host:port ; default: mail printed to the console
- SHISHI_DEFAULT_FROM_EMAIL     sender of reminders
- SHISHI_DUE_DAYS               days after quarter end a report is due (default 10)
- SHISHI_REMINDER_INTERVAL_HOURS  no reminder to the same unit for the same period within this (default 24)
- SHISHI_CACHE_URL              redis://host:6379/0 shared by every app server; default: memory of each
                                process
- SHISHI_BEHIND_PROXY=1         behind nginx: the client's address is nginx's X-Real-IP header
- SHISHI_JOBS                   thread (default: background exports run inside the web process) or
                                worker (a separate `manage.py run_jobs` process runs them; for several
                                app servers)
- SHISHI_S3_BUCKET              keep uploaded and generated files in this S3-compatible bucket (needs the
                                s3 extra: pip install 'shishi[s3]'); with SHISHI_S3_ENDPOINT_URL,
                                SHISHI_S3_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


DEBUG = env_bool("SHISHI_DEBUG")
SECRET_KEY = os.environ.get("SHISHI_SECRET_KEY") or ("dev-only-not-secret" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SHISHI_SECRET_KEY must be set when SHISHI_DEBUG is off")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("SHISHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("SHISHI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

DATA_DIR = Path(os.environ.get("SHISHI_DATA_DIR") or BASE_DIR / "var")
MEDIA_ROOT = DATA_DIR / "files"
MEDIA_URL = "/files/"
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "shishi" / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the source folders until collectstatic has run
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "shishi.directory",
    "shishi.history",
    "shishi.plans",
    "shishi.selection",
    "shishi.reporting",
    "shishi.oversight",
    "shishi.documents",
    "shishi.bulletins",
    "shishi.supervision",
    "shishi.comparisons",
    "shishi.public",
    "shishi.exports",
    "shishi.desk",  # each role's home: composes the apps beneath it
    "shishi.api",
    "shishi.demo",  # on top: it drives every app's services
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "shishi.outage.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "shishi.urls"
WSGI_APPLICATION = "shishi.wsgi.application"
AUTH_USER_MODEL = "directory.Person"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "shishi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shishi.directory.context.unread_notices",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config.setdefault("OPTIONS", {}).update(_SQLITE_OPTIONS)
        return config
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "shishi.sqlite3",
        "OPTIONS": _SQLITE_OPTIONS,
    }


# WAL lets readers work while a writer commits; IMMEDIATE takes the write lock at the start
# of a transaction so that two writers queue instead of failing with "database is locked".
_SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "shishi" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True


def _mailers() -> dict:
    url = os.environ.get("SHISHI_EMAIL_URL")
    if url == "none":  # an office that chases by in-app notices and group robots only
        return {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    if not url:
        if not DEBUG:
            raise ImproperlyConfigured(
                "Set SHISHI_EMAIL_URL (smtp://…, smtp+tls://…, smtps://…) or SHISHI_EMAIL_URL=none"
            )
        return {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    parts = urlparse(url)
    if parts.scheme not in ("smtp", "smtp+tls", "smtps"):
        raise ImproperlyConfigured("SHISHI_EMAIL_URL must start with smtp://, smtp+tls:// or smtps://")
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": parts.hostname or "localhost",
                "port": parts.port,
                "username": unquote(parts.username or ""),
                "password": unquote(parts.password or ""),
                "use_tls": parts.scheme == "smtp+tls",
                "use_ssl": parts.scheme == "smtps",
                "timeout": 10,
            },
        }
    }


MAILERS = _mailers()
DEFAULT_FROM_EMAIL = os.environ.get("SHISHI_DEFAULT_FROM_EMAIL", "shishi@localhost")

SHISHI_DUE_DAYS = env_int("SHISHI_DUE_DAYS", 10)
SHISHI_REMINDER_INTERVAL_HOURS = env_int("SHISHI_REMINDER_INTERVAL_HOURS", 24)
SHISHI_MAX_PDF_BYTES = env_int("SHISHI_MAX_PDF_BYTES", 20 * 1024 * 1024)
SHISHI_MAX_NOTICE_BYTES = env_int("SHISHI_MAX_NOTICE_BYTES", 30 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The import preview is one form: 10 fields a project (title, units, leads, deadline, category,
# investment and the four of the row for a new target) and 4 a target, plus two a unit (its choice
# and the name it is shown for). A notice of the most the import takes (plans.services: 400
# projects, 2,000 targets, a unit or three each) posts about 14,400 fields; Django's default of
# 1,000 refused a notice of 60 projects. The request body stays bounded by
# DATA_UPLOAD_MAX_MEMORY_SIZE, which is what bounds the work.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 15_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# First: a file whose name an old browser sent in GBK arrives instead of being dropped (shishi/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "shishi.uploads.LegacyFileNames",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]


def _file_storage() -> dict:
    bucket = os.environ.get("SHISHI_S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    # Private bucket, signed links that expire: a stamped PDF is never a public URL.
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("SHISHI_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("SHISHI_S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }


def _cache() -> dict:
    url = os.environ.get("SHISHI_CACHE_URL")
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if urlparse(url).scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured("SHISHI_CACHE_URL must start with redis://, rediss:// or unix://")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "shishi"}


# Log-in throttling and the public page's rendered copy live here: several app servers must share it.
CACHES = {"default": _cache()}
SHISHI_BEHIND_PROXY = env_bool("SHISHI_BEHIND_PROXY")
SHISHI_JOBS = os.environ.get("SHISHI_JOBS", "thread")
if SHISHI_JOBS not in ("thread", "worker"):
    raise ImproperlyConfigured("SHISHI_JOBS must be thread or worker")

STORAGES = {
    "default": _file_storage(),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Scripts and styles only from our own static files: no inline script anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    # Behind nginx with TLS (docs/deploy.md). SHISHI_HTTPS=0 only for a closed intranet on plain HTTP.
    HTTPS = env_bool("SHISHI_HTTPS", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
    SECURE_SSL_REDIRECT = HTTPS
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SHISHI_HSTS_SECONDS", 31536000 if HTTPS else 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SHISHI_HSTS_SUBDOMAINS", HTTPS)
    SECURE_HSTS_PRELOAD = env_bool("SHISHI_HSTS_PRELOAD", HTTPS)
    if os.environ.get("SHISHI_EMAIL_URL") == "none":
        SILENCED_SYSTEM_CHECKS = ["mail.E001"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SHISHI_LOG_LEVEL", "INFO")},
}
