from django.core.exceptions import BadRequest
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from rtcportal.views import BreadcrumbsMixin, with_initiative_count

from .discovery import rtc_history
from .filters import InitiativeFilter
from .models import RTC, Initiative


class PageOutOfRange(Exception):
    def __init__(self, nearest):
        self.nearest = nearest


class InitiativeListView(BreadcrumbsMixin, FilterView):
    template_name = "initiatives/initiative_list.html"
    filterset_class = InitiativeFilter
    paginate_by = 20

    def get_queryset(self):
        return Initiative.objects.published().with_related()

    def get_breadcrumbs(self):
        return [("Initiatives", None)]

    def get(self, request, *args, **kwargs):
        try:
            response = super().get(request, *args, **kwargs)
        except PageOutOfRange as error:
            # A bookmarked page that no longer exists (the list got shorter): show the
            # nearest page that does, at its own address.
            return redirect(self.url_with(page=error.nearest))
        if self.filterset.is_bound and not self.filterset.is_valid():
            # A bookmarked filter that no longer matches anything is the user's
            # input being wrong, not an empty result: say so with a 400.
            response.status_code = 400
        return response

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

    def url_with(self, page=None, drop=None):
        """This list's address with `page` set (1: left out) or one chosen value dropped.

        `drop=(name, None)` drops every value of `name`.
        """
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        if page and page > 1:
            params[self.page_kwarg] = page
        if drop:
            name, value = drop
            kept = [] if value is None else [v for v in params.getlist(name) if v != value]
            params.setlist(name, kept)
        query = params.urlencode()
        return f"{reverse('initiatives:list')}?{query}" if query else reverse("initiatives:list")

    def count_facet_options(self):
        """Annotate each filter option with the number of initiatives choosing it would give.

        One query per facet however many options and initiatives there are.
        """
        for name in self.filterset.FACETS:
            field = self.filterset.form.fields[name]
            matching = self.filterset.matching_without(name).values("pk")
            field.queryset = field.queryset.annotate(
                initiative_count=Count("initiatives", filter=Q(initiatives__in=matching))
            )

    def get_chips(self):
        """Each chosen filter value as (label, address of this list without it)."""
        chosen = self.filterset.chosen
        chips = []
        if "q" in chosen:
            # The search is one value, compared after stripping: drop it whatever was typed.
            chips.append((f"Search: {chosen['q']}", self.url_with(drop=("q", None))))
        for name in self.filterset.FACETS:
            label = self.filterset.form.fields[name].label
            for value in chosen.get(name, ()):
                chips.append((f"{label}: {value}", self.url_with(drop=(name, value.slug))))
        return chips

    def get_page_title(self, chips, page):
        title = "Initiatives"
        if chips:
            title += " (" + ", ".join(label for label, url in chips) + ")"
        if page.number > 1:
            title += f", page {page.number}"
        return title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.count_facet_options()
        context["chips"] = self.get_chips()
        context["page_title"] = self.get_page_title(context["chips"], context["page_obj"])
        context["clear_url"] = reverse("initiatives:list")
        return context


class InitiativeDetailView(BreadcrumbsMixin, DetailView):
    template_name = "initiatives/initiative_detail.html"
    context_object_name = "initiative"

    def get_queryset(self):
        return Initiative.objects.published().with_related()

    def get_breadcrumbs(self):
        return [("Initiatives", reverse("initiatives:list")), (self.object.title, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["more_from_rtc"] = (
            Initiative.objects.published()
            .for_rtc(self.object.rtc)
            .exclude(pk=self.object.pk)
            .select_related("meeting")
            .order_by("-meeting__start_date", "title")[:5]
        )
        return context


class RTCListView(BreadcrumbsMixin, ListView):
    template_name = "initiatives/rtc_list.html"
    context_object_name = "rtcs"

    def get_breadcrumbs(self):
        return [("RTCs", None)]

    def get_queryset(self):
        return with_initiative_count(RTC.objects.published().with_related())


class RTCDetailView(BreadcrumbsMixin, DetailView):
    template_name = "initiatives/rtc_detail.html"
    context_object_name = "rtc"

    def get_queryset(self):
        return RTC.objects.published().with_related()

    def get_breadcrumbs(self):
        return [("RTCs", reverse("initiatives:rtc-list")), (self.object.name, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiatives = (
            Initiative.objects.published()
            .for_rtc(self.object)
            .with_related()
            .order_by("-meeting__start_date", "title")
        )
        context["initiatives"] = initiatives
        context["initiatives_url"] = f"{reverse('initiatives:list')}?rtc={self.object.slug}"
        context["history"] = rtc_history(self.object)
        return context
