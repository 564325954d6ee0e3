"""gunicorn settings, from the environment: `gunicorn rtcportal.wsgi` picks this file up.

https://docs.gunicorn.org/en/stable/settings.html
"""

import multiprocessing
import os
import traceback

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so a slow leak cannot grow forever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# gunicorn's own lines (start, workers, errors) and its access log, for the platform's log
# collector: one JSON object per line on stdout through the portal's formatter
# (rtcportal/logs.py), like the portal's own lines. The access log is "-" (stdout) or off ("").
access_log = os.environ.get("GUNICORN_ACCESS_LOG", "-")
accesslog = access_log or None
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms id=%({x-request-id}o)s'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "rtcportal.logs.JsonFormatter"}},
    "filters": {"access_fields": {"()": "rtcportal.logs.GunicornAccessFields"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        # With a logging config gunicorn logs each request whatever `accesslog` says: no
        # handler is what turns it off.
        "gunicorn.access": {
            "level": "INFO",
            "handlers": ["stdout"] if access_log else [],
            "filters": ["access_fields"],
            "propagate": False,
        },
    },
}
# The proxy in front terminates TLS; trust its X-Forwarded-* headers only from these.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def worker_abort(worker):
    """gunicorn's timeout stopped a worker in the middle of a request: one that got past the
    portal's own deadline (rtcportal/limits.py), e.g. stuck in a single database query. The
    browser gets gunicorn's bare error; the portal's log gets a line naming the request."""
    from rtcportal.logs import request_id_var

    environ = next(
        (
            frame.f_locals["environ"]
            for frame, _ in traceback.walk_stack(None)
            if isinstance(frame.f_locals.get("environ"), dict)
        ),
        {},
    )
    method, path = environ.get("REQUEST_METHOD", "?"), environ.get("PATH_INFO", "?")
    worker.log.error(
        "Worker %s stopped by gunicorn's %s s timeout during %s %s",
        worker.pid,
        worker.cfg.timeout,
        method,
        path,
        extra={"method": method, "path": path, "request_id": request_id_var.get()},
    )
