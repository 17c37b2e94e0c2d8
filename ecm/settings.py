"""ECM settings: one module, configured only from the environment.

ECM_ENV selects the defaults: "development" (the zero-set-up default for
`make run`, SQLite under var/), "test", or "production" (fails fast unless the
database URL, secret key and allowed hosts are given).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


ECM_ENV = env_str("ECM_ENV", "development")
if ECM_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("ECM_ENV must be development, test or production.")
PRODUCTION = ECM_ENV == "production"

DEBUG = env_bool("ECM_DEBUG", default=False)
SECRET_KEY = env_str("ECM_SECRET_KEY", None if PRODUCTION else "dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = env_list(
    "ECM_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ECM_ALLOWED_HOSTS in production.")

# Demo accounts exist only while demo mode is on; it can never be on in production.
DEMO_MODE = env_bool("ECM_DEMO_MODE", default=not PRODUCTION)
if PRODUCTION and DEMO_MODE:
    raise ImproperlyConfigured("Demo mode cannot be switched on in production.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "ecm.core",
    "ecm.audit",
    "ecm.organisations",
    "ecm.accounts",
    "ecm.children",
    "ecm.offending",
    "ecm.needs",
    "ecm.consent",
    "ecm.trm",
    "ecm.timeline",
    "ecm.voice",
    "ecm.development",
    "ecm.meetings",
    "ecm.interventions",
    "ecm.formulation",
    "ecm.plans",
    "ecm.eligibility",
    "ecm.episodes",
    "ecm.appointments",
    "ecm.compliance",
    "ecm.reminders",
    "ecm.casenotes",
    "ecm.safeguarding",
    "ecm.transitions",
    "ecm.demo",
]

MIDDLEWARE = [
    "ecm.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ecm.core.middleware.SessionLimitsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "ecm.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "ecm.urls"
WSGI_APPLICATION = "ecm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ecm.core.context_processors.service_context",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", None if PRODUCTION else f"sqlite:///{VAR_DIR / 'ecm.sqlite3'}"),
        conn_max_age=int(env_str("ECM_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # IMMEDIATE transactions and WAL stop "database is locked" between the web
    # process and the task worker.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["ATOMIC_REQUESTS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if ECM_ENV == "test"
    else [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: idle timeout of 30 minutes (renewed on each request), absolute limit
# of 12 hours enforced by SessionLimitsMiddleware. Sessions live in the database
# so that any application instance can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Sign-in limits: at most this many failures per account and per address in the window.
SIGN_IN_MAX_FAILURES = 10
SIGN_IN_WINDOW_SECONDS = 5 * 60
# How many reverse proxies (load balancers) stand in front of the application and
# append to X-Forwarded-For. Sign-in limits per address count the client's address
# that the nearest trusted proxy saw; with 0, the socket's peer address is used.
TRUSTED_PROXY_HOPS = int(env_str("ECM_TRUSTED_PROXY_HOPS", "0"))
# A password check may not wait longer than this for the second factor.
SIGN_IN_PENDING_SECONDS = 5 * 60

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("ECM_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^health$", r"^ping$"]
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list("ECM_CSRF_TRUSTED_ORIGINS", "")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Outside production, static files are served straight from the build folder.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

_MAIL_BACKEND = env_str(
    "ECM_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": (
            {
                "host": env_str("ECM_EMAIL_HOST", "localhost"),
                "port": int(env_str("ECM_EMAIL_PORT", "25")),
                "username": env_str("ECM_EMAIL_USER", ""),
                "password": env_str("ECM_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("ECM_EMAIL_USE_TLS", default=True),
            }
            if _MAIL_BACKEND.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env_str("ECM_FROM_EMAIL", "ECM <no-reply@ecm.invalid>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ecm.core.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("ECM_LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step at INFO; only its warnings matter here.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

SERVICE_NAME = _("Enhanced Case Management")

# Background work (django.tasks): reminder e-mails. Run at once, in the request, in
# development and tests unless ECM_TASKS_BACKEND says otherwise; in production queued in
# the database and run by `python manage.py db_worker` (see docs/deploy.md).
TASKS = {
    "default": {
        "BACKEND": env_str(
            "ECM_TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if PRODUCTION
            else "django.tasks.backends.immediate.ImmediateBackend",
        )
    }
}
# The address people use to reach ECM: links in e-mails start with it.
ECM_SITE_URL = env_str(
    "ECM_SITE_URL", f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000"
)

# Appointments and the non-attendance pathway (ecm.appointments, ecm.compliance).
# Consistency figures look back this many weeks.
ECM_CONSISTENCY_WEEKS = int(env_str("ECM_CONSISTENCY_WEEKS", "12"))
# A warning's warned period for youth rehabilitation orders, in months.
ECM_WARNED_PERIOD_MONTHS = int(env_str("ECM_WARNED_PERIOD_MONTHS", "12"))
# One-off bank holidays besides the usual rules (ecm.compliance.bank_holidays), as
# YYYY-MM-DD separated by commas: for example a day proclaimed for a royal occasion.
ECM_EXTRA_BANK_HOLIDAYS = env_list("ECM_EXTRA_BANK_HOLIDAYS", "")

# The Django admin is for system administrators only; its address is configurable.
ADMIN_PATH = env_str("ECM_ADMIN_PATH", "system-admin/")
CSRF_FAILURE_VIEW = "ecm.core.views.csrf_failure"

# From this age in months (17½ by default), a young person's record prompts for a plan for
# the move to adult probation (ecm.transitions).
ECM_TRANSITION_PROMPT_MONTHS = int(env_str("ECM_TRANSITION_PROMPT_MONTHS", "210"))
