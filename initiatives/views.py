from dataclasses import dataclass

from django.urls import reverse
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from rtcportal.views import BreadcrumbsMixin, ForgivingPaginationMixin, with_initiative_count

from .discovery import rtc_history
from .filters import InitiativeFilter
from .models import RTC, Initiative


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool
    id: str


@dataclass
class Facet:
    """One repeatable filter of the list as the form shows it: each option with its count.

    A facet with more than FACET_LIMIT options shows the ticked ones and those giving the
    most initiatives; `hidden` says how many were left out, `browse_url` where to find them.
    """

    name: str
    label: str
    options: list
    hidden: int = 0
    browse_url: str = ""
    browse_label: str = ""


FACET_LIMIT = 12
# Where each facet's every option can be browsed, each leading to this list filtered by it.
FACET_BROWSE = {
    "rtc": ("initiatives:rtc-list", "all RTCs"),
    "category": ("initiatives:matrix", "all kinds of delivery"),
    "meeting": ("meetings:list", "all meetings"),
}


class InitiativeListView(BreadcrumbsMixin, ForgivingPaginationMixin, FilterView):
    template_name = "initiatives/initiative_list.html"
    filterset_class = InitiativeFilter
    paginate_by = 20

    def get_queryset(self):
        return Initiative.objects.published().with_related()

    def get_breadcrumbs(self):
        return [("Initiatives", None)]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        invalid = self.filterset.is_bound and not self.filterset.is_valid()
        if response.status_code == 200 and invalid:
            # A bookmarked filter that no longer matches anything is the user's
            # input being wrong, not an empty result: say so with a 400.
            response.status_code = 400
        return response

    def url_without(self, name, value=None):
        """This list's first page without one chosen value of `name` (None: without any)."""
        params = self.params_without_page()
        kept = [] if value is None else [v for v in params.getlist(name) if v != value]
        params.setlist(name, kept)
        return self.address_with(params)

    def get_facets(self):
        """Each facet's options, labelled with counts and ticked as the address asks.

        Drawn by the template from plain values: Django's per-option widget templates cost
        tens of milliseconds on a list with a couple of hundred options.
        """
        facets = []
        for name, label_field in self.filterset.FACETS.items():
            field = self.filterset.form.fields[name]
            # Counted over what every other chosen filter gives: the number the user gets
            # by ticking the option.
            counts = self.filterset.matching_without(name).count_by(name)
            ticked = set(self.request.GET.getlist(name))
            rows = list(enumerate(field.queryset.values_list("pk", "slug", label_field)))
            shown = self.shown_options(rows, counts, ticked)
            facet = Facet(name=name, label=field.label, options=[])
            for index, (pk, slug, label) in rows:
                if index in shown:
                    count = counts.get(pk, 0)
                    facet.options.append(
                        FacetOption(
                            value=slug,
                            label=f"{label} ({count})",
                            count=count,
                            checked=slug in ticked,
                            id=f"id_{name}_{index}",
                        )
                    )
            if len(facet.options) < len(rows):
                facet.hidden = len(rows) - len(facet.options)
                url_name, facet.browse_label = FACET_BROWSE[name]
                facet.browse_url = reverse(url_name)
            facets.append(facet)
        return facets

    @staticmethod
    def shown_options(rows, counts, ticked):
        """Indexes of the options to show: all, or the ticked ones and the FACET_LIMIT giving
        the most initiatives (ties in the options' own order)."""
        if len(rows) <= FACET_LIMIT:
            return {index for index, _ in rows}
        busiest = sorted(rows, key=lambda row: -counts.get(row[1][0], 0))[:FACET_LIMIT]
        return {index for index, _ in busiest} | {
            index for index, (_, slug, _) in rows if slug in ticked
        }

    def get_chips(self):
        """Each chosen filter value as (label, address of this list without it)."""
        chosen = self.filterset.chosen
        chips = []
        if "q" in chosen:
            # The search is one value, compared after stripping: drop it whatever was typed.
            chips.append((f"Search: {chosen['q']}", self.url_without("q")))
        for name in self.filterset.FACETS:
            label = self.filterset.form.fields[name].label
            for value in chosen.get(name, ()):
                chips.append((f"{label}: {value}", self.url_without(name, value.slug)))
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
        context["facets"] = self.get_facets()
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
        return with_initiative_count(RTC.objects.published().with_related(), "rtc")


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
