"""CSV and JSON downloads: small ones built in memory, filtered ones streamed in bounded
chunks, whole ones written to a file by the task worker (core.downloads).

Every CSV the portal hands out is meant to be opened in a spreadsheet, so each one:
- starts with a UTF-8 byte order mark: without it Excel on Windows reads the file in the local
  code page and garbles Chinese, Korean and Thai names;
- holds no cell a spreadsheet would run as a formula (see `spreadsheet_cell`).
The admin's exports (core.admin.ContentAdmin) use `spreadsheet_cell` too.

A filtered download is streamed only when it holds at most EXPORT_MAX_ROWS records, read
`EXPORT_CHUNK_ROWS` at a time (see `in_chunks`), and while it holds one of the download slots
(core.slots): each one ends well inside the worker timeout, and a burst of them is answered
503 with Retry-After before it can hold every worker.

A streamed download that fails is an error, never a short file that looks complete: before the
first row it is the site's error page; after, the stream raises (see streaming_csv_response).
"""

import csv
import itertools
import json
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse

from . import slots
from .addresses import absolute_url

logger = logging.getLogger(__name__)

BOM = "\N{BYTE ORDER MARK}"
# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"); tab and carriage
# return because some spreadsheets skip them before looking for one of the others.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """`value`, with a leading single quote if a spreadsheet would otherwise run it as a formula.

    The quote is what OWASP recommends: the cell then shows the text as written, after the
    quote, and nothing is lost. Values that are not text (numbers, dates) cannot be formulas.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unguarded_cell(value):
    """A cell read back from one of our exports: the text without the quote spreadsheet_cell()
    added, so an exported file imports as what was exported."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def spreadsheet_row(row):
    return [spreadsheet_cell(value) for value in row]


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows):
    """A small CSV download built in memory (for exports that stay small, e.g. participants)."""
    response = HttpResponse(BOM, content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(spreadsheet_row(row) for row in rows)
    return attachment(response, filename)


class Echo:
    """A file-like object whose write() hands back the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def csv_lines(header, rows):
    """A CSV file as text, line by line: the byte order mark and `header`, then each row with
    its cells guarded (spreadsheet_row)."""
    writer = csv.writer(Echo())
    yield BOM + writer.writerow(header)
    for row in rows:
        yield writer.writerow(spreadsheet_row(row))


def json_lines(head, key, records):
    """The JSON object `{**head, key: [records...]}` as text, one record a line, so a list of
    any length is written or streamed without ever being held whole."""
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield f'{opening}{", " if head else ""}"{key}": [\n'
    separator = ""
    for record in records:
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def write_text(file, pieces):
    """Write text `pieces` to the binary `file` as UTF-8 (a build of core.downloads)."""
    for piece in pieces:
        file.write(piece.encode())


def in_chunks(queryset, chunk_size=None):
    """The records of `queryset`, in its order, `chunk_size` at a time with its joins and
    prefetches: one query for the ids, then one short query (and its prefetches) a chunk.
    No query holds the database or the worker's memory for long, and none needs a
    server-side cursor (off: PgBouncer's transaction pooling breaks them)."""
    ids = list(queryset.values_list("pk", flat=True))
    return len(ids), _chunked(queryset, ids, chunk_size or settings.EXPORT_CHUNK_ROWS)


def _chunked(queryset, ids, chunk_size):
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        found = {record.pk: record for record in queryset.filter(pk__in=chunk).order_by()}
        # A record unpublished since the ids were read is left out.
        yield from (found[pk] for pk in chunk if pk in found)


def bounded_export(request, queryset, respond, *, what, whole_url):
    """A filtered export of `queryset`: `respond(count, records)` streams it, holding a download
    slot while it is sent. More than EXPORT_MAX_ROWS records answer 400 pointing to the whole
    file at `whole_url`; every slot taken answers 503 with Retry-After."""
    count, records = in_chunks(queryset)
    if count > settings.EXPORT_MAX_ROWS:
        return HttpResponseBadRequest(
            f"This selection holds {count:,} {what}, more than the "
            f"{settings.EXPORT_MAX_ROWS:,} a filtered download may hold. Narrow the filters, "
            f"or download them all as one file: {absolute_url(request, whole_url)}\n",
            content_type="text/plain; charset=utf-8",
        )
    return slots.send(request, lambda: respond(count, records))


def streaming_csv_response(filename, header, rows):
    """A CSV download written as `rows` are produced, so a long export never sits in memory.

    The first row is read before the response starts, which runs the query and fetches its
    first chunk: a database failing then raises here, in the view, and the visitor gets the
    error page rather than a 200 with only the header. A failure later, once the 200 has gone
    out, is logged and raised from the stream: the WSGI server then drops the connection
    without the final chunk, so a client sees an incomplete download, not a complete file.
    """
    rows = iter(rows)
    first = list(itertools.islice(rows, 1))
    lines = csv_lines(header, itertools.chain(first, rows))
    return streaming_response(filename, lines, "text/csv; charset=utf-8")


def streaming_response(filename, pieces, content_type):
    """A download of text `pieces` as they are produced; an error midway is logged and raised
    from the stream (see streaming_csv_response)."""

    def logged():
        try:
            yield from pieces
        except Exception:
            logger.exception("The download %s was cut short by an error", filename)
            raise

    return attachment(StreamingHttpResponse(logged(), content_type=content_type), filename)
