"""All settings come from the environment; a bad value stops the start with a clear message.

See the configuration table in README.md for every variable.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("STANDORTKOMPASS_VAR_DIR", Path.cwd() / "var")).resolve()

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
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def load_local_settings(path: Path) -> frozenset[str]:
    """Fill in what the environment leaves unset from ``NAME=value`` lines in ``path``; return the names filled in.

    ``make run`` and ``make demo-data`` write the settings they used to ``var/local.env``, so a
    ``standortkompass`` command in a new shell works on the same local installation. A variable
    set in the environment always wins; without the file nothing changes.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    filled: set[str] = set()
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        name, equals, value = text.partition("=")
        if not equals or not name.strip().isidentifier():
            raise ImproperlyConfigured(f"{path}, line {number}: {text!r} is not NAME=value.")
        if name.strip() not in os.environ:
            os.environ[name.strip()] = value.strip()
            filled.add(name.strip())
    return frozenset(filled)


def _secret_key(debug: bool) -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        if len(key) < 32:
            raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")
        return key
    if not debug:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (a local installation: run make demo-data, "
            "which keeps DEBUG=true in var/local.env)."
        )
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL", "").strip()
    if not url:
        return None
    if urlparse(url).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(f"REDIS_URL={url!r} must start with redis://, rediss:// or unix://.")
    return url


def _database(url: str) -> dict[str, object]:
    scheme = urlparse(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(f"DATABASE_URL scheme {scheme!r} is not supported; use sqlite:/// or postgres://.")
    # Under ASGI, Django's persistent connections are not safe: each request opens its own.
    try:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=0))
    except ValueError:  # the URL may hold a password: name the variable, not its value
        raise ImproperlyConfigured(
            "DATABASE_URL is not a valid URL (a port that is not a number, or a password that is not URL-encoded)."
        ) from None
    if scheme == "sqlite":
        # WAL lets readers and one writer work side by side; the timeout waits out short locks.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:
        pool_size = env_int("DATABASE_POOL_SIZE", 10, minimum=0)
        if pool_size:
            # Requests in flight share at most this many connections per app process and wait for one.
            config["OPTIONS"] = {"pool": {"min_size": 1, "max_size": pool_size, "timeout": 30}}
        else:
            config["CONN_HEALTH_CHECKS"] = True
    return config


# The names var/local.env filled in: `check --deploy` warns when DEBUG came from there (core/checks.py).
LOCAL_SETTINGS_FILE = VAR_DIR / "local.env"
LOCAL_SETTINGS_APPLIED = load_local_settings(LOCAL_SETTINGS_FILE)
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key(DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if urlparse(SITE_URL).scheme not in {"http", "https"}:
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must start with http:// or https://.")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "standortkompass.core",
    "standortkompass.audit",
    "standortkompass.accounts",
    "standortkompass.regiondata",
    "standortkompass.processes",
    "standortkompass.standortanalyse",
    "standortkompass.surveys",
    "standortkompass.strategy",
    "standortkompass.governance",
    "standortkompass.monitoring",
    "standortkompass.workshops",
    "standortkompass.reports",
]

MIDDLEWARE = [
    "standortkompass.core.middleware.HeadAsGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "standortkompass.core.middleware.SecurityHeadersMiddleware",
    "standortkompass.api.middleware.ApiMiddleware",  # /api/ only: CORS for reading, errors as JSON
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "standortkompass.accounts.middleware.SessionTimeoutMiddleware",
    "standortkompass.core.middleware.NoStoreForLoggedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "standortkompass.config.urls"
WSGI_APPLICATION = "standortkompass.config.wsgi.application"
ASGI_APPLICATION = "standortkompass.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "standortkompass.core.context_processors.site",
            ],
        },
    }
]

DATABASES = {"default": _database(os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'standortkompass.sqlite3'}"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = _redis_url()
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # A quiet WebSocket waits in channels-redis for 5 s at a time; redis-py's default read timeout is 5 s too, so
    # every quiet connection would drop after 5 s: the read timeout is set above the wait.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 15}]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- accounts and authentication -------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "manage:home"
LOGOUT_REDIRECT_URL = "public:home"

# Login throttling: after AXES_FAILURE_LIMIT failures the account+address pair is locked.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Anti-automation (core/ratelimit.py): attempts per window, counted in the cache per client
# address and per target; beyond a limit the form answers 429 with a message.
RATE_LIMIT_WINDOW_MINUTES = env_int("RATE_LIMIT_WINDOW_MINUTES", 60, minimum=1)
# Failed log-ins per account from all addresses together (axes counts per account and address).
LOGIN_LIMIT_PER_ACCOUNT = env_int("LOGIN_LIMIT_PER_ACCOUNT", 20, minimum=1)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 10, minimum=1)
PASSWORD_RESET_LIMIT_PER_ACCOUNT = env_int("PASSWORD_RESET_LIMIT_PER_ACCOUNT", 3, minimum=1)
FEEDBACK_LIMIT_PER_ADDRESS = env_int("FEEDBACK_LIMIT_PER_ADDRESS", 5, minimum=1)
# All accessibility feedback together: the mails to Administration per window.
FEEDBACK_LIMIT_TOTAL = env_int("FEEDBACK_LIMIT_TOTAL", 50, minimum=1)

# Retention of personal data, in days (`standortkompass retention`, daily; docs/deployment.md lists the rules).
RETENTION_INVITATION_DAYS = env_int("RETENTION_INVITATION_DAYS", 90)  # survey invitations' contact data after closing
RETENTION_UNUSED_INVITATION_DAYS = env_int("RETENTION_UNUSED_INVITATION_DAYS", 30)  # account invitations after expiry
RETENTION_FEEDBACK_DAYS = env_int("RETENTION_FEEDBACK_DAYS", 365, minimum=1)
RETENTION_LOGIN_RECORD_DAYS = env_int("RETENTION_LOGIN_RECORD_DAYS", 90, minimum=1)

OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Standortkompass")
# Set to false only for a local demo: staff then log in without a second factor.
REQUIRE_SECOND_FACTOR = env_bool("REQUIRE_SECOND_FACTOR", True)

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_COOKIE_AGE = env_int("SESSION_ABSOLUTE_HOURS", 10, minimum=1) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- HTTPS and security headers --------------------------------------------------------
USE_HTTPS = env_bool("USE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = USE_HTTPS
CSRF_COOKIE_SECURE = USE_HTTPS
# With HTTPS every cookie carries the __Host- prefix: the browser then accepts it only over
# HTTPS, for the whole site and this host alone (no Domain attribute, Path=/).
_COOKIE_PREFIX = "__Host-" if USE_HTTPS else ""
SESSION_COOKIE_NAME = f"{_COOKIE_PREFIX}sessionid"
CSRF_COOKIE_NAME = f"{_COOKIE_PREFIX}csrftoken"
MESSAGES_COOKIE_NAME = f"{_COOKIE_PREFIX}messages"
MESSAGE_STORAGE = "standortkompass.core.messages.MessageStorage"
# The CSRF cookie lives no longer than the session: both end when the browser closes.
CSRF_COOKIE_AGE = None
# A failed check is a page in the site's layout that says what to do (core/views.py), not Django's bare one.
CSRF_FAILURE_VIEW = "standortkompass.core.views.csrf_failure"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", USE_HTTPS)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000 if USE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = USE_HTTPS
# Preloading binds the whole registrable domain and all its subdomains to HTTPS in browsers for
# months; that is the operator's decision (HSTS_PRELOAD=true), not a default we can make for them.
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS: list[str] = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# --- uploads ----------------------------------------------------------------------------
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 10, minimum=1)
MAX_VIDEO_UPLOAD_MB = env_int("MAX_VIDEO_UPLOAD_MB", 200, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media")).resolve()
MEDIA_URL = "/media/"
# Board documents (governance): the largest file accepted, in MB; stored under MEDIA_ROOT/governance/, never served
# from there (downloads go through a permission check).
GOVERNANCE_DOCUMENT_MAX_MB = env_int("GOVERNANCE_DOCUMENT_MAX_MB", 20, minimum=1)

# --- e-mail -----------------------------------------------------------------------------
# Background tasks (mail waves, exports): a database queue worked by `standortkompass db_worker`
# (`standortkompass serve` starts one beside the web server unless TASKS_WORKER=false).
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
TASKS_WORKER = env_bool("TASKS_WORKER", True)
# Each app process of `standortkompass serve` fills the cache and draws its pages once before it accepts
# connections (core.warmup); `serve --no-warm` sets it false for its processes.
WARM_AT_START = env_bool("WARM_AT_START", True)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true.")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "standortkompass@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where accessibility feedback goes in addition to the Administration inbox.
FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "")

# --- internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = f"{_COOKIE_PREFIX}sk_language"
LANGUAGE_COOKIE_SECURE = USE_HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static")).resolve()
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- data -------------------------------------------------------------------------------
OFFICIAL_DATA_DIR = Path(os.environ.get("OFFICIAL_DATA_DIR", PACKAGE_DIR / "regiondata" / "official")).resolve()
# The licence of the editorial content the open-data API (/api/v1/) gives out: processes, dates, news, boards,
# strategy, projects (docs/api.md). Official statistics keep their own licence (dl-de/by-2-0).
API_CONTENT_LICENCE = os.environ.get("API_CONTENT_LICENCE", "CC BY 4.0")
API_CONTENT_LICENCE_URL = os.environ.get("API_CONTENT_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")

# Tokens in URLs are logged as *** (core/log_masking.py; uvicorn's access log likewise, see the serve command).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_secrets": {"()": "standortkompass.core.log_masking.SecretMaskingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_secrets"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR", "filters": ["mask_secrets"]},
        "django.server": {"filters": ["mask_secrets"]},
    },
}
