"""CSV downloads: small ones built in memory, large ones streamed row by row.

Every CSV the portal hands out is meant to be opened in a spreadsheet, so each one:
- starts with a UTF-8 byte order mark: without it Excel on Windows reads the file in the local
  code page and garbles Chinese, Korean and Thai names;
- holds no cell a spreadsheet would run as a formula (see `spreadsheet_cell`).
The admin's exports (core.admin.ContentAdmin) use `spreadsheet_cell` too.

A streamed download that fails is an error, never a short file that looks complete: before the
first row it is the site's error page; after, the stream raises (see streaming_csv_response).
"""

import csv
import itertools
import logging

from django.http import HttpResponse, StreamingHttpResponse

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


def streaming_csv_response(filename, header, rows):
    """A CSV download written as `rows` are produced, so a long export never sits in memory.

    The first row is read before the response starts, which runs the query and fetches its
    first chunk: a database failing then raises here, in the view, and the visitor gets the
    error page rather than a 200 with only the header. A failure later, once the 200 has gone
    out, is logged and raised from the stream: the WSGI server then drops the connection
    without the final chunk, so a client sees an incomplete download, not a complete file.
    """
    writer = csv.writer(Echo())
    rows = iter(rows)
    first = list(itertools.islice(rows, 1))

    def lines():
        yield BOM + writer.writerow(header)
        try:
            for row in itertools.chain(first, rows):
                yield writer.writerow(spreadsheet_row(row))
        except Exception:
            logger.exception("The download %s was cut short by an error", filename)
            raise

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return attachment(response, filename)
