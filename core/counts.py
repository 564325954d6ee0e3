"""Counts every public page needs, computed once per content generation instead of per request.

The home page, the RTC and meeting lists, the matrix and the facets of the initiatives list all
count published records (initiatives per RTC, per kind of delivery, per meeting). Each count is
kept in this worker's memory under the *database* content generation (ContentGeneration): a
random token that every write to content replaces in the same transaction as the write
(rtcportal's signal receivers and its belt-and-braces for admin actions call `advance`).

Why the database and not the shared cache's generation: the token commits or rolls back with
the data, so a count can never be newer or older than the token it is stored under, and every
worker and server sees the same token with or without Redis. Reading it costs one indexed
single-row query per request (remembered for the rest of the request).

A count is keyed by the SQL of the query it counts, so two different filters can never share
one; the store keeps only the current generation and at most MAX_ENTRIES counts (least
recently used go first), so made-up filter combinations cannot grow a worker's memory.
"""

import threading
import uuid
from collections import OrderedDict

from django.core.exceptions import EmptyResultSet
from django.core.signals import request_finished, request_started
from django.db import connections

from .models import ContentGeneration

MAX_ENTRIES = 2000

_request = threading.local()
_store_lock = threading.Lock()
_store = {"generation": None, "values": OrderedDict()}


def current_generation():
    """The committed (or this transaction's) content generation token; read once a request."""
    generation = getattr(_request, "generation", None)
    if generation is None:
        row = ContentGeneration.objects.filter(pk=ContentGeneration.SINGLETON).values_list(
            "token", flat=True
        )
        generation = row.first() or ""
        if _request_is_open():
            _request.generation = generation
    return generation


def _request_is_open():
    # Remembered only between request_started and request_finished; outside a request (tests,
    # the shell, tasks) every read asks the database, so a write in between is always seen.
    return getattr(_request, "in_request", False)


def _start(**kwargs):
    _request.in_request = True
    _request.generation = None


def _finish(**kwargs):
    _request.in_request = False
    _request.generation = None


request_started.connect(_start, dispatch_uid="core-counts-in-request")
request_finished.connect(_finish, dispatch_uid="core-counts-out-of-request")


def advance():
    """Retire every remembered count: called for each write to content, inside its transaction."""
    token = uuid.uuid4().hex
    if not ContentGeneration.objects.filter(pk=ContentGeneration.SINGLETON).update(token=token):
        ContentGeneration.objects.bulk_create(
            [ContentGeneration(pk=ContentGeneration.SINGLETON, token=token)],
            update_conflicts=True,
            update_fields=["token"],
            unique_fields=["id"],
        )
    _request.generation = None


def remembered(key, compute):
    """`compute()`, or what it gave earlier in this content generation for the same `key`."""
    generation = current_generation()
    with _store_lock:
        if _store["generation"] != generation:
            _store["generation"] = generation
            _store["values"] = OrderedDict()
        values = _store["values"]
        if key in values:
            values.move_to_end(key)
            return values[key]
    value = compute()
    with _store_lock:
        # Another thread may have moved to a newer generation meanwhile: then this value,
        # read under the older one, is dropped rather than stored under the newer.
        if _store["generation"] == generation:
            values = _store["values"]
            values[key] = value
            while len(values) > MAX_ENTRIES:
                values.popitem(last=False)
    return value


def _sql_key(kind, queryset, *extra):
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return (
        kind,
        queryset.db,
        connections[queryset.db].vendor,
        sql,
        tuple(map(repr, params)),
        *extra,
    )


def count(queryset):
    """queryset.count(), remembered for this content generation."""
    key = _sql_key("count", queryset.order_by())
    return queryset.count() if key is None else remembered(key, queryset.count)


def count_by(queryset, field_name):
    """queryset.count_by(field_name) (core.models.CountingQuerySet), remembered likewise."""
    key = _sql_key("count_by", queryset.order_by(), field_name)
    if key is None:
        return queryset.count_by(field_name)
    return remembered(key, lambda: queryset.count_by(field_name))


def rows(queryset):
    """list(queryset), remembered likewise: for small published sets many pages list."""
    key = _sql_key("rows", queryset)
    return list(queryset) if key is None else remembered(key, lambda: list(queryset))
