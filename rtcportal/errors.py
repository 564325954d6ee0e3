"""The server-error handler: the database unavailable is a 503 with Retry-After, as /healthz
says, and any other failure the designed 500 page.

Django calls the handler inside the `except` block that caught the failure, wherever it was
raised (a view, a template, a middleware reading the session), so `sys.exc_info()` holds it.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

# Long enough for a database restart or a failover, short enough that a reader retries soon.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        html = loader.get_template("503.html").render()
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)
