"""Structured logs: one JSON object per line, each carrying the id of the request it is about.

The portal's own lines (settings.LOGGING) and gunicorn's (gunicorn.conf.py, logconfig_dict) go
through the same JsonFormatter, so stdout holds nothing else.
"""

import contextvars
import json
import logging
import time

request_id_var = contextvars.ContextVar("request_id", default="")

# Attributes every LogRecord has; anything else was passed with `extra=` and is logged too.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        return True


class WarningWithoutTraceback(logging.Filter):
    """For what anyone outside can cause at will, e.g. a request with a bad Host header, which
    Django logs at ERROR with a traceback (django.security.DisallowedHost): a one-line warning,
    so a scan cannot flood the logs with tracebacks or page whoever watches the errors."""

    def filter(self, record):
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True


class GunicornAccessFields(logging.Filter):
    """gunicorn's access line with the fields of the portal's own request line (method, path,
    status, duration_ms, request_id), read from the values gunicorn formats it with."""

    def filter(self, record):
        atoms = record.args
        if isinstance(atoms, dict):
            record.method = atoms["m"]
            record.path = atoms["U"]
            record.status = int(atoms["s"])
            record.duration_ms = round(atoms["D"] / 1000, 2)
            record.bytes = atoms["B"]
            record.remote_addr = atoms["h"]
            # The portal's X-Request-ID response header; "-" when it sent none (a crash).
            request_id = atoms["{x-request-id}o"]
            record.request_id = "" if request_id == "-" else request_id
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        # default=str: Django attaches the request object to error records.
        return json.dumps(entry, default=str, ensure_ascii=False)
