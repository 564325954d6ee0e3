import logging
import time
import uuid

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .cache import page_cache_exempt

logger = logging.getLogger(__name__)


@require_safe
@never_cache
@page_cache_exempt
def healthz(request):
    """200 when every configured database answers SELECT 1, else 503; JSON either way.

    The cache is reported but never makes the server unhealthy: without it pages are served
    uncached, so a load balancer should keep sending traffic.
    """
    started = time.perf_counter()
    databases = {}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            databases[alias] = "ok"
        except Exception:  # Any failure means "not healthy"; the log keeps the detail.
            logger.exception("Health check: database %s is unavailable", alias)
            databases[alias] = "unavailable"
    healthy = all(state == "ok" for state in databases.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": "ok" if healthy else "unavailable",
            "databases": databases,
            "cache": cache_state(),
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
        },
        status=200 if healthy else 503,
    )


def cache_state():
    """ "ok" when the shared cache stores and returns a value, else "unavailable"."""
    probe = uuid.uuid4().hex
    cache.set("healthz-probe", probe, timeout=10)
    return "ok" if cache.get("healthz-probe") == probe else "unavailable"
