from django.db.models import Count, Q
from django.urls import reverse
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from rtcportal.views import BreadcrumbsMixin

from .discovery import rtc_history
from .filters import InitiativeFilter
from .models import RTC, Initiative


class InitiativeListView(BreadcrumbsMixin, FilterView):
    template_name = "initiatives/initiative_list.html"
    filterset_class = InitiativeFilter
    paginate_by = 20

    def get_queryset(self):
        return Initiative.objects.published().with_related()

    def get_breadcrumbs(self):
        return [("Initiatives", None)]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            # A bookmarked filter that no longer matches anything is the user's
            # input being wrong, not an empty result: say so with a 400.
            response.status_code = 400
        return response


class InitiativeDetailView(BreadcrumbsMixin, DetailView):
    template_name = "initiatives/initiative_detail.html"
    context_object_name = "initiative"

    def get_queryset(self):
        return Initiative.objects.published().with_related()

    def get_breadcrumbs(self):
        return [("Initiatives", reverse("initiatives:list")), (self.object.title, None)]


class RTCListView(BreadcrumbsMixin, ListView):
    template_name = "initiatives/rtc_list.html"
    context_object_name = "rtcs"

    def get_breadcrumbs(self):
        return [("RTCs", None)]

    def get_queryset(self):
        return (
            RTC.objects.published()
            .with_related()
            .annotate(
                initiative_count=Count(
                    "initiatives",
                    filter=Q(initiatives__in=Initiative.objects.published()),
                )
            )
        )


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
        context["history"] = rtc_history(self.object)
        return context
