"""Work that runs in the task worker (`manage.py db_worker`), not in a web request.

Django 6.0's tasks API through the django-tasks backport: on Django 6, `django_tasks` becomes
`django.tasks` and nothing else changes.
"""

import logging

from django.utils import timezone
from django_tasks import task

from . import imports
from .models import SpreadsheetImport
from .worker import when_stopped

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "The work stopped on an unexpected error and nothing was saved. The portal's log has the "
    "details; try again, or ask the site's administrators."
)


def process_spreadsheet(pending_id, *, from_state, to_state, dry_run):
    # One UPDATE takes the file, so a task delivered twice does its work once.
    if not SpreadsheetImport.objects.filter(pk=pending_id, state=from_state).update(state=to_state):
        return
    pending = SpreadsheetImport.objects.select_related("content_type", "created_by").get(
        pk=pending_id
    )
    try:
        imports.process(pending, dry_run=dry_run)
    except MemoryError:
        raise  # past the worker's memory limit: stopped() says so, and keeps the file
    except Exception:
        # In plain words for the admin; the traceback goes to the log and the task's result.
        logger.exception("Spreadsheet %s (%s) failed", pending.pk, pending.file_name)
        SpreadsheetImport.objects.filter(pk=pending_id).update(
            state=SpreadsheetImport.State.FAILED,
            problems=[UNEXPECTED],
            data=b"",
            finished_at=timezone.now(),
        )
        raise


@task(queue_name="imports")
def check_spreadsheet(pending_id):
    """The dry run of an uploaded spreadsheet: every row checked, nothing saved."""
    checking = SpreadsheetImport.State.CHECKING
    process_spreadsheet(pending_id, from_state=checking, to_state=checking, dry_run=True)


@task(queue_name="imports")
def import_spreadsheet(pending_id):
    """The import of a checked and confirmed spreadsheet: every row, or none."""
    states = SpreadsheetImport.State
    process_spreadsheet(
        pending_id, from_state=states.QUEUED, to_state=states.RUNNING, dry_run=False
    )


@when_stopped(check_spreadsheet)
@when_stopped(import_spreadsheet)
def stopped(reason, pending_id):
    """The worker stopped before the file's check or import ended (core.worker): nothing was
    saved (an import is one transaction), and the file is kept to be run again."""
    states = SpreadsheetImport.State
    for in_states, doing in [
        ([states.CHECKING], "checking the file"),
        ([states.QUEUED, states.RUNNING], "importing the file"),
    ]:
        SpreadsheetImport.objects.filter(pk=pending_id, state__in=in_states).update(
            state=states.FAILED,
            problems=[
                f"The worker stopped while {doing} ({reason}). Nothing was saved and the "
                "file is kept — run it again."
            ],
            finished_at=timezone.now(),
        )
