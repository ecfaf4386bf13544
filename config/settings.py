"""Groundwork settings: every value comes from the environment, with safe embedded defaults.

The embedded default (no variables set) is SQLite, a local-memory cache, email to the console and
jobs on the database queue, so `make run` needs no services. Production sets DEBUG=false and the
variables documented in `.env.example`; `manage.py check --deploy` then passes with no warnings.
"""

import re
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.environment import (  # noqa: F401 (tests import the readers from here)
    env,
    env_bool,
    env_choice,
    env_int,
    env_list,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)
TESTING = env_bool("GROUNDWORK_TESTING", False)

_EMBEDDED_SECRET = "embedded-development-key-not-for-production-use-0123456789-abcdefghijkl"
SECRET_KEY = env("SECRET_KEY", _EMBEDDED_SECRET if DEBUG or TESTING else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false (see .env.example).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The site's name as people see it in emails and page titles.
SITE_NAME = env("SITE_NAME", "Groundwork")

INSTALLED_APPS = [
    "groundwork.core.apps.GroundworkAdminConfig",  # django.contrib.admin, audited
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
    "groundwork.core",
    "groundwork.members",
    "groundwork.groups",
    "groundwork.notifications",
    "groundwork.aims",
    "groundwork.democracy",
    "groundwork.campaigns",
    "groundwork.events",
    "groundwork.projects",
    "groundwork.resources",
    "groundwork.accountability",
    "groundwork.learning",
    "groundwork.outcomes",
    "groundwork.api",
    "groundwork.demo",
]

MIDDLEWARE = [
    # First: it sees every statement sent, so the 503 page knows whether anything was saved.
    "groundwork.core.middleware.WritesSentMiddleware",
    "groundwork.core.middleware.RequestSizeLimitMiddleware",
    "groundwork.core.middleware.NulInQueryMiddleware",
    # Before sessions: it sees the session's own write when it decides to pin reads to the primary.
    "groundwork.core.db_routers.ReadReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "groundwork.core.context_processors.site",
                # is_coordinator and the bell's unread count, in one query (groups.rules)
                "groundwork.groups.context_processors.roles",
            ],
            "builtins": ["groundwork.core.templatetags.form_tokens"],  # {% form_token %}
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'groundwork.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the job worker share the embedded database.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Covering indexes (INCLUDE) serve PostgreSQL at national scale; SQLite builds them as plain
    # indexes on their key columns, which is all the embedded default needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # An unreachable server fails the request in seconds (a 503 page) instead of holding the
    # app server's worker for the operating system's TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 5
    )
# A streaming replica of the primary (optional): GET pages read from it what may lag by a few
# seconds; writes, transactions, and every read of a session that wrote in the last
# GROUNDWORK_REPLICA_PIN_SECONDS go to the primary (groundwork/core/db_routers.py).
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **DATABASES["default"],
        **dj_database_url.parse(DATABASE_REPLICA_URL),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
    }
GROUNDWORK_READ_REPLICA = "replica" if DATABASE_REPLICA_URL else ""
DATABASE_ROUTERS = ["groundwork.core.db_routers.ReplicaRouter"]
GROUNDWORK_REPLICA_PIN_SECONDS = env_int("GROUNDWORK_REPLICA_PIN_SECONDS", 15, minimum=1)
# Lag past this: /healthz says "degraded" and reads go to the primary until the replica catches up.
GROUNDWORK_REPLICA_MAX_LAG_SECONDS = env_int("GROUNDWORK_REPLICA_MAX_LAG_SECONDS", 5, minimum=1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "groundwork.core.backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that has gone away fails fast rather than hanging every request.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions read from Redis, written through to the database: no session query per request.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Jobs (docs/operations.md, "Jobs": the worker, its heartbeat and the lease in seconds) ------
# "database" (django-tasks-db run by `manage.py run_worker`: the default, and production's),
# "redis" (RQ workers on REDIS_URL) or "immediate" (in-process; tests that need no worker).
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "redis": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
TASKS_BACKEND = env_choice("TASKS_BACKEND", "database", tuple(_TASK_BACKENDS))
TASKS = {"default": _TASK_BACKENDS[TASKS_BACKEND]}
GROUNDWORK_JOB_LEASE_SECONDS = env_int("GROUNDWORK_JOB_LEASE_SECONDS", 60, minimum=2)
if TASKS_BACKEND == "redis":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}
    # The worker must rebuild Django tasks from RQ jobs; plain RQ jobs cannot call a Task. Ours
    # waits out a Redis outage at any point of its loop (groundwork/core/rq_worker.py).
    RQ = {
        "JOB_CLASS": "django_tasks_rq.backend.Job",
        "WORKER_CLASS": "groundwork.core.rq_worker.Worker",
    }

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "groundwork.members.backends.RulesBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing dominates test time; tests do not test the hasher.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:home"
ACCOUNT_ADAPTER = "groundwork.members.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "groundwork.members.forms.SignupForm"
# allauth's form, made to take the same time whether the email has an account (members/adapters.py).
ACCOUNT_FORMS = {"signup": "groundwork.members.adapters.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {} if TESTING else {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Groundwork"
# Two-factor secrets are sealed at rest (groundwork/members/adapters.py) with the first of these keys
# (each 32 random bytes, URL-safe base64); older keys stay listed to open what they sealed.
MFA_ADAPTER = "groundwork.members.adapters.MFAAdapter"
GROUNDWORK_MFA_KEYS = env_list("MFA_ENCRYPTION_KEYS", "")
if not all(re.fullmatch(r"[A-Za-z0-9_-]{43}=", key) for key in GROUNDWORK_MFA_KEYS):
    raise ImproperlyConfigured(  # 32 bytes in URL-safe base64 are 43 characters and one "="
        "Each of MFA_ENCRYPTION_KEYS must be 32 bytes in URL-safe base64 (see .env.example)."
    )

# --- Email ----------------------------------------------------------------------------------
# EMAIL_FILE (set by `make run`): with no EMAIL_BACKEND, every email is appended to this file.
EMAIL_FILE = env("EMAIL_FILE", "")
MAILERS: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": env(
            "EMAIL_BACKEND",
            "groundwork.core.backends.OneFileEmailBackend"
            if EMAIL_FILE
            else "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
        "OPTIONS": {},
    }
}
if MAILERS["default"]["BACKEND"].endswith("OneFileEmailBackend"):
    MAILERS["default"]["OPTIONS"] = {"path": EMAIL_FILE or str(BASE_DIR / "var" / "emails.log")}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env("EMAIL_HOST", "127.0.0.1"),
        "port": env_int("EMAIL_PORT", 25, minimum=1),
        "username": env("EMAIL_HOST_USER", ""),
        "password": env("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Groundwork <noreply@groundwork.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
# Each language in its own name, as a language switcher shows it. Welsh has no catalogue yet and
# no middleware picks it, so every page is still English.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "/media/"

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # Map tiles of the events map come from OpenStreetMap's tile server, loaded by the browser.
    "img-src": [CSP.SELF, "data:", "https://tile.openstreetmap.org"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Logging --------------------------------------------------------------------------------
# Logs carry no personal data beyond user ids: request bodies and emails are never logged.
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_LOG_LEVEL = env("LOG_LEVEL").strip().upper()
if _LOG_LEVEL and _LOG_LEVEL not in _LOG_LEVELS:
    raise ImproperlyConfigured(f"LOG_LEVEL={_LOG_LEVEL!r} is not one of {', '.join(_LOG_LEVELS)}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Unset, other libraries log warnings and Groundwork's own loggers information too.
    "root": {"handlers": ["console"], "level": _LOG_LEVEL or "WARNING"},
    "loggers": {"groundwork": {"level": _LOG_LEVEL or "INFO"}},
}

# --- Groundwork -----------------------------------------------------------------------------
# Organisers and coordinators must have two-factor authentication before acting as such.
GROUNDWORK_REQUIRE_TWO_FACTOR = env_bool("GROUNDWORK_REQUIRE_TWO_FACTOR", True)
# Days an invitation by email stays open.
GROUNDWORK_INVITATION_DAYS = env_int("GROUNDWORK_INVITATION_DAYS", 14, minimum=1)
# The bare 50-row view that the benchmark compares pages against; off unless benchmarking.
GROUNDWORK_BENCH_ROUTES = env_bool("GROUNDWORK_BENCH_ROUTES", False)
# The largest attachment a library resource accepts, in bytes.
GROUNDWORK_UPLOAD_MAX_BYTES = env_int("GROUNDWORK_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
# The largest request body read at all (core/middleware.py): the largest upload and its form.
GROUNDWORK_MAX_REQUEST_BYTES = env_int(
    "GROUNDWORK_MAX_REQUEST_BYTES", GROUNDWORK_UPLOAD_MAX_BYTES + 1024 * 1024, minimum=1
)
GROUNDWORK_PRIVACY_POLICY_VERSION = "2026-11"
# Days after an event before its RSVPs are anonymised (counts and check-ins stay).
GROUNDWORK_RSVP_RETENTION_DAYS = env_int("GROUNDWORK_RSVP_RETENTION_DAYS", 90)
# Days a finished job (which holds its arguments: email addresses and texts) is kept.
GROUNDWORK_FINISHED_JOB_DAYS = env_int("GROUNDWORK_FINISHED_JOB_DAYS", 30, minimum=1)
# Days a read notification is kept, and an answered request for a group (its email address).
GROUNDWORK_NOTIFICATION_DAYS = env_int("GROUNDWORK_NOTIFICATION_DAYS", 365, minimum=1)
GROUNDWORK_GROUP_REQUEST_DAYS = env_int("GROUNDWORK_GROUP_REQUEST_DAYS", 90, minimum=1)
# A member's data download stays this many days, then a job deletes it.
GROUNDWORK_DATA_EXPORT_DAYS = env_int("GROUNDWORK_DATA_EXPORT_DAYS", 7, minimum=1)
# Who controls members' data (UK GDPR), named in the privacy notice; empty: SITE_NAME stands for it.
GROUNDWORK_DATA_CONTROLLER = env("GROUNDWORK_DATA_CONTROLLER", "")
GROUNDWORK_DATA_CONTROLLER_CONTACT = env("GROUNDWORK_DATA_CONTROLLER_CONTACT", "")
# Petition signatures allowed from one address, "count/seconds" ("0/60" turns the limit off).
GROUNDWORK_PETITION_SIGNING_LIMIT = env("GROUNDWORK_PETITION_SIGNING_LIMIT", "60/600")
# Messages to a group's organisers allowed from one person or address, "count/seconds".
GROUNDWORK_CONTACT_LIMIT = env("GROUNDWORK_CONTACT_LIMIT", "10/3600")
# Emails to members one group's organisers may queue, "count/seconds" ("0/60" turns the limit off).
GROUNDWORK_MAILING_LIMIT = env("GROUNDWORK_MAILING_LIMIT", "5/86400")
# SMTP connections the job worker sends one mailing over at once (a relay that accepts fewer from
# one client refuses the extra ones, and the mailing goes on over those it accepted).
GROUNDWORK_MAILING_CONNECTIONS = int(env("GROUNDWORK_MAILING_CONNECTIONS", "2"))
# Behind a reverse proxy, the request header that carries the client's address (e.g.
# HTTP_X_REAL_IP); empty means REMOTE_ADDR. Only set it when the proxy overwrites that header.
GROUNDWORK_CLIENT_IP_HEADER = env("GROUNDWORK_CLIENT_IP_HEADER", "")
# The demo's organisers pass two-factor with this code; allauth refuses it unless DEBUG is on.
if DEBUG and env("DEMO_TOTP_BYPASS_CODE"):
    MFA_TOTP_INSECURE_BYPASS_CODE = env("DEMO_TOTP_BYPASS_CODE")
from config.api import *  # noqa: E402,F403  (the REST API's settings)
from config.webhooks import *  # noqa: E402,F403
