"""The initiatives list as data: /initiatives/export.csv and /initiatives/export.json.

Both take exactly the list's filters (the same InitiativeFilter on the same queryset), so any
view of /initiatives/ can be taken away by changing its path. Column names are part of the
public interface and documented in the README: add columns at the end, never rename one.
"""

import csv

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.views import View

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
        "url": request.build_absolute_uri(initiative.get_absolute_url()),
    }


def csv_value(value):
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


class Echo:
    """A file-like object whose write() hands back the line, for streaming csv.writer output."""

    def write(self, value):
        return value


class InitiativeExportView(View):
    """Filters like /initiatives/; unknown filter values are a 400 that says which."""

    filename = "initiatives"
    # Rows fetched (with their categories and partners) per round trip while streaming.
    chunk_size = 500

    def get(self, request):
        filterset = InitiativeFilter(
            request.GET, queryset=Initiative.objects.published().with_related(), request=request
        )
        if not filterset.is_valid():
            messages = [
                f"{filterset.form.fields[name].label}: {error}"
                for name, errors in filterset.form.errors.items()
                for error in errors
            ]
            return HttpResponseBadRequest(
                "These filters could not be used:\n" + "\n".join(messages),
                content_type="text/plain; charset=utf-8",
            )
        records = (
            initiative_record(initiative, request)
            for initiative in filterset.qs.iterator(chunk_size=self.chunk_size)
        )
        response = self.render(records)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}.{self.ext}"'
        return response


class InitiativeCSVView(InitiativeExportView):
    ext = "csv"

    def render(self, records):
        writer = csv.writer(Echo())
        rows = (writer.writerow([csv_value(record[c]) for c in COLUMNS]) for record in records)
        header = writer.writerow(COLUMNS)
        return StreamingHttpResponse(_prepend(header, rows), content_type="text/csv; charset=utf-8")


class InitiativeJSONView(InitiativeExportView):
    ext = "json"

    def render(self, records):
        records = list(records)
        return JsonResponse(
            {"count": len(records), "columns": COLUMNS, "initiatives": records},
            json_dumps_params={"ensure_ascii": False, "indent": 1},
            content_type="application/json; charset=utf-8",
        )


def _prepend(first, rest):
    yield first
    yield from rest


def csv_response(filename, header, rows):
    """A small CSV download built in memory (for exports that stay small, e.g. participants)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
