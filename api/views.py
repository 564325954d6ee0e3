"""The read API's resources: one read-only list and detail per kind of record (api/records.py).

A list filters with the same django-filter FilterSets as its page (initiatives/filters.py,
sources/filters.py), so the page and the API always agree; every list also takes `since`, for
a site that syncs. Input a list cannot use answers 400 with a JSON body naming the parameter.
HTTP caching, compression and CORS are the site's own middleware's (rtcportal/http.py,
rtcportal/compression.py, django-cors-headers): an API answer is a public page like any other.
"""

from django.conf import settings
from rest_framework import pagination, viewsets
from rest_framework.exceptions import ValidationError

from core.views import RememberedCountPaginator
from initiatives.filters import InitiativeFilter
from sources.filters import SourceFilter

from .filters import PageFilterBackend, SinceFilter
from .records import RECORD_KINDS
from .schema import RecordSchema


class RecordPagination(pagination.PageNumberPagination):
    """Pages of API_PAGE_SIZE records (`page_size` up to API_MAX_PAGE_SIZE), with `count`,
    `next` and `previous`; the total is counted once per content generation, as the pages'."""

    django_paginator_class = RememberedCountPaginator
    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def whole_number(self, name, maximum=None):
        """The query parameter `name` as a whole number from 1 (to `maximum`), None when it is
        not given; anything else is the client's mistake, a 400 that says so."""
        value = self.request.query_params.get(name)
        if value is None:
            return None
        number = int(value) if value.isascii() and value.isdigit() else 0
        if number < 1 or (maximum is not None and number > maximum):
            upto = f" to {maximum}" if maximum is not None else ""
            raise ValidationError({name: [f"Enter a whole number from 1{upto}."]})
        return number

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.whole_number(self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        self.request = request
        return self.whole_number(self.page_size_query_param, self.max_page_size) or self.page_size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds[parameter["name"]])
        return parameters


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    """The published records of one kind: `kind` names it in RECORD_KINDS."""

    kind = None
    pagination_class = RecordPagination
    filter_backends = [PageFilterBackend, SinceFilter]
    schema = RecordSchema()

    def get_queryset(self):
        records, _ = RECORD_KINDS[self.kind]
        return records()

    def get_serializer_class(self):
        _, serializer = RECORD_KINDS[self.kind]
        return serializer


# The FilterSets of the lists that have filters on their pages.
FILTERS = {"initiatives": InitiativeFilter, "sources": SourceFilter}


def viewset_for(kind):
    """The read-only viewset of one kind of record, named after it (MeetingsViewSet)."""
    name = "".join(part.capitalize() for part in kind.split("_")) + "ViewSet"
    attributes = {"kind": kind, "filterset_class": FILTERS.get(kind), "__doc__": f"The {kind}."}
    return type(name, (RecordViewSet,), attributes)


VIEWSETS = {kind: viewset_for(kind) for kind in RECORD_KINDS}
