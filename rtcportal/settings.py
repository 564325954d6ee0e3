"""
Settings for RTC Portal, read from the environment only.

See https://docs.djangoproject.com/en/5.2/ref/settings/ and the README's
configuration table for every variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in "
            "production, or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    # The secretariat's workflow: history, spreadsheets, login throttling.
    "simple_history",
    "import_export",
    "axes",
    "core",
    "sources",
    "meetings",
    "initiatives",
    # Its ready() connects page-cache invalidation to every content model (rtcportal/cache.py).
    "rtcportal.apps.PortalConfig",
]

MIDDLEWARE = [
    # First, so its log line and X-Request-ID cover everything below, cache hits included.
    "rtcportal.middleware.RequestLogMiddleware",
    # Outside WhiteNoise, so static files carry these headers too.
    "csp.middleware.CSPMiddleware",
    "rtcportal.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cache hit for an anonymous visitor skips them and the view.
    "rtcportal.cache.PageCacheMiddleware",
    # Signed-in users and writes read from the primary database (see rtcportal/routers.py).
    "rtcportal.routers.PrimaryForStaffAndWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the history: https://django-simple-history.readthedocs.io/
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its docs ask: https://django-axes.readthedocs.io/en/latest/2_installation.html
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rtcportal.urls"

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

WSGI_APPLICATION = "rtcportal.wsgi.application"

# https://github.com/jazzband/dj-database-url
DATABASE_OPTIONS = {
    "conn_max_age": int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    "conn_health_checks": True,
    # Every result the portal iterates is small: a server-side cursor (DECLARE, FETCH, CLOSE)
    # only adds round trips, and it would break behind PgBouncer's transaction pooling.
    "disable_server_side_cursors": True,
}
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", **DATABASE_OPTIONS
    )
}

# Reads go to a replica when one is configured; see rtcportal/routers.py.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, **DATABASE_OPTIONS)
    # In tests the replica is the test database itself, not a second copy of it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["rtcportal.routers.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# https://whitenoise.readthedocs.io/en/stable/django.html
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # One JSON object per line on stdout, each with the request id (rtcportal/logs.py).
    "filters": {"request_id": {"()": "rtcportal.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "rtcportal.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Our access line already records 4xx; django.request keeps the 500s with tracebacks.
        "django.request": {"level": "ERROR"},
        # django-axes announces itself at every start, on stdout now that logs go there.
        "axes.apps": {"level": "WARNING"},
    },
}

# --- Production security -------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
# HTTPS-only settings are on unless DEBUG; DJANGO_HTTPS=0 turns them off for a site served
# over plain HTTP (an intranet, a local container). The TLS-terminating proxy must set
# X-Forwarded-Proto (and overwrite any value a client sent).
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe /healthz over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
# The preload directive only consents to the browsers' list; submitting is a separate step.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The __Host- prefix pins a cookie to this exact host, HTTPS and path /; browsers refuse
# such a cookie over plain HTTP, hence only with HTTPS.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
# Behind a proxy the browser's origin is https://<host>; Django derives it from the host.
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# https://django-csp.readthedocs.io/en/latest/configuration.html
# Nothing inline anywhere: scripts, styles, images and fonts come from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# --- Caching -----------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/cache/
# Redis is shared by every worker and server; the local-memory default is not, so the
# anonymous page cache is on by default only with Redis (rtcportal/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "rtcportal.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rtcportal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": "rtcportal",
        }
    }
# Each worker's own copies of cached pages, checked against the shared generation before use
# (rtcportal/cache.py): at most 300 pages, some 15 MB a worker.
WORKER_PAGES_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "worker-pages",
    "OPTIONS": {"MAX_ENTRIES": 300},
}
CACHES["worker-pages"] = WORKER_PAGES_CACHE
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600" if REDIS_URL else "0"))
# Paths the page cache does not even look up (prefixes of request.path_info).
PAGE_CACHE_EXEMPT_PATHS = ["/healthz"]

# A restore from a backup (loaddata) must not write history of its own: set
# DJANGO_HISTORY_ENABLED=0 for that one command (README, Backups).
SIMPLE_HISTORY_ENABLED = env_bool("DJANGO_HISTORY_ENABLED", default=True)

# --- The secretariat's workflow: history, spreadsheets, login throttling (issue 5) ---
# (their apps and middleware are in INSTALLED_APPS and MIDDLEWARE above)
# Axes first, so a locked-out username is refused before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
# Minutes a locked account stays locked; an administrator can unlock it sooner.
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "30")) / 60
# Lock the account, whichever address the guesses come from.
AXES_LOCKOUT_PARAMETERS = ["username"]
# Axes warns that this ignores the address; that is the point: behind a proxy every visitor
# can share one address, and locking it would lock the whole secretariat out.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_USERNAME_CALLABLE = "rtcportal.accounts.attempted_username"

# Secretariat accounts can publish: ask for long passwords.
for _validator in AUTH_PASSWORD_VALIDATORS:
    if _validator["NAME"].endswith("MinimumLengthValidator"):
        _validator["OPTIONS"] = {
            "min_length": int(os.environ.get("DJANGO_PASSWORD_MIN_LENGTH", "12"))
        }

# Where the admin lives; another path keeps it out of the way of scripted guessing.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

# https://django-import-export.readthedocs.io/en/latest/installation.html#settings
# An import writes nothing unless every row of the file is valid.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Between the dry run and the confirmation the file waits in the shared cache, not on one app
# server's disk, so the confirmation may land on any server.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
