"""The initiatives list as data: /initiatives/export.csv and /initiatives/export.json.

Both take exactly the list's filters (the same InitiativeFilter on the same queryset), so any
view of /initiatives/ can be taken away by changing its path. Without filters they are the
whole files the task worker makes once per content generation (initiatives/downloads.py,
core.downloads); with filters they are streamed, bounded (core.exports.bounded_export).
Column names are part of the public interface and documented in docs/public-site.md: add
columns at the end, never rename one.
"""

from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.views import View

from core import downloads
from core.addresses import absolute_url
from core.exports import (
    bounded_export,
    csv_lines,
    in_chunks,
    json_lines,
    streaming_csv_response,
    streaming_response,
    write_text,
)
from core.views import QueryFormMixin
from sources.exports import CITATION_COLUMNS, citation_values
from sources.models import published_citations

from .filters import InitiativeFilter
from .models import Initiative

COLUMNS = (
    "slug",
    "title",
    "rtc",
    "rtc_slug",
    "host",
    "meeting",
    "meeting_slug",
    "meeting_start_date",
    "categories",
    "category_slugs",
    "partners",
    "summary",
    "description",
    "url",
    # Where the facts come from; after the older columns, as new columns always are.
    *CITATION_COLUMNS,
)
# In CSV, list values (categories, partners) are joined with this; JSON keeps them as lists.
LIST_SEPARATOR = "; "
# What no column shows and the rows would otherwise carry: search vectors, the meeting's
# report and summary, the RTC's description.
UNEXPORTED = (
    "search_vector",
    "meeting__search_vector",
    "meeting__report",
    "meeting__summary",
    "rtc__description",
)
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def export_queryset():
    """Every published initiative as the exports read it, in the list's default order."""
    return (
        Initiative.objects.published()
        .with_related()
        .defer(*UNEXPORTED)
        .prefetch_related(published_citations())
    )


def initiative_record(initiative, request):
    """One initiative as export data, keyed by COLUMNS (`request` None: in the task worker)."""
    categories = list(initiative.categories.all())
    return {
        "slug": initiative.slug,
        "title": initiative.title,
        "rtc": initiative.rtc.name,
        "rtc_slug": initiative.rtc.slug,
        "host": initiative.rtc.host.name,
        "meeting": initiative.meeting.title,
        "meeting_slug": initiative.meeting.slug,
        "meeting_start_date": initiative.meeting.start_date.isoformat(),
        "categories": [category.name for category in categories],
        "category_slugs": [category.slug for category in categories],
        "partners": [partner.name for partner in initiative.partners.all()],
        "summary": initiative.summary,
        "description": initiative.description,
        "url": absolute_url(request, initiative.get_absolute_url()),
        **citation_values(initiative),
    }


def csv_value(value):
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


def csv_rows(records):
    return ([csv_value(record[column]) for column in COLUMNS] for record in records)


def json_pieces(count, records):
    return json_lines({"count": count, "columns": COLUMNS}, "initiatives", records)


def records_of(initiatives, request=None):
    return (initiative_record(initiative, request) for initiative in initiatives)


def write_csv(file):
    """Every published initiative as CSV, for core.downloads."""
    _, initiatives = in_chunks(export_queryset())
    write_text(file, csv_lines(COLUMNS, csv_rows(records_of(initiatives))))


def write_json(file):
    """Every published initiative as JSON, for core.downloads."""
    count, initiatives = in_chunks(export_queryset())
    write_text(file, json_pieces(count, records_of(initiatives)))


class InitiativeExportView(QueryFormMixin, View):
    """Filters like /initiatives/; unknown filter values are a 400 that says which."""

    filename = "initiatives"

    def get_query_form(self):
        self.filterset = InitiativeFilter(
            self.request.GET, queryset=export_queryset(), request=self.request
        )
        return self.filterset.form

    def invalid_query(self, request, *args, **kwargs):
        return HttpResponseBadRequest(
            "These filters could not be used:\n" + "\n".join(self.error_lines()),
            content_type="text/plain; charset=utf-8",
        )

    def get(self, request):
        name = f"{self.filename}.{self.ext}"
        if not request.GET:
            return downloads.serve(request, downloads.get(name))
        return bounded_export(
            request,
            self.filterset.qs,
            lambda count, initiatives: self.render(name, count, records_of(initiatives, request)),
            what="initiatives",
            whole_url=reverse(f"initiatives:export-{self.ext}"),
        )


class InitiativeCSVView(InitiativeExportView):
    ext = "csv"

    def render(self, name, count, records):
        return streaming_csv_response(name, COLUMNS, csv_rows(records))


class InitiativeJSONView(InitiativeExportView):
    ext = "json"

    def render(self, name, count, records):
        return streaming_response(name, json_pieces(count, records), JSON_CONTENT_TYPE)
