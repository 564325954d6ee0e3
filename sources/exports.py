"""The sources as data, and the citation columns other exports add at their end.

/sources/export.csv takes exactly the list's filters (SourceFilter). Column names are part
of the public interface: add columns at the end, never rename one.
"""

from django.db.models import Prefetch

from core.addresses import absolute_url

from .models import Citation, Source, with_supported_count

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
CITATION_COLUMNS = ("sources", "source_addresses", "confirmed_by_official_account")
SEPARATOR = "; "
OFFICIAL_KINDS = {Source.Kind.OFFICIAL, Source.Kind.REPOST}


def published_citations():
    """Prefetch of a record's public citations with their sources: one query per chunk of
    exported rows, whatever their number."""
    return Prefetch(
        "citations",
        queryset=Citation.objects.published().select_related("source").order_by("source__pk"),
    )


def citation_values(record):
    """The CITATION_COLUMNS of a record whose citations were prefetched: its sources (each
    once, "Publisher: Title") and their addresses as lists, and "yes"/"no" whether an
    official account or its repost is among them ("" with no source at all)."""
    sources = list({c.source.pk: c.source for c in record.citations.all()}.values())
    confirmed = ""
    if sources:
        confirmed = "yes" if any(source.kind in OFFICIAL_KINDS for source in sources) else "no"
    return {
        "sources": [str(source) for source in sources],
        "source_addresses": [source.url for source in sources],
        "confirmed_by_official_account": confirmed,
    }


def citation_cells(record):
    """citation_values as CSV cells, lists joined with "; "."""
    return [
        SEPARATOR.join(value) if isinstance(value, list) else value
        for value in citation_values(record).values()
    ]


def source_rows(sources, request):
    """The SOURCE_COLUMNS of each source (published ones), with how many facts it supports
    on the public site: one query for all the counts."""
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
