"""Test settings: the production settings with a throwaway secret and a fast hasher."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-key-for-the-test-suite-only")

from rtcportal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render pages without running collectstatic first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from static/ so tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The live server and the test client speak plain HTTP: HTTPS-only cookies and the redirect
# would lock them out. tests/deploy/test_deploy.py checks the production values in a subprocess.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
# The page cache is off unless a test switches it on (tests/rtcportal/test_cache.py): a page
# cached by one test must not answer in the next, whose database was rolled back under it.
PAGE_CACHE_SECONDS = 0
# No thread of the page cache may start a generation behind a later test's back; the real
# servers of tests/deploy/test_cache_faults.py run with it.
PAGE_CACHE_BACKGROUND_RETRY = False
# One process, one local-memory generation: validators are safe, and every test sees them.
HTTP_VALIDATORS = True
# The browser journeys read a page, change it in the admin and read it again at once. A
# browser allowed to keep pages for a minute would show the old one, as it may to a real
# visitor (docs/operations.md, HTTP caching); here it must ask again, and gets a 304 or the
# new page.
HTTP_MAX_AGE = 0
HTTP_STALE_WHILE_REVALIDATE = 0
# Uploaded files go to a scratch folder, never to the project's media/ (tests that compare
# backends point MEDIA_ROOT at their own tmp_path).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="rtcportal-test-media-"))

# A test database is thrown away: PostgreSQL need not wait for each commit to reach the disk
# (what the tests see is the same; only a crash of the server could lose the last commits).
for database in DATABASES.values():  # noqa: F405
    if database["ENGINE"].endswith("postgresql"):
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()
# The test client's requests run in the main thread, where the request deadline would apply: a
# slow, shared machine must not turn a slow test into a 503. tests/rtcportal/test_limits.py
# switches it on; the servers of tests/deploy run with the production value.
REQUEST_DEADLINE_SECONDS = 0
# The API's rate limit counts in the default cache, which lasts the whole run: the suite's
# thousands of requests from one address must not reach it. tests/api/test_http.py lowers it.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute"},
}
