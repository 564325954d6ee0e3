"""
Settings for RTC Portal, read from the environment only.

See https://docs.djangoproject.com/en/5.2/ref/settings/ and the configuration table in
docs/operations.md for every variable.
"""

import os
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

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
    # Inlines within inlines: presentations under their session on the meeting's form.
    "nested_admin",
    # Before django_tasks_db: core's `db_worker` command, the bounded one (core/worker.py),
    # is the one that runs.
    "core",
    # Background work (imports; text extraction): Django 6.0's tasks API, backported.
    "django_tasks",
    "django_tasks_db",
    # Documents sit between core and the apps they attach to (ARCHITECTURE.md).
    "documents",
    "sources",
    "meetings",
    "initiatives",
    # The record's files and their loader (load_public_record), above every app it writes into.
    "public_record",
    # The read API (/api/v1/): Django REST framework, its OpenAPI schema and the schema's
    # documentation page from our own static files (no CDN), and CORS for the API alone.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "api",
    # Its ready() connects page-cache invalidation to every content model (rtcportal/cache.py).
    "rtcportal.apps.PortalConfig",
    # A development tool (requirements-dev.txt): keeps each app's max_migration.txt and fails
    # `manage.py check` when two migrations share a parent, so branches never need a merge.
    *(["django_linear_migrations"] if find_spec("django_linear_migrations") else []),
]

MIDDLEWARE = [
    # First, so its log line and X-Request-ID cover everything below, cache hits included.
    "rtcportal.middleware.RequestLogMiddleware",
    # Inside the log line, so it records the 503 of a request stopped at its deadline.
    "rtcportal.limits.RequestDeadlineMiddleware",
    # Outside WhiteNoise, so static files carry these headers too.
    "csp.middleware.CSPMiddleware",
    "rtcportal.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Access-Control-Allow-Origin on the API's answers (CORS_URLS_REGEX), 304s included.
    "corsheaders.middleware.CorsMiddleware",
    # Validators, 304s and Cache-Control (rtcportal/http.py): a 304 costs a cache read and no
    # more. Outside compression, so the headers it sets describe the bytes that leave.
    "rtcportal.http.HttpCacheMiddleware",
    # Before sessions and auth: a cache hit for an anonymous visitor skips them and the view.
    "rtcportal.cache.PageCacheMiddleware",
    # Inside the page cache, which keeps each page as it leaves in every content coding, so a
    # hit compresses nothing.
    "rtcportal.compression.CompressionMiddleware",
    # Signed-in users and writes read from the primary database (see rtcportal/routers.py):
    # outside everything below that reads, the glossary's terms included.
    "rtcportal.routers.PrimaryForStaffAndWritesMiddleware",
    # Inside the page cache, so a stored page carries its glossary marks already.
    "rtcportal.middleware.GlossaryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After auth (it reads the session cookie only), before anything reads the body: the CSRF
    # check and the views run after every middleware's request half.
    "rtcportal.limits.RequestSizeLimitMiddleware",
    # Before the admin's views: PostgreSQL fails on a NUL in a search or filter term.
    "rtcportal.middleware.AdminNulQueryMiddleware",
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
                "core.context_processors.site",
                "rtcportal.context_processors.record",
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
# SQLite with writers side by side (the server's threads or workers and the task worker), as
# https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-notes recommends: in WAL mode
# readers never wait for a writer; IMMEDIATE takes the write lock when a transaction begins,
# so a transaction that read first cannot fail at once on its first write (SQLite gives no
# busy wait there); and a writer waits up to 20 seconds for the lock, under gunicorn's timeout.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}

# Reads go to a replica when one is configured; see rtcportal/routers.py.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, **DATABASE_OPTIONS)
    # In tests the replica is the test database itself, not a second copy of it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["rtcportal.routers.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# https://docs.djangoproject.com/en/5.2/topics/auth/passwords/#password-validation
# Secretariat accounts can publish: long passwords, not common, not all digits, not built on the
# username, name or email address (docs/secretariat.md lists them).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # Django's 0.7 lets a 12-character password be the username and six more characters
        # ("pwuser123456" is 0.67 like "pwuser"); 0.5 refuses any password of which the
        # username is a third or more.
        "OPTIONS": {"max_similarity": 0.5},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("DJANGO_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Dates typed as people write them ("26 September 2024", "26/09/2024", ISO): the input
# formats of rtcportal/formats/en_GB/formats.py. https://docs.djangoproject.com/en/5.2/topics/i18n/formatting/#creating-custom-format-files
FORMAT_MODULE_PATH = ["rtcportal.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# https://whitenoise.readthedocs.io/en/stable/django.html
# Files that must live at the site's root, such as /favicon.ico, which browsers and feed
# readers ask for whatever the page says.
WHITENOISE_ROOT = BASE_DIR / "root_files"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Documents: uploaded files (documents/) ----------------------------------------------
# Files are never served from MEDIA_URL: documents.views serves them, so drafts stay hidden
# and every response carries its safety headers. Names in storage are checksums, never the
# uploader's file name (documents/storage.py).
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Several app servers cannot share one local disk: with a bucket set, files go to
# S3-compatible object storage through django-storages
# (https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html).
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            # Empty for AWS itself; the address of MinIO, Ceph, R2... otherwise.
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            # Empty keys leave boto3 to find credentials itself (instance role, AWS_* vars).
            "access_key": os.environ.get("DJANGO_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("DJANGO_S3_SECRET_ACCESS_KEY") or None,
            # Objects stay private: the portal serves them after checking they are public.
            "default_acl": None,
            "querystring_auth": True,
            # A name is the content's checksum: the same name is the same bytes.
            "file_overwrite": True,
        },
    }
# The largest file the admin accepts, in megabytes.
DOCUMENT_MAX_UPLOAD_MB = float(os.environ.get("DJANGO_DOCUMENT_MAX_MB", "50"))
# Office files are ZIP archives: what one may unpack to, and how many entries it may hold,
# before anything parses it (documents/safety.py).
DOCUMENT_MAX_UNPACKED_MB = float(os.environ.get("DJANGO_DOCUMENT_MAX_UNPACKED_MB", "500"))
DOCUMENT_MAX_ZIP_ENTRIES = int(os.environ.get("DJANGO_DOCUMENT_MAX_ZIP_ENTRIES", "10000"))
# Images larger than this many pixels are refused before Pillow decodes them.
DOCUMENT_MAX_IMAGE_PIXELS = int(os.environ.get("DJANGO_DOCUMENT_MAX_IMAGE_PIXELS", "50000000"))
# What text extraction reads of one file and keeps for the search (documents/extraction.py):
# pages, slides or sheets; characters in all; and of a PDF, megabytes of drawing instructions,
# which pypdf parses at a few seconds per megabyte (docs/operations.md).
DOCUMENT_MAX_PARTS = int(os.environ.get("DJANGO_DOCUMENT_MAX_PAGES", "2000"))
DOCUMENT_MAX_TEXT_CHARS = int(os.environ.get("DJANGO_DOCUMENT_MAX_TEXT_CHARS", "5000000"))
DOCUMENT_MAX_PDF_CONTENT_MB = float(os.environ.get("DJANGO_DOCUMENT_MAX_PDF_CONTENT_MB", "10"))
# What one upload of several files may hold in images, counted from their headers before any
# is decoded: re-encoding and thumbnails cost about 0.1 s per megapixel (docs/operations.md),
# so 100 megapixels (four 24-megapixel phone photos) stay well inside the request deadline.
DOCUMENT_MAX_UPLOAD_PIXELS = int(os.environ.get("DJANGO_DOCUMENT_MAX_UPLOAD_PIXELS", "100000000"))

# --- Request limits (rtcportal/limits.py) -----------------------------------------------
# The largest request body, told by its Content-Length and answered 413 before it is read:
# for a signed-in user, one largest document and its form; for anyone else, a sign-in form
# with room to spare (no public form takes a file). The proxy in front holds its own limit,
# no smaller than the first (docs/operations.md).
REQUEST_MAX_BYTES = int(
    float(os.environ.get("DJANGO_REQUEST_MAX_MB", DOCUMENT_MAX_UPLOAD_MB + 10)) * 1024 * 1024
)
ANONYMOUS_REQUEST_MAX_BYTES = int(os.environ.get("DJANGO_ANONYMOUS_REQUEST_MAX_KB", "64")) * 1024
# Django's own, stated rather than left to its defaults: a form's fields (not its files) may
# take 2.5 MB and 1,000 fields, an upload stays in memory up to 2.5 MB and goes to a temporary
# file beyond, and one request may carry 100 files.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 100
# A request still running after this many seconds is stopped with the portal's 503 page and a
# log line; a few seconds short of gunicorn's timeout (GUNICORN_TIMEOUT, gunicorn.conf.py), which
# would kill the worker with a bare error page instead. 0 turns the deadline off.
REQUEST_DEADLINE_SECONDS = float(
    os.environ.get(
        "DJANGO_REQUEST_DEADLINE_SECONDS", max(int(os.environ.get("GUNICORN_TIMEOUT", "30")) - 5, 1)
    )
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # One JSON object per line on stdout, each with the request id (rtcportal/logs.py).
    "filters": {
        "request_id": {"()": "rtcportal.logs.RequestIdFilter"},
        "warning_without_traceback": {"()": "rtcportal.logs.WarningWithoutTraceback"},
    },
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
        # Anyone can send a bad Host header: one warning line each, no traceback (logs.py).
        "django.security.DisallowedHost": {"filters": ["warning_without_traceback"]},
    },
}

# --- Production security -------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
# HTTPS-only settings are on unless DEBUG; DJANGO_HTTPS=0 turns them off for a site served
# over plain HTTP (an intranet, a local container). The TLS-terminating proxy must set
# X-Forwarded-Proto (and overwrite any value a client sent).
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- The secretariat's address: the footer and the accessibility statement give it
# to readers. Empty leaves the e-mail line out of both pages.
CONTACT_EMAIL = os.environ.get("DJANGO_CONTACT_EMAIL", "").strip()
if CONTACT_EMAIL:
    try:
        validate_email(CONTACT_EMAIL)
    except ValidationError as error:
        raise ImproperlyConfigured(
            f"DJANGO_CONTACT_EMAIL={CONTACT_EMAIL!r} is not an e-mail address"
        ) from error
# --- end of the secretariat's address

# The site's one public address ("https://rtc.example.org"), for every absolute URL and id the
# portal hands out (feed, sitemaps, JSON-LD, exports, calendar UIDs; core.addresses): a request
# reaching the site by another name or port must not give a page a second address, a feed new
# ids or a calendar duplicate events. Without it, production takes the first host name of
# ALLOWED_HOSTS; only development (no host configured) uses each request's own.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").strip().rstrip("/")
if SITE_URL:
    _site = urlsplit(SITE_URL)
    if _site.scheme not in {"http", "https"} or not _site.netloc or _site.path or _site.query:
        raise ImproperlyConfigured(
            f"DJANGO_SITE_URL={SITE_URL!r} is not a site address: write the scheme and host "
            "only, e.g. https://rtc.example.org"
        )
elif not DEBUG:
    _names = [host for host in ALLOWED_HOSTS if host != "*" and not host.startswith(".")]
    SITE_URL = f"{'https' if HTTPS else 'http'}://{_names[0]}" if _names else ""
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
# Django's own failure page styles itself inline, which the policy below blocks.
CSRF_FAILURE_VIEW = "rtcportal.views.csrf_failure"

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
# Seconds a Redis command may take before the cache counts as down and the page is served
# without it.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.25"))
if REDIS_URL:
    CACHES = {
        "default": {
            # https://github.com/jazzband/django-redis: one client per connection pool, and
            # IGNORE_EXCEPTIONS makes a dead or full Redis a cache miss, never a 500.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rtcportal",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT,
            },
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
# Paths the page cache and the HTTP validators do not even look up (prefixes of
# request.path_info): they are never public pages.
PAGE_CACHE_EXEMPT_PATHS = ["/healthz"]
# A worker that could not retire the cached pages after a write retries from a thread of its
# own until the shared cache takes a new generation (rtcportal/cache.py).
PAGE_CACHE_BACKGROUND_RETRY = True
# The query parameters of the public pages; an address with any other is served uncached.
# ("since" is the whole-series calendar's first year.)
# ("kind", "language", "publisher" and "topic" filter the sources and the initiatives, in the
# pages and the API alike.)
PAGE_CACHE_QUERY_PARAMETERS = [
    "category",
    "kind",
    "language",
    "meeting",
    "p",
    "page",
    "publisher",
    "q",
    "rtc",
    "since",
    "sort",
    "topic",
]

# HTTP caching of anonymous public responses (rtcportal/http.py). Browsers may reuse a page
# for HTTP_MAX_AGE seconds without asking, shared caches (a CDN, a proxy) for HTTP_S_MAXAGE,
# and either may serve a stale copy for HTTP_STALE_WHILE_REVALIDATE more while it refetches.
HTTP_MAX_AGE = int(os.environ.get("DJANGO_HTTP_MAX_AGE", "60"))
HTTP_S_MAXAGE = int(os.environ.get("DJANGO_HTTP_S_MAXAGE", "300"))
HTTP_STALE_WHILE_REVALIDATE = int(os.environ.get("DJANGO_HTTP_STALE_WHILE_REVALIDATE", "60"))
# ETag, Last-Modified and 304s come from the content generation, which every process must
# share (Redis): a worker with a local-memory generation of its own would not see another
# worker's edit and would answer 304 for the old page. `make run` (one process) turns it on.
HTTP_VALIDATORS = env_bool("DJANGO_HTTP_VALIDATORS", default=bool(REDIS_URL))

# A restore from a backup (loaddata) must not write history of its own: set
# DJANGO_HISTORY_ENABLED=0 for that one command (docs/operations.md, Backups).
SIMPLE_HISTORY_ENABLED = env_bool("DJANGO_HISTORY_ENABLED", default=True)

# --- The secretariat's workflow: history, spreadsheets, login throttling ---
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

# Where the admin lives; another path keeps it out of the way of scripted guessing.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
# https://docs.djangoproject.com/en/5.2/ref/settings/#login-redirect-url
# Where signing in and out lead when `next` is missing or refused (another site's address):
# Django's defaults are /accounts/profile/ (no such page) and the logout address itself, which
# only answers POST (405). Only staff sign in, and only into the admin.
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "home"

# https://django-import-export.readthedocs.io/en/latest/installation.html#settings
# An import writes nothing unless every row of the file is valid.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Off on purpose: exports are guarded against formulas by core.admin.ContentAdmin with the rule
# every CSV download uses (a leading quote). This setting would delete a leading "=" instead,
# leave "+", "-" and "@" alone, and turn every XLSX cell into text.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# The admin's imports keep the uploaded file in the database, not in import-export's temporary
# storage, and check and import it in the task worker (core.imports).
# The largest spreadsheet the admin takes, in bytes: the dry run and the import read the whole
# file, so this bounds their memory (10,000 rows of CSV take about 1 MB).
IMPORT_MAX_BYTES = int(os.environ.get("DJANGO_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# What a spreadsheet may unpack to (XLSX is a ZIP archive) and how many rows a sheet may
# hold, checked before anything parses it (core.import_limits): 5 MB of CSV holds about
# 50,000 rows; 20,000 rows of an initiatives workbook unpack to about 6 MB.
IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("DJANGO_IMPORT_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024))
)
IMPORT_MAX_ROWS = int(os.environ.get("DJANGO_IMPORT_MAX_ROWS", "50000"))

# --- Background tasks ------------------------------------------------------------------
# https://github.com/RealOrangeOne/django-tasks (Django 6.0's django.tasks, backported): the
# database backend needs no other service; `manage.py db_worker` runs the queue
# (docs/operations.md).
# A queue per kind of work, each run by its own worker process (`db_worker --queue-name
# imports`, ...), so that a slow file of one kind never holds the others.
TASK_QUEUES = ["imports", "documents", "exports", "default"]
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": TASK_QUEUES,
    }
}
# Each task runs in a child process of the worker (core/worker.py), killed past this time and
# refused memory past this size; a task found running for longer than the limit is ended.
TASK_TIME_LIMIT_SECONDS = int(os.environ.get("DJANGO_TASK_TIME_LIMIT_SECONDS", "600"))
TASK_MEMORY_LIMIT_MB = int(os.environ.get("DJANGO_TASK_MEMORY_LIMIT_MB", "1024"))

# --- Downloads: whole exports as files, and how many downloads go out at once ----------
# Full exports (/data/, /initiatives/export.csv...) are made by the task worker once per
# content generation and served as stored files (core.downloads); while one is being made,
# it answers 503 with Retry-After, at least this many seconds.
DOWNLOAD_RETRY_SECONDS = int(os.environ.get("DJANGO_DOWNLOAD_RETRY_SECONDS", "5"))
# A build asked for this long ago and never finished (its worker died) is asked for again.
DOWNLOAD_BUILD_STALE_SECONDS = int(os.environ.get("DJANGO_DOWNLOAD_BUILD_STALE_SECONDS", "900"))
# Downloads (files and filtered exports) sent at once over every worker and server
# (core.slots); one more answers 503 with Retry-After, so downloads never hold every worker.
# Keep it below gunicorn's worker count.
DOWNLOADS_AT_ONCE = int(os.environ.get("DJANGO_DOWNLOADS_AT_ONCE", "2"))
DOWNLOAD_BUSY_RETRY_SECONDS = int(os.environ.get("DJANGO_DOWNLOAD_BUSY_RETRY_SECONDS", "5"))
# A slot whose worker was killed mid-download is free again after this (past gunicorn's timeout).
DOWNLOAD_SLOT_SECONDS = int(os.environ.get("DJANGO_DOWNLOAD_SLOT_SECONDS", "120"))
# The licence statement of the whole record's download (/data/, its README.md): the
# secretariat's words on how others may reuse the data. The default names CC BY 4.0; set your
# own before the site goes public if the secretariat chooses another.
DATA_LICENCE = os.environ.get("DJANGO_DATA_LICENCE", "").strip() or (
    "The records of the RTC Portal are published under the Creative Commons Attribution 4.0 "
    "International licence (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/): you may "
    "copy, share and adapt them for any purpose, naming the RTC Portal (WCO Asia/Pacific RTC "
    "Heads Meetings) and the date of the file. Each record cites the public accounts its facts "
    "come from; documents attached to meetings keep their own authors' terms."
)
# A filtered export is streamed as it is read; one that would hold more rows than this is
# refused (400) and points to the whole file, so each stays well inside the worker timeout.
EXPORT_MAX_ROWS = int(os.environ.get("DJANGO_EXPORT_MAX_ROWS", "10000"))
# Records a filtered export or a whole file reads per query (core.exports.in_chunks).
EXPORT_CHUNK_ROWS = int(os.environ.get("DJANGO_EXPORT_CHUNK_ROWS", "500"))

# --- The read API (/api/v1/, api/) ------------------------------------------------------
# https://www.django-rest-framework.org/api-guide/settings/
# Read-only and anonymous: no authentication (no session, so no CSRF and no personal answer),
# JSON only, the records each resource's query in api/records.py makes public.
API_PAGE_SIZE = int(os.environ.get("DJANGO_API_PAGE_SIZE", "20"))
API_MAX_PAGE_SIZE = int(os.environ.get("DJANGO_API_MAX_PAGE_SIZE", "100"))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # https://www.django-rest-framework.org/api-guide/throttling/: a request count per client
    # address kept in the default cache (Redis when configured, shared by every server);
    # beyond it, 429 with Retry-After. A cache that is down counts nothing: the API still
    # answers.
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("DJANGO_API_RATE", "600/hour")},
    # The client's address behind this many proxies: the proxy's own X-Forwarded-For entry,
    # never one a client wrote (0: the connection's address, with no proxy in front).
    "NUM_PROXIES": int(os.environ.get("DJANGO_API_NUM_PROXIES", "1")),
}
# https://drf-spectacular.readthedocs.io/en/latest/settings.html
SPECTACULAR_SETTINGS = {
    "TITLE": "RTC Portal API",
    "DESCRIPTION": (
        "The public record of the WCO Asia/Pacific RTC Heads Meetings, read-only. Every record "
        "has a stable id, its public page (url), the sources cited for it (citations), whether "
        "an account other than an aggregator's confirms it (confirmed) and when it last "
        "changed (updated_at). A breaking change is /api/v2/, never a changed /api/v1/."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Its guesses about the pages' filters (string values: right, and api/schema.py lists
    # them) would print on every request for the schema, and `check --deploy` would build the
    # schema, which reads the filters' values from the database: tests/api/test_schema.py
    # validates it instead.
    "DISABLE_ERRORS_AND_WARNINGS": True,
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    # The documentation page's scripts and styles from our own static files (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No call to swagger.io's validator: the page makes no request outside the site.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    # Two fields of one choice list (a term's start and end precision) share one name.
    "ENUM_NAME_OVERRIDES": {"RegionalRolePrecisionEnum": "meetings.models.RegionalRole.Precision"},
}
# https://github.com/adamchainz/django-cors-headers: any site may read the API from a
# browser; nothing else (the admin, the pages) says so.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
