"""Spreadsheet imports outside the request: the admin stores the upload, the task worker
(core.tasks) checks it in a dry run, the user confirms, the worker imports it.

Invariants: a file is imported at most once (`claim`); an import writes every row or none
(core.resources.SecretariatResource); every problem is stored in plain words, named by row and
column, for the import's page in the admin.
"""

from uuid import uuid4

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from import_export.results import RowResult

from .models import SpreadsheetImport

# How many rows the dry run's page shows; its counts cover the whole file.
PREVIEW_ROWS = 100


def dotted_path(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def store(upload, *, user, model, resource_class, format_class, object_id=None):
    """Keep an uploaded file for the worker's dry run; files never confirmed go after a day."""
    SpreadsheetImport.objects.filter(
        state__in=[SpreadsheetImport.State.CHECKING, SpreadsheetImport.State.CHECKED],
        created_at__lt=timezone.now() - SpreadsheetImport.PENDING_LIFETIME,
    ).delete()
    return SpreadsheetImport.objects.create(
        name=uuid4().hex,
        # Bounded by settings.IMPORT_MAX_BYTES, which the upload form checks first.
        data=b"".join(upload.chunks()),
        created_by=user,
        content_type=ContentType.objects.get_for_model(model),
        resource=dotted_path(resource_class),
        file_format=dotted_path(format_class),
        file_name=upload.name[:255],
        object_id=object_id,
    )


def claim(name, user):
    """The checked import `name`, now queued for the worker; None if it was confirmed already
    or has expired. One UPDATE decides, so two confirmations cannot both win."""
    claimed = (
        SpreadsheetImport.objects.awaiting_confirmation()
        .filter(name=name, created_by=user)
        .update(state=SpreadsheetImport.State.QUEUED)
    )
    return SpreadsheetImport.objects.get(name=name) if claimed else None


def run_again(pending, user):
    """A file the worker stopped on, back to be checked from the start (the records may have
    changed since, and its user confirms again); False if it is not one, or not `user`'s."""
    return bool(
        SpreadsheetImport.objects.filter(
            pk=pending.pk, created_by=user, state=SpreadsheetImport.State.FAILED
        )
        .exclude(data=b"")
        .update(
            state=SpreadsheetImport.State.CHECKING,
            problems=[],
            preview={},
            cleaned_cells=[],
            new=0,
            updated=0,
            unchanged=0,
            created_at=timezone.now(),
            finished_at=None,
        )
    )


def row_problems(result):
    """Every row-level problem of an import result, as "Row 3, column “rtc”: …" sentences.

    Rows count the heading line as row 1, as a spreadsheet does."""
    problems = []
    for row in result.invalid_rows:
        for column, errors in row.field_specific_errors.items():
            problems += [f"Row {row.number + 1}, column “{column}”: {error}" for error in errors]
        problems += [f"Row {row.number + 1}: {error}" for error in row.non_field_specific_errors]
    for number, errors in result.row_errors():
        problems += [f"Row {number + 1}: {error.error}" for error in errors]
    problems += [str(error.error) for error in result.base_errors]
    return problems


def read(pending):
    """The stored file as a dataset; a ValueError in plain words when it cannot be read."""
    file_format = import_string(pending.file_format)(encoding="utf-8-sig")
    data = bytes(pending.data)
    kind = file_format.get_title().upper()
    try:
        if not file_format.is_binary():
            # As the admin's form reads CSV: a byte-order mark from Excel is dropped.
            data = data.decode("utf-8-sig")
        dataset = file_format.create_dataset(data)
    except Exception as error:
        raise ValueError(
            f"The file could not be read as {kind} ({type(error).__name__}). Check that it is "
            f"a {kind} file; a CSV file must be saved as UTF-8."
        ) from error
    if not dataset:
        raise ValueError("The file has no rows to import below its heading line.")
    return dataset


def log_entries(result, pending):
    """The admin's history lines for the rows added or changed, as the admin's own import
    writes them, without keeping thousands of model instances in memory."""
    flags = {RowResult.IMPORT_TYPE_NEW: ADDITION, RowResult.IMPORT_TYPE_UPDATE: CHANGE}
    LogEntry.objects.bulk_create(
        (
            LogEntry(
                user=pending.created_by,
                content_type=pending.content_type,
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


def preview_of(result):
    """The dry run's first rows, as JSON: each cell a list of (tag, text) diff parts."""
    return {
        "headers": list(result.diff_headers),
        "rows": [
            {"import_type": row.import_type, "cells": row.diff}
            for row in result.valid_rows()[:PREVIEW_ROWS]
        ],
    }


def process(pending, *, dry_run):
    """Check (dry run) or import a stored file, and record the outcome on it."""
    resource_class = import_string(pending.resource)
    # A whole-record file (meetings.spreadsheet: one sheet per kind of row) is read and
    # checked its own way, with the same states, confirmation and worker as the rest.
    if hasattr(resource_class, "process"):
        return resource_class().process(pending, dry_run=dry_run)
    try:
        dataset = read(pending)
    except ValueError as error:
        return finish(pending, problems=[str(error)])
    resource = resource_class()
    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            file_name=pending.file_name,
            user=pending.created_by,
        )
        problems = row_problems(result)
        if not problems and not dry_run:
            log_entries(result, pending)
    pending.new = result.totals[RowResult.IMPORT_TYPE_NEW]
    pending.updated = result.totals[RowResult.IMPORT_TYPE_UPDATE]
    pending.unchanged = result.totals[RowResult.IMPORT_TYPE_SKIP]
    if dry_run:
        pending.cleaned_cells = result.cleaned_cells
        pending.preview = preview_of(result)
    return finish(pending, problems=problems, dry_run=dry_run)


def finish(pending, *, problems, dry_run=False):
    states = SpreadsheetImport.State
    pending.problems = problems
    if problems:
        pending.state = states.FAILED
    else:
        pending.state = states.CHECKED if dry_run else states.DONE
    if pending.state != states.CHECKED:
        pending.data = b""
        pending.finished_at = timezone.now()
    pending.save()
    return pending
