"""Imports outside the request (core.imports, core.tasks): a 10,000-row file end to end through
the admin and the task worker, in bounded memory."""

import logging
import resource
import time

import pytest

from core import imports
from core.models import SpreadsheetImport
from core.tasks import UNEXPECTED, import_spreadsheet
from meetings.models import DiscussionPoint
from tests.core.test_resources import XLSX_INDEX, confirm, post_confirmation, run_worker, upload

pytestmark = pytest.mark.engine

ROWS = 10_000
# How much the process may grow while the worker checks, then imports, the file: the file itself
# (about 0.4 MB), one row's objects at a time and a small result per row. Measured: +24 MB for
# the check, +18 MB for the import (docs/benchmarks.md); the 32 MB file that once took 1.4 GB
# is now refused at the upload (DJANGO_IMPORT_MAX_BYTES).
MEMORY_LIMIT = 150 * 2**20


def discussion_points(count):
    rows = (f"19,Challenge,Point {number},,WCO,{number}\r\n" for number in range(count))
    return ("meeting,kind,text,detail,body,order\r\n" + "".join(rows)).encode()


def resident_bytes():
    """The process's resident memory now (Linux), or its peak so far elsewhere."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def measured(work):
    """`work()`'s result, how far the process's peak memory rose above its size before, and
    the seconds taken. (getrusage, not tracemalloc, which would slow 10,000 rows severalfold.)"""
    before = resident_bytes()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return result, max(peak - before, 0), seconds


def test_ten_thousand_rows_are_checked_and_imported_by_the_worker_in_bounded_memory(
    client, editor_user, seeded
):
    client.force_login(editor_user)
    before = DiscussionPoint.objects.count()
    preview, check_growth, check_seconds = measured(
        lambda: upload(client, DiscussionPoint, discussion_points(ROWS))
    )
    assert f"{ROWS} new, 0 changed, 0 unchanged" in preview.text
    assert "The first 100 rows are shown." in preview.text
    assert preview.text.count(">New<") == 100
    done, import_growth, import_seconds = measured(
        lambda: confirm(client, DiscussionPoint, preview)
    )
    assert f"Import finished: {ROWS} new, 0 changed, 0 unchanged." in done.text
    assert DiscussionPoint.objects.count() == before + ROWS
    print(
        f"\n{ROWS} rows: check {check_seconds:.0f} s, peak memory +{check_growth / 2**20:.0f} MB; "
        f"import {import_seconds:.0f} s, peak memory +{import_growth / 2**20:.0f} MB"
    )
    assert check_growth < MEMORY_LIMIT
    assert import_growth < MEMORY_LIMIT


def test_a_file_that_is_not_in_its_chosen_format_fails_with_a_plain_reason(
    client, editor_user, seeded
):
    client.force_login(editor_user)
    page = upload(
        client, DiscussionPoint, discussion_points(2), name="points.xlsx", file_format=XLSX_INDEX
    )
    assert page.context["pending"].problems == [
        "The file could not be read as XLSX (BadZipFile). Check that it is a XLSX file; a CSV "
        "file must be saved as UTF-8."
    ]


def test_a_number_that_is_not_a_number_is_named_by_row_and_column(client, editor_user, seeded):
    client.force_login(editor_user)
    content = b"meeting,kind,text,detail,body,order\r\n19,Challenge,Point,,WCO,first\r\n"
    page = upload(client, DiscussionPoint, content)
    assert page.context["pending"].problems == [
        "Row 2, column “order”: Enter a whole number, such as 3."
    ]


def test_an_unexpected_error_in_the_worker_fails_the_import_in_plain_words_and_is_logged(
    client, editor_user, seeded, monkeypatch, caplog
):
    client.force_login(editor_user)
    preview = upload(client, DiscussionPoint, discussion_points(3))
    queued = post_confirmation(client, DiscussionPoint, preview)

    def broken(pending, *, dry_run):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(imports, "process", broken)
    with caplog.at_level(logging.ERROR, logger="core.tasks"):
        run_worker()
    pending = SpreadsheetImport.objects.get()
    assert pending.state == SpreadsheetImport.State.FAILED
    assert pending.problems == [UNEXPECTED]
    assert "disk on fire" in caplog.text
    assert "Nothing was imported" in client.get(queued.url).text
    assert not DiscussionPoint.objects.filter(text__startswith="Point ").exists()


def test_an_import_task_delivered_twice_imports_once(client, editor_user, seeded):
    client.force_login(editor_user)
    preview = upload(client, DiscussionPoint, discussion_points(3))
    confirm(client, DiscussionPoint, preview)
    import_spreadsheet.call(preview.context["pending"].pk)
    assert DiscussionPoint.objects.filter(text__startswith="Point ").count() == 3
