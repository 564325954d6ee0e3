"""What the public pages share: breadcrumbs, forgiving pagination, GET forms that answer 400,
and published counts of related records.

Invariant: bad GET input (a page that is not a number, a filter value that names nothing) is
the visitor's mistake and answers 400 with the form's errors, never a 500 and never an
empty 200.
"""

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from . import counts, downloads
from .addresses import with_query


class BreadcrumbsMixin:
    """Puts the trail from Home to this page in the context as (label, url) pairs."""

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


def without_blanks(params):
    """`params` (a QueryDict) without its blank values: a GET form sends the fields left empty."""
    kept = QueryDict(mutable=True)
    for name, values in params.lists():
        if values := [value for value in values if value.strip()]:
            kept.setlist(name, values)
    return kept


class QueryFormMixin:
    """A page or download driven by a GET form (filters, a search).

    The form is bound only when the address has a query string. Input it rejects answers 400:
    a page is rendered around the form's errors; a download overrides `invalid_query`.

    One state has one address: a GET form also submits the fields left empty (`?q=&rtc=a`),
    so an address carrying what `canonical_params` leaves out redirects to the one without.
    """

    form_class = None

    def get_query_form(self):
        return self.form_class(self.request.GET or None)

    def canonical_params(self, params):
        """`params` (a QueryDict) as the one address of the same state: blank values left out."""
        return without_blanks(params)

    def dispatch(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            canonical = self.canonical_params(request.GET)
            if list(canonical.lists()) != list(request.GET.lists()):
                return redirect(with_query(request.path, canonical))
            self.form = self.get_query_form()
            if self.form.is_bound and not self.form.is_valid():
                return self.invalid_query(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def invalid_query(self, request, *args, **kwargs):
        """The page itself, the form showing its errors, as a 400."""
        response = self.get(request, *args, **kwargs)
        response.status_code = 400
        return response

    def valid_data(self):
        """The cleaned data, or {} when the form is unbound (no query string)."""
        return self.form.cleaned_data if self.form.is_bound else {}

    def error_lines(self):
        """Each of the form's errors as "Label: message", for answers that are not a page."""
        fields = self.form.fields
        return [
            f"{fields[name].label if name in fields else 'Query'}: {error}"
            for name, errors in self.form.errors.items()
            for error in errors
        ]


class RememberedCountPaginator(Paginator):
    """A paginator whose total is counted once per content generation (core.counts)."""

    @cached_property
    def count(self):
        return counts.count(self.object_list)


class PageOutOfRange(Exception):
    def __init__(self, nearest):
        self.nearest = nearest


class ForgivingPaginationMixin:
    """Pagination for the public lists, for people who edit or bookmark addresses.

    A page that is not a whole number is the visitor's mistake: 400 with the reason. A page
    that no longer exists (the list got shorter since it was bookmarked) redirects to the
    nearest page that does, at its own address, keeping the rest of the query string.
    """

    paginator_class = RememberedCountPaginator

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except PageOutOfRange as error:
            params = self.params_without_page()
            if error.nearest > 1:
                params[self.page_kwarg] = error.nearest
            return redirect(self.address_with(params))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Page 1 has one address, the one without `page=1`.
        context["first_page_url"] = self.address_with(self.params_without_page())
        return context

    def params_without_page(self):
        """A copy of this address's query parameters, the page number left out."""
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        return params

    def address_with(self, params):
        """This page's path with `params` as its query string."""
        return with_query(self.request.path, params)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        raw = self.request.GET.get(self.page_kwarg) or "1"
        try:
            number = int(raw)
        except ValueError:
            raise BadRequest(f"“{raw[:20]}” is not a page number.") from None
        if not 1 <= number <= paginator.num_pages:
            raise PageOutOfRange(min(max(number, 1), paginator.num_pages))
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()


def with_published_count(objects, relation):
    """`objects` (records of one model) as a list, each with how many public records it has
    through `relation`, a reverse relation such as "initiatives", as `<model>_count`
    (`initiative_count`).

    The related model's own `published()` decides what counts. One grouped count over all the
    related records, remembered for the content generation (core.counts), so a page of a long
    list and every other page showing these counts share it.
    """
    objects = list(objects)
    if not objects:
        return objects
    reverse = type(objects[0])._meta.get_field(relation)
    related = reverse.related_model
    records = related_published(type(objects[0]), relation)
    per_object = counts.count_by(records, reverse.field.name)
    attribute = f"{related._meta.model_name}_count"
    for item in objects:
        setattr(item, attribute, per_object.get(item.pk, 0))
    return objects


def related_published(model, relation):
    """The public records at the other end of `model`'s reverse relation `relation`, by that
    model's own `published()`: how a lower app shows what an app above it adds (a body's RTC,
    a meeting's initiatives) without importing it."""
    return model._meta.get_field(relation).related_model.objects.published()


@require_safe
def download_file(request, name):
    """/data/<name>: the registered download's current file, or 503 while it is made."""
    try:
        download = downloads.get(name)
    except KeyError:
        raise Http404("No such download.") from None
    return downloads.serve(request, download)
