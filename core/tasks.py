"""Work that runs in the task worker (`manage.py db_worker`), not in a web request.

Django 6.0's tasks API through the django-tasks backport: on Django 6, `django_tasks` becomes
`django.tasks` and nothing else changes.
"""

import logging

from django.utils import timezone
from django_tasks import task

from . import imports
from .models import SpreadsheetImport

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "The import stopped on an unexpected error and nothing was saved. The portal's log has "
    "the details; try again, or ask the site's administrators."
)


@task()
def import_spreadsheet(pending_id):
    """Import a confirmed spreadsheet (core.imports); its page in the admin shows the outcome."""
    started = SpreadsheetImport.objects.filter(
        pk=pending_id, state=SpreadsheetImport.State.QUEUED
    ).update(state=SpreadsheetImport.State.RUNNING)
    if not started:
        return  # already run: a task delivered twice imports once
    pending = SpreadsheetImport.objects.select_related("content_type", "created_by").get(
        pk=pending_id
    )
    try:
        imports.run(pending)
    except Exception:
        # Stored in plain words for the admin; the traceback goes to the log (and the task
        # result) for whoever runs the portal.
        logger.exception("Import %s (%s) failed", pending.pk, pending.file_name)
        SpreadsheetImport.objects.filter(pk=pending_id).update(
            state=SpreadsheetImport.State.FAILED,
            problems=[UNEXPECTED],
            finished_at=timezone.now(),
        )
        raise
