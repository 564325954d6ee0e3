"""The RTC and initiative pages: the filtered list of initiatives and each initiative; the RTCs,
each with its history across meetings; the RTC-by-category matrix and side-by-side
comparisons of RTCs."""

from dataclasses import dataclass

from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from core import counts as remembered_counts
from core.views import (
    BreadcrumbsMixin,
    ForgivingPaginationMixin,
    QueryFormMixin,
    with_published_count,
)
from documents.views import AttachedDocumentsMixin
from meetings.models import Participation, RegionalRole
from sources.models import published_citations
from sources.references import References, disagreements_for

from .filters import InitiativeFilter
from .forms import CompareForm, MatrixForm
from .models import DETAIL_DEFERRED, RTC, Accreditation, HostInstitution, Initiative
from .tables import comparison, initiative_matrix, rtc_history, rtc_roster


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
    "topic": ("meetings:topic-list", "all topics"),
}


class InitiativeListView(QueryFormMixin, BreadcrumbsMixin, ForgivingPaginationMixin, FilterView):
    """A bookmarked filter that no longer matches anything is the visitor's input being
    wrong, not an empty result: the list says which filter and answers 400."""

    template_name = "initiatives/initiative_list.html"
    filterset_class = InitiativeFilter
    paginate_by = 20

    def get_queryset(self):
        # With their sources, for the "not confirmed" mark of those only aggregators report.
        return Initiative.objects.published().for_listing().prefetch_related(published_citations())

    def get_breadcrumbs(self):
        return [("Initiatives", None)]

    def get_query_form(self):
        return self.get_filterset(self.get_filterset_class()).form

    def canonical_params(self, params):
        """Also without the default order ("Best match" with a search, else newest first; an
        old "Best match" without one means newest too) and without page 1."""
        canonical = InitiativeFilter.without_default_sort(super().canonical_params(params))
        if canonical.get(self.page_kwarg) == "1":
            canonical.pop(self.page_kwarg)
        return canonical

    def get_filterset(self, filterset_class):
        # Built once per request: QueryFormMixin checks it, then FilterView filters with it.
        if getattr(self, "filterset", None) is None:
            self.filterset = super().get_filterset(filterset_class)
        return self.filterset

    def url_without(self, name, value=None):
        """This list's first page without one chosen value of `name` (None: without any)."""
        params = self.params_without_page()
        kept = [] if value is None else [v for v in params.getlist(name) if v != value]
        params.setlist(name, kept)
        return self.address_with(self.canonical_params(params))

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
            counts = remembered_counts.count_by(
                self.filterset.matching_without(name), self.filterset.FACET_FIELDS[name]
            )
            ticked = set(self.request.GET.getlist(name))
            options = field.queryset.values_list("pk", "slug", label_field)
            rows = list(enumerate(remembered_counts.rows(options)))
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
        context["unconfirmed_note"] = any(i.unconfirmed for i in context["object_list"])
        return context


class InitiativeDetailView(AttachedDocumentsMixin, BreadcrumbsMixin, DetailView):
    template_name = "initiatives/initiative_detail.html"
    context_object_name = "initiative"

    def get_queryset(self):
        return Initiative.objects.published().with_related().defer(*DETAIL_DEFERRED)

    def get_breadcrumbs(self):
        return [("Initiatives", reverse("initiatives:list")), (self.object.title, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        references = References.for_records([self.object])
        context["initiative_refs"] = references.refs(self.object)
        context["references"] = references.numbered_sources()
        # With their sources: a neighbour known only from aggregators is marked here as on
        # its own page, and the mark explained once (by the sources list when it does).
        context["more_from_rtc"] = more = list(
            Initiative.objects.published()
            .for_rtc(self.object.rtc)
            .exclude(pk=self.object.pk)
            .for_listing()
            .prefetch_related(published_citations())
            .order_by("-meeting__start_date", "title")[:5]
        )
        context["more_unconfirmed_note"] = not context["references"].unconfirmed and any(
            other.unconfirmed for other in more
        )
        context["topics"] = self.object.topics.published()
        return context


class RTCListView(BreadcrumbsMixin, ListView):
    template_name = "initiatives/rtc_list.html"
    context_object_name = "rtcs"

    def get_breadcrumbs(self):
        return [("RTCs", None)]

    def get_queryset(self):
        return with_published_count(RTC.objects.published().with_related(), "initiatives")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meetings"], context["roster"] = rtc_roster(context["rtcs"])
        return context


# How much of an RTC's record its page shows; the list of initiatives has the rest.
RTC_LATEST_INITIATIVES = 20
RTC_HISTORY_MEETINGS = 12


class RTCDetailView(AttachedDocumentsMixin, BreadcrumbsMixin, DetailView):
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
            .for_listing()
            .order_by("-meeting__start_date", "title")
        )
        # The latest few, and a link to the list filtered by this RTC for the rest: an RTC
        # reports hundreds over the years.
        context["initiatives"] = latest = list(initiatives[:RTC_LATEST_INITIATIVES])
        context["initiative_total"] = remembered_counts.count_by(
            Initiative.objects.published(), "rtc"
        ).get(self.object.pk, 0)
        context["history"] = rtc_history(self.object, meetings=RTC_HISTORY_MEETINGS)
        context["history_meetings"] = RTC_HISTORY_MEETINGS
        rtc = self.object
        accreditations = list(Accreditation.objects.published().filter(rtc=rtc))
        institutions = list(HostInstitution.objects.published().filter(rtc=rtc))
        # The host administration's regional offices (the A/P Vice-Chair), with their sources.
        regional_roles = list(RegionalRole.objects.published().filter(body=rtc.host_id))
        references = References.for_records(
            [rtc, *accreditations, *institutions, *regional_roles, *latest]
        )
        context["rtc_refs"] = references.refs(rtc)
        context["accreditations"] = references.annotate(accreditations)
        context["institutions"] = references.annotate(institutions)
        context["regional_roles"] = references.annotate(regional_roles)
        context["disagreements"] = disagreements_for(rtc, references)
        # Its initiatives' sources after its own, in the order the page shows them.
        references.annotate(latest)
        context["references"] = references.numbered_sources()
        # The latest meetings its host took part in, initiatives reported or not; one more is
        # read to know whether earlier ones exist (the attendance page has them all).
        attended = list(
            Participation.objects.published()
            .filter(body=rtc.host)
            .select_related("meeting")
            .order_by("-meeting__start_date")[: RTC_HISTORY_MEETINGS + 1]
        )
        # Its host took part before the RTC existed (an observer, an applicant): those
        # meetings are not the RTC's, and are shown apart.
        became_rtc = min((step.date for step in accreditations if step.date), default=None)
        shown = list(reversed(attended[:RTC_HISTORY_MEETINGS]))
        context["meetings_before_accreditation"] = [
            participation
            for participation in shown
            if became_rtc and participation.meeting.start_date < became_rtc
        ]
        context["meetings_attended"] = [
            participation.meeting
            for participation in shown
            if participation not in context["meetings_before_accreditation"]
        ]
        context["earlier_meetings_attended"] = len(attended) > RTC_HISTORY_MEETINGS
        return context


# RTCs (rows) per page of the matrix: at 200 RTCs the whole table would weigh 500 KB.
MATRIX_RTCS = 50


class MatrixView(QueryFormMixin, BreadcrumbsMixin, ForgivingPaginationMixin, ListView):
    template_name = "initiatives/rtc_matrix.html"
    form_class = MatrixForm
    paginate_by = MATRIX_RTCS

    def get_queryset(self):
        return RTC.objects.published()

    def get_breadcrumbs(self):
        return [("RTCs", reverse("initiatives:rtc-list")), ("Who does what", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.valid_data()
        meeting = data.get("meeting")
        context["form"] = self.form
        context["meeting"] = meeting
        context["categories"], context["rows"] = initiative_matrix(
            meeting, context["page_obj"].object_list
        )
        return context


class CompareView(QueryFormMixin, BreadcrumbsMixin, TemplateView):
    template_name = "initiatives/rtc_compare.html"
    form_class = CompareForm

    def get_query_form(self):
        # No RTC chosen yet (whatever else the address carries) is the picker, not an error.
        chosen = [slug for slug in self.request.GET.getlist("rtc") if slug]
        return self.form_class(self.request.GET if chosen else None)

    def get_breadcrumbs(self):
        return [("RTCs", reverse("initiatives:rtc-list")), ("Compare", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        data = self.valid_data()
        if data:
            chosen = {rtc.slug: rtc for rtc in data["rtc"].select_related("host")}
            # Columns in the order the visitor asked for them.
            order = dict.fromkeys(self.request.GET.getlist("rtc"))
            context["comparison"] = comparison(chosen[slug] for slug in order if slug in chosen)
        return context
