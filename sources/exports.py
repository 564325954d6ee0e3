"""The sources as data, and the citation columns other exports add at their end.

/sources/export.csv takes exactly the list's filters (SourceFilter); without filters it is the
whole file the task worker makes (sources/downloads.py, core.downloads). Column names are part
of the public interface: add columns at the end, never rename one.
"""

import itertools

from django.conf import settings

from core.addresses import absolute_url
from core.exports import csv_lines, in_chunks, write_text

from .models import Source, only_from_aggregators, with_supported_count

SOURCE_COLUMNS = (
    "slug",
    "tag",
    "title",
    "publisher",
    "kind",
    "language",
    "published_on",
    "date_precision",
    "address",
    "note",
    "facts_supported",
    "url",
)
# The columns an export of cited records (initiatives, participations) gains at its end.
CITATION_COLUMNS = (
    "sources",
    "source_addresses",
    "confirmed_by_official_account",
    "only_from_aggregators",
)
SEPARATOR = "; "
OFFICIAL_KINDS = {Source.Kind.OFFICIAL, Source.Kind.REPOST}


def citation_values(record):
    """The CITATION_COLUMNS of a record whose citations were prefetched: its sources (each
    once, "Publisher: Title") and their addresses as lists, and "yes"/"no" whether an
    official account or its repost is among them, and whether only aggregators are (the
    pages' "not confirmed" mark); both "" with no source at all."""
    sources = list({c.source.pk: c.source for c in record.citations.all()}.values())
    confirmed = aggregators_only = ""
    if sources:
        confirmed = "yes" if any(source.kind in OFFICIAL_KINDS for source in sources) else "no"
        aggregators_only = "yes" if only_from_aggregators(sources) else "no"
    return {
        "sources": [str(source) for source in sources],
        "source_addresses": [source.url for source in sources],
        "confirmed_by_official_account": confirmed,
        "only_from_aggregators": aggregators_only,
    }


def citation_cells(record):
    """citation_values as CSV cells, lists joined with "; "."""
    return [
        SEPARATOR.join(value) if isinstance(value, list) else value
        for value in citation_values(record).values()
    ]


def source_rows(sources, request):
    """The SOURCE_COLUMNS of each source (published ones), with how many facts it supports
    on the public site: one query for the counts of each chunk of sources."""
    sources = iter(sources)
    while chunk := list(itertools.islice(sources, settings.EXPORT_CHUNK_ROWS)):
        yield from chunk_rows(chunk, request)


def chunk_rows(sources, request):
    for source in with_supported_count(sources):
        yield (
            source.slug,
            source.tag,
            source.title,
            source.publisher,
            source.get_kind_display(),
            source.language,
            source.published_on.isoformat() if source.published_on else "",
            source.date_precision,
            source.url,
            source.note,
            source.citation_count,
            absolute_url(request, source.get_absolute_url()),
        )


def write_csv(file):
    """Every published source as CSV, for core.downloads."""
    _, sources = in_chunks(Source.objects.published())
    write_text(file, csv_lines(SOURCE_COLUMNS, source_rows(sources, None)))
