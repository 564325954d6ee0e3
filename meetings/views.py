from django.urls import reverse
from django.views.generic import DetailView, ListView

from initiatives.models import RTC, Initiative
from rtcportal.views import BreadcrumbsMixin

from .discovery import json_ld, meeting_event
from .models import Body, DiscussionPoint, Intervention, Meeting, Participation, Programme


def group_by_choice(items, attribute, choices):
    """[(label, [items with that value])] in the order of the choices, skipping empty groups."""
    groups = {value: [] for value in choices.values}
    for item in items:
        groups[getattr(item, attribute)].append(item)
    return [(choices(value).label, members) for value, members in groups.items() if members]


class MeetingListView(BreadcrumbsMixin, ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"

    def get_queryset(self):
        return Meeting.objects.published()

    def get_breadcrumbs(self):
        return [("Meetings", None)]


class MeetingDetailView(BreadcrumbsMixin, DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.published().with_related()

    def get_breadcrumbs(self):
        return [("Meetings", reverse("meetings:list")), (self.object.title, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        context["participation_groups"] = group_by_choice(
            meeting.participations.all(), "role", Participation.Role
        )
        context["interventions"] = (
            Intervention.objects.filter(meeting=meeting)
            .select_related("speaker", "body")
            .prefetch_related("programmes")
        )
        context["discussion_groups"] = group_by_choice(
            DiscussionPoint.objects.filter(meeting=meeting).select_related("body"),
            "kind",
            DiscussionPoint.Kind,
        )
        context["programmes"] = (
            Programme.objects.published().filter(interventions__meeting=meeting).distinct()
        )
        context["initiatives"] = (
            Initiative.objects.published()
            .filter(meeting=meeting)
            .with_related()
            .order_by("rtc__name", "title")
        )
        context["event_jsonld"] = json_ld(meeting_event(meeting, self.request))
        return context


class AdministrationListView(BreadcrumbsMixin, ListView):
    template_name = "meetings/administration_list.html"
    context_object_name = "bodies"

    def get_queryset(self):
        return Body.objects.published().order_by("kind", "name")

    def get_breadcrumbs(self):
        return [("Administrations", None)]


class AdministrationDetailView(BreadcrumbsMixin, DetailView):
    template_name = "meetings/administration_detail.html"
    context_object_name = "body"

    def get_queryset(self):
        return Body.objects.published()

    def get_breadcrumbs(self):
        return [
            ("Administrations", reverse("meetings:administration-list")),
            (self.object.name, None),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rtc"] = RTC.objects.published().filter(host=self.object).first()
        context["participations"] = (
            Participation.objects.public()
            .filter(body=self.object)
            .select_related("meeting")
            .order_by("-meeting__start_date")
        )
        return context
