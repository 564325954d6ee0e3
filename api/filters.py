"""What the API's lists filter by: the pages' own FilterSets, read as the pages read them, and
`since`. Input a list cannot use is a 400 whose JSON names the parameter."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from core.views import without_blanks


class PageFilterBackend(DjangoFilterBackend):
    """The page's FilterSet over the page's reading of the query string: blank values left
    out (a GET form sends the fields left empty) and, for the initiatives, a `sort` asking for
    the default order dropped (InitiativeFilter.without_default_sort). An invalid value is a
    400 naming the filter, as on the page."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        data = without_blanks(request.query_params)
        canonical = getattr(self.get_filterset_class(view, queryset), "without_default_sort", None)
        kwargs["data"] = canonical(data) if canonical else data
        return kwargs


def parse_since(value):
    """The moment `value` names: an ISO 8601 date (its first moment in the site's time zone) or
    date and time (in the site's time zone when it gives no offset); None if it names none."""
    value = value.strip().upper()
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = day and datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    try:
        return moment.astimezone(datetime.timezone.utc)
    except OverflowError:
        # Within a day of year 1 or 9999 in its own offset, beyond the calendar in UTC.
        edge = datetime.datetime.min if moment.year == 1 else datetime.datetime.max
        return edge.replace(tzinfo=datetime.timezone.utc)


class SinceFilter(BaseFilterBackend):
    """`?since=2024-01-01` or `?since=2024-01-01T09:30:00Z`: the records changed at or after
    that moment (`updated_at`), and those whose last change nothing records (glossary terms),
    so that a site syncing with it never misses one."""

    def filter_queryset(self, request, queryset, view):
        value = request.query_params.get("since")
        if value is None:
            return queryset
        since = parse_since(value)
        if since is None:
            raise ValidationError({"since": ["Enter a valid date/time."]})
        return queryset.filter(Q(updated_at__gte=since) | Q(updated_at__isnull=True))

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "since",
                "in": "query",
                "required": False,
                "description": "Only records changed at or after this moment (and those whose "
                "last change is not recorded): an ISO 8601 date (2024-01-01) or date and time "
                "(2024-01-01T09:30:00Z).",
                "schema": {
                    "anyOf": [
                        {"type": "string", "format": "date"},
                        {"type": "string", "format": "date-time"},
                    ]
                },
            }
        ]
