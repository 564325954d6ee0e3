"""Spreadsheet imports outside the request: the file waits in the database between the dry run
and the confirmation, and the confirmed import runs in the task worker (core.tasks).

Invariants: a confirmation imports a file at most once (`claim`); an import writes every row
or none (core.resources.SecretariatResource); a failure is stored in plain words, row by row,
for the admin's progress page.
"""

import logging
from uuid import uuid4

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from import_export.results import RowResult
from import_export.tmp_storages import BaseStorage

from .models import SpreadsheetImport

logger = logging.getLogger(__name__)

# How many rows the dry run's page shows; the counts cover the whole file.
PREVIEW_ROWS = 100


class DatabaseStorage(BaseStorage):
    """django-import-export's storage between the dry run and the confirmation (settings)."""

    def save(self, data):
        if not self.name:
            self.name = uuid4().hex
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        # Files never confirmed go after a day, as the first new upload notices.
        SpreadsheetImport.objects.filter(
            state=SpreadsheetImport.State.PENDING,
            created_at__lt=timezone.now() - SpreadsheetImport.PENDING_LIFETIME,
        ).delete()
        SpreadsheetImport.objects.update_or_create(name=self.name, defaults={"data": data})

    def read(self):
        data = bytes(SpreadsheetImport.objects.get(name=self.name).data)
        return data if "b" in self.read_mode else data.decode(self.encoding or "utf-8")

    def remove(self):
        # The file stays until its import has run (core.tasks); see claim().
        pass


def claim(name, *, user, model, resource_class, format_class, file_name):
    """The pending import `name`, now queued for the worker; None if it was confirmed already
    or has expired. One UPDATE decides, so two confirmations cannot both win."""
    claimed = (
        SpreadsheetImport.objects.awaiting_confirmation()
        .filter(name=name)
        .update(
            state=SpreadsheetImport.State.QUEUED,
            created_by=user,
            content_type=ContentType.objects.get_for_model(model),
            resource=f"{resource_class.__module__}.{resource_class.__qualname__}",
            file_format=f"{format_class.__module__}.{format_class.__qualname__}",
            file_name=file_name[:255],
        )
    )
    return SpreadsheetImport.objects.get(name=name) if claimed else None


def row_problems(result):
    """Every row-level problem of an import result, as "Row 3, column “rtc”: …" sentences.

    Rows count the heading line as row 1, as a spreadsheet does (and as the dry run shows)."""
    problems = []
    for row in result.invalid_rows:
        for column, errors in row.field_specific_errors.items():
            problems += [f"Row {row.number + 1}, column “{column}”: {error}" for error in errors]
        problems += [f"Row {row.number + 1}: {error}" for error in row.non_field_specific_errors]
    for number, errors in result.row_errors():
        problems += [f"Row {number + 1}: {error.error}" for error in errors]
    problems += [str(error.error) for error in result.base_errors]
    return problems


def log_entries(result, content_type, user):
    """The admin's history lines for the rows an import added or changed, as the admin's own
    import writes them, without keeping 10,000 model instances in memory."""
    flags = {RowResult.IMPORT_TYPE_NEW: ADDITION, RowResult.IMPORT_TYPE_UPDATE: CHANGE}
    LogEntry.objects.bulk_create(
        (
            LogEntry(
                user=user,
                content_type=content_type,
                object_id=str(row.object_id),
                object_repr=str(row.object_repr)[:200],
                action_flag=flags[row.import_type],
                change_message=f"{row.import_type} through import_export",
            )
            for row in result.rows
            if row.import_type in flags
        ),
        batch_size=500,
    )


def run(pending):
    """Import a queued file now: all of it, or none of it with the reasons stored."""
    format_class = import_string(pending.file_format)
    file_format = format_class(encoding="utf-8-sig")
    data = bytes(pending.data)
    if not file_format.is_binary():
        # As the admin's form reads it: a byte-order mark from Excel is dropped.
        data = data.decode("utf-8-sig")
    dataset = file_format.create_dataset(data)
    resource = import_string(pending.resource)()
    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=False,
            raise_errors=False,
            file_name=pending.file_name,
            user=pending.created_by,
        )
        problems = row_problems(result)
        if not problems:
            log_entries(result, pending.content_type, pending.created_by)
    pending.problems = problems
    pending.state = SpreadsheetImport.State.FAILED if problems else SpreadsheetImport.State.DONE
    pending.new = result.totals[RowResult.IMPORT_TYPE_NEW]
    pending.updated = result.totals[RowResult.IMPORT_TYPE_UPDATE]
    pending.unchanged = result.totals[RowResult.IMPORT_TYPE_SKIP]
    pending.data = b""
    pending.finished_at = timezone.now()
    pending.save()
    return pending
