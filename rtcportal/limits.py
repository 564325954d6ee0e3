"""Every request bounded in size and in time.

Size: a request whose Content-Length is over the limit is answered 413 before a byte of its
body is read, so nothing is spooled to memory or disk: settings.REQUEST_MAX_BYTES for a
signed-in user (a document upload and its form), the much smaller
settings.ANONYMOUS_REQUEST_MAX_BYTES for anyone else (no public form takes a file). A body
sent without a Content-Length (chunked) is not read by Django at all. The proxy in front keeps
its own limit, no smaller than the signed-in one (docs/operations.md).

Time: a request still running after settings.REQUEST_DEADLINE_SECONDS, a few seconds short of
gunicorn's worker timeout, is stopped and answered with the portal's own 503 page and a line in
its log, instead of gunicorn killing the worker and the browser getting a bare "Internal Server
Error". The deadline is a SIGALRM timer, so it holds in a process's main thread: gunicorn's
sync workers (the portal's); threaded servers (runserver, gthread) fall back to gunicorn's
timeout, whose abort the portal logs too (gunicorn.conf.py, worker_abort). Python code is
stopped between two bytecodes: a single database query runs to its end first.
"""

import logging
import signal
import threading

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat

logger = logging.getLogger("rtcportal.request")


class RequestSizeLimitMiddleware:
    """413 to a body over the limit, told by its Content-Length. After authentication, which
    reads only the session cookie; before any view or CSRF check reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body without a valid length either
        if length > settings.ANONYMOUS_REQUEST_MAX_BYTES:
            signed_in = request.user.is_authenticated
            limit = (
                settings.REQUEST_MAX_BYTES if signed_in else settings.ANONYMOUS_REQUEST_MAX_BYTES
            )
            if length > limit:
                logger.warning(
                    "Refused a %s-byte request body (limit %s) to %s",
                    length,
                    limit,
                    request.path,
                    extra={"content_length": length, "limit": limit},
                )
                return too_large(length, limit, signed_in)
        return self.get_response(request)


def too_large(length, limit, signed_in):
    html = loader.get_template("413.html").render(
        {"size": filesizeformat(length), "limit": filesizeformat(limit), "signed_in": signed_in}
    )
    response = HttpResponse(html, status=413)
    # The body is still on its way: the connection cannot carry another request.
    response["Connection"] = "close"
    return response


class RequestTimedOut(BaseException):
    """Raised into a request past its deadline. A BaseException, so that no `except
    Exception` between here and the view takes it for an ordinary error and carries on."""


def _raise_timed_out(signum, frame):
    raise RequestTimedOut


class RequestDeadlineMiddleware:
    """The portal's own 503 page for a request past settings.REQUEST_DEADLINE_SECONDS.

    Inside the request log, so its line records the 503; outside everything else, so the
    whole request counts. A transaction the request had open is rolled back on the way out
    (the exception passes through `atomic`), so nothing half-done is saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.REQUEST_DEADLINE_SECONDS
        if not seconds or threading.current_thread() is not threading.main_thread():
            return self.get_response(request)
        previous = signal.signal(signal.SIGALRM, _raise_timed_out)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return self.get_response(request)
        except RequestTimedOut:
            logger.error(
                "%s %s stopped after the %s s request deadline",
                request.method,
                request.path,
                seconds,
                extra={"method": request.method, "path": request.path, "deadline_s": seconds},
            )
            return timed_out()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def timed_out():
    html = loader.get_template("503.html").render({"timed_out": True})
    response = HttpResponse(html, status=503)
    # Whatever took too long may take as long again: no invitation to retry at once.
    response["Cache-Control"] = "no-store"
    return response
