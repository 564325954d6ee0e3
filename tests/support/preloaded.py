"""The public record loaded once for a run of tests instead of once per test.

Loading the 19th meeting (`seeded`) or the whole record (`public_record`) takes seconds, and
hundreds of tests ask for it. A test that runs inside a rolled-back transaction (pytest-django's
`db`) shares one load with the tests before it: the records are loaded in an outer transaction,
each test runs in a savepoint inside it and is rolled back to it, so every test starts from the
records exactly as freshly loaded. The outer transaction is rolled back as soon as a test wants
anything else: an empty database, the other records, or committed data (transactional and
live-server tests, which load their own copy as before). No test sees records it did not ask
for, and a test's writes never reach the next one.
"""

from django.db import transaction

from core import counts
from tests.support import factories

# Each fixture that loads records, and how; a test asking for both gets both, in this order.
LOADERS = {"public_record": factories.load_public_record, "seeded": factories.load_19th_meeting}
# Tests that commit: they cannot run inside a transaction kept open across tests.
COMMITTING_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}
DATABASE_FIXTURES = {"db", *COMMITTING_FIXTURES}


def uses_database(item):
    return bool(item.get_closest_marker("django_db")) or bool(
        DATABASE_FIXTURES & set(item.fixturenames)
    )


def commits(item):
    marker = item.get_closest_marker("django_db")
    options = marker.kwargs if marker else {}
    return bool(COMMITTING_FIXTURES & set(item.fixturenames)) or any(
        options.get(option) for option in ("transaction", "reset_sequences", "serialized_rollback")
    )


def django_order(item):
    """pytest-django's (and Django's) order: tests in a rolled-back transaction, then tests that
    commit (and flush what data migrations made), then tests without the database."""
    if commits(item):
        return 1
    return 0 if uses_database(item) else 2


def records_to_preload(item):
    """The loaders' names a test can share, in LOADERS' order; none for a committing test."""
    if commits(item):
        return ()
    return tuple(name for name in LOADERS if name in item.fixturenames)


class Preloaded:
    """The records loaded in the open outer transaction, if any."""

    def __init__(self, django_db_blocker):
        self.blocker = django_db_blocker
        self.names = ()
        self.outer = None

    def __contains__(self, name):
        return name in self.names

    def switch_to(self, names):
        with self.blocker.unblock():
            if names != self.names:
                self.roll_back()
                self.load(names)
            if self.names:
                # A fresh load gives the content a new generation; so does each test that
                # shares one. Otherwise counts that one test remembered (core.counts) could
                # answer in the next after a write that bypasses the signals (update()).
                counts.advance()

    def load(self, names):
        if not names:
            return
        self.outer = transaction.atomic()
        self.outer.__enter__()
        try:
            for name in names:
                LOADERS[name]()
        except BaseException:
            self.roll_back()
            raise
        self.names = names

    def roll_back(self):
        if self.outer is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.outer.__exit__(None, None, None)
        self.outer = None
        self.names = ()
