import logging
import re
import time
import uuid

from django.conf import settings
from django.core.exceptions import BadRequest

from .logs import request_id_var

logger = logging.getLogger("rtcportal.request")

# An id a proxy or load balancer already gave the request is kept if it looks sane.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestLogMiddleware:
    """One log line per request (id, method, path, status, duration); echoes X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set, on every response.

    It sits outside WhiteNoise, so static files get them as well; Django's own
    XFrameOptionsMiddleware only sees the responses of views.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


class AdminNulQueryMiddleware:
    """Answers 400 to an admin address whose query string holds a NUL character.

    PostgreSQL refuses NUL in any string it is given, so a changelist search, a list filter
    or an autocomplete term carrying one would fail in the database (a 500); SQLite takes
    it. No admin page needs one, so the request is refused before any query, on both.
    The public pages' forms refuse NUL themselves (Django's CharField), with their errors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(f"/{settings.ADMIN_URL}") and any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            raise BadRequest("A NUL character in the query string.")
        return self.get_response(request)


# --- Glossary marks --------------------------------------------------------------------------


def glossary_exempt(view):
    """Mark a view whose page gets no glossary marks (the glossary itself links nowhere new)."""
    view.glossary_exempt = True
    return view


class GlossaryMiddleware:
    """Marks the first use of each glossary term in a public HTML page's main content
    (core.glossary). It sits inside the page cache, so a cached page is marked already; the
    terms are one query per page rendered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.applies(request, response):
            from core.glossary import entries, mark_first_uses

            html = response.content.decode(response.charset)
            response.content = mark_first_uses(html, entries()).encode(response.charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.glossary_exempt = getattr(view_func, "glossary_exempt", False)

    def applies(self, request, response):
        return (
            request.method in ("GET", "HEAD")
            and response.status_code in (200, 404)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(request, "glossary_exempt", False)
            and not request.path_info.startswith(f"/{settings.ADMIN_URL}")
        )
