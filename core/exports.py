"""CSV downloads: small ones built in memory, large ones streamed row by row."""

import csv

from django.http import HttpResponse, StreamingHttpResponse


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows):
    """A small CSV download built in memory (for exports that stay small, e.g. participants)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return attachment(response, filename)


class Echo:
    """A file-like object whose write() hands back the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def streaming_csv_response(filename, header, rows):
    """A CSV download written as `rows` are produced, so a long export never sits in memory."""
    writer = csv.writer(Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return attachment(response, filename)
