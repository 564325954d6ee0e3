"""Reads from a replica, writes to the primary, when DATABASE_REPLICA_URL is set.

Anonymous visitors read from the replica; a request that writes, or comes from a signed-in
user (the secretariat), reads from the primary for its whole duration, so an editor always
sees their own changes even while the replica lags a little behind.
"""

import contextvars

from django.conf import settings

_use_primary = contextvars.ContextVar("use_primary", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return "default" if _use_primary.get() else "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: the replica is a copy of the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PrimaryForStaffAndWritesMiddleware:
    """Pins the reads of writes and of signed-in users' requests to the primary."""

    SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = (
            request.method not in self.SAFE_METHODS
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        token = _use_primary.set(pinned)
        try:
            return self.get_response(request)
        finally:
            _use_primary.reset(token)
