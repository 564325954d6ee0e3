"""The shared cache as the tests switch it on: a real Redis on 127.0.0.1 (CI starts one)."""

import os

import pytest

REDIS_URL = "redis://127.0.0.1:6379/6"


def redis_is_running():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def require_redis():
    """Skip without Redis, except under CI, where the shared-cache tests must run."""
    if not redis_is_running():
        if os.environ.get("CI"):
            pytest.fail(f"no Redis at {REDIS_URL} (CI must run the shared-cache tests)")
        pytest.skip(f"no Redis at {REDIS_URL}")


def redis_page_cache(settings):
    """Switch the page cache on over Redis, configured as production configures it."""
    require_redis()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rtcportal-tests",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_TIMEOUT": 0.5},
        },
        "worker-pages": settings.WORKER_PAGES_CACHE,
    }
    settings.PAGE_CACHE_SECONDS = 600
