"""The shared cache as the tests switch it on: a real Redis on 127.0.0.1 (CI starts one)."""

import os

import pytest


def worker_redis_url(first_db):
    """A Redis database of this test process's own: pytest-xdist's workers run side by side,
    and one worker's flush or page-cache generation must not reach another's tests. Worker n
    takes database first_db + 2n (two per worker: the page cache's and the servers')."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    db = first_db + 2 * worker
    if db > 15:
        raise RuntimeError(f"Redis has databases 0-15: worker {worker} would need {db}")
    return f"redis://127.0.0.1:6379/{db}"


REDIS_URL = worker_redis_url(6)


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
