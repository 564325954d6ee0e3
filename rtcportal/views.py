from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.views.generic import TemplateView

from initiatives.models import RTC, Category, Initiative
from meetings.models import Meeting

from .charts import home_charts


class BreadcrumbsMixin:
    """Puts the trail from Home to this page in the context as (label, url) pairs."""

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class PageOutOfRange(Exception):
    def __init__(self, nearest):
        self.nearest = nearest


class ForgivingPaginationMixin:
    """Pagination for the public lists, for people who edit or bookmark addresses.

    A page that is not a whole number is the visitor's mistake: 400 with the reason. A page
    that no longer exists (the list got shorter since it was bookmarked) redirects to the
    nearest page that does, at its own address, keeping the rest of the query string.
    """

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except PageOutOfRange as error:
            params = self.params_without_page()
            if error.nearest > 1:
                params[self.page_kwarg] = error.nearest
            return redirect(self.address_with(params))

    def params_without_page(self):
        """A copy of this address's query parameters, the page number left out."""
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        return params

    def address_with(self, params):
        """This page's path with `params` as its query string."""
        query = params.urlencode()
        return f"{self.request.path}?{query}" if query else self.request.path

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


def with_initiative_count(objects, by):
    """`objects` (RTCs, meetings or categories, as `by` says) as a list, each with the number
    of published initiatives it has as `initiative_count`.

    One grouped count over the initiatives, rather than a join per row: at 100,000
    initiatives that is half the time.
    """
    objects = list(objects)
    initiatives = Initiative.objects.published()
    if by != "category":
        # A page of a long list counts only its own rows' initiatives.
        initiatives = initiatives.filter(**{f"{by}__in": objects})
    counts = initiatives.count_by(by)
    for item in objects:
        item.initiative_count = counts.get(item.pk, 0)
    return objects


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meetings"] = Meeting.objects.published()[:3]
        context["rtcs"] = with_initiative_count(RTC.objects.published().with_related(), "rtc")
        context["categories"] = with_initiative_count(Category.objects.published(), "category")
        context.update(home_charts(context["categories"]))
        return context
