"""The production settings plus one trivial view, the Django ceiling the runner measures."""

from rtcportal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The ceiling is measured without the page cache's lookup, as the best Django can do.
PAGE_CACHE_EXEMPT_PATHS = [*PAGE_CACHE_EXEMPT_PATHS, "/bench/"]  # noqa: F405
