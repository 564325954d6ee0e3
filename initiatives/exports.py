"""The initiatives list as data: /initiatives/export.csv and /initiatives/export.json.

Both take exactly the list's filters (the same InitiativeFilter on the same queryset), so any
view of /initiatives/ can be taken away by changing its path. Column names are part of the
public interface and documented in docs/public-site.md: add columns at the end, never rename one.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.views import View

from core.addresses import absolute_url
from core.exports import attachment, streaming_csv_response
from core.views import QueryFormMixin
from sources.exports import CITATION_COLUMNS, citation_values, published_citations

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


def initiative_record(initiative, request):
    """One initiative as export data, keyed by COLUMNS."""
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


class InitiativeExportView(QueryFormMixin, View):
    """Filters like /initiatives/; unknown filter values are a 400 that says which."""

    filename = "initiatives"
    # Rows fetched (with their categories and partners) per round trip while streaming.
    chunk_size = 500

    def get_query_form(self):
        self.filterset = InitiativeFilter(
            self.request.GET,
            queryset=Initiative.objects.published()
            .with_related()
            .prefetch_related(published_citations()),
            request=self.request,
        )
        return self.filterset.form

    def invalid_query(self, request, *args, **kwargs):
        return HttpResponseBadRequest(
            "These filters could not be used:\n" + "\n".join(self.error_lines()),
            content_type="text/plain; charset=utf-8",
        )

    def get(self, request):
        records = (
            initiative_record(initiative, request)
            for initiative in self.filterset.qs.iterator(chunk_size=self.chunk_size)
        )
        return self.render(records)


class InitiativeCSVView(InitiativeExportView):
    ext = "csv"

    def render(self, records):
        rows = ([csv_value(record[column]) for column in COLUMNS] for record in records)
        return streaming_csv_response(f"{self.filename}.csv", COLUMNS, rows)


class InitiativeJSONView(InitiativeExportView):
    ext = "json"

    def render(self, records):
        records = list(records)
        response = JsonResponse(
            {"count": len(records), "columns": COLUMNS, "initiatives": records},
            json_dumps_params={"ensure_ascii": False, "indent": 1},
            content_type="application/json; charset=utf-8",
        )
        return attachment(response, f"{self.filename}.json")
