"""How many downloads go out at once, on every worker and server together.

A long download holds the worker that sends it. Each one takes a slot (a row of DownloadSlot)
for as long as it is sent, and gives it back when the response closes; with
DOWNLOADS_AT_ONCE slots taken, the next download is answered 503 with Retry-After at once, so
a burst of downloads can never hold every worker and the pages keep being served. A slot
whose worker was killed mid-download is free again after DOWNLOAD_SLOT_SECONDS (gunicorn's
timeout would have ended that download by then).

The slots live in the database, not the shared cache: they count every worker and server
with or without Redis, and one UPDATE takes a slot atomically on SQLite and PostgreSQL alike.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db.models import Subquery
from django.template.response import TemplateResponse
from django.utils import timezone

from .models import DownloadSlot


def take():
    """A token for a free slot, taken now; None when every slot is held.

    Two queries whatever the state: the slots are made if missing (the first download, or
    DOWNLOADS_AT_ONCE raised), then one UPDATE takes the first free one. Two requests racing
    for the same slot on PostgreSQL: the second finds it held when its UPDATE re-reads the
    row, and is told to come back even if another slot was free, never given a held one.
    """
    now = timezone.now()
    token = uuid.uuid4().hex
    numbers = range(1, settings.DOWNLOADS_AT_ONCE + 1)
    DownloadSlot.objects.bulk_create(
        [DownloadSlot(pk=number, held_until=now) for number in numbers], ignore_conflicts=True
    )
    free = DownloadSlot.objects.filter(pk__in=numbers, held_until__lte=now)
    taken = free.filter(pk=Subquery(free.order_by("pk").values("pk")[:1])).update(
        held_until=now + timedelta(seconds=settings.DOWNLOAD_SLOT_SECONDS), holder=token
    )
    return token if taken else None


def give_back(token):
    DownloadSlot.objects.filter(holder=token).update(held_until=timezone.now(), holder="")


def send(request, respond):
    """The response `respond()` makes, sent while holding a slot: the slot is given back when
    it has gone out, or at once if making it fails; every slot taken answers `busy`."""
    token = take()
    if token is None:
        return busy(request)
    try:
        response = respond()
    except BaseException:
        give_back(token)
        raise
    return hold_while_sent(response, token)


def hold_while_sent(response, token):
    """Give the slot back when `response` has gone out (or the client left): the WSGI server
    closes every response it sends, and closing runs the response's resource closers."""
    response._resource_closers.append(lambda: give_back(token))
    return response


def busy(request):
    """503 with Retry-After, for a download that found every slot taken."""
    seconds = settings.DOWNLOAD_BUSY_RETRY_SECONDS
    return come_back_later(request, "core/download_busy.html", {"retry_after": seconds}, seconds)


def come_back_later(request, template_name, context, seconds):
    """A 503 page with Retry-After: `seconds`, for an answer the portal gives by design (a
    file being made, every slot taken). Not logged as a server error by django.request: the
    request's own log line (rtcportal.middleware) records it."""
    response = TemplateResponse(request, template_name, context, status=503)
    response["Retry-After"] = str(seconds)
    response._has_been_logged = True
    return response
