from django.db.models import Count, Prefetch
from django.urls import reverse
from django.views.generic import DetailView, ListView

from initiatives.models import RTC, Initiative
from rtcportal.views import BreadcrumbsMixin, ForgivingPaginationMixin, with_initiative_count

from .discovery import json_ld, meeting_event
from .models import Body, DiscussionPoint, Intervention, Meeting, Participation, Programme

# Section headings, in the order a reader wants them.
ROLE_HEADINGS = {
    Participation.Role.ORGANISER: "Organiser",
    Participation.Role.PARTICIPANT: "Participants",
    Participation.Role.REPRESENTED: "Represented",
    Participation.Role.OBSERVER: "Observers",
}
POINT_HEADINGS = {
    DiscussionPoint.Kind.CHALLENGE: "Challenges",
    DiscussionPoint.Kind.ADVANTAGE: "Advantages",
    DiscussionPoint.Kind.PRIORITY: "Priorities",
    DiscussionPoint.Kind.COMMITMENT: "Commitments",
}
BODY_KIND_HEADINGS = {
    Body.Kind.CUSTOMS_ADMINISTRATION: "Customs administrations",
    Body.Kind.INTERNATIONAL_ORGANISATION: "International organisations",
    Body.Kind.REGIONAL_OFFICE: "WCO regional offices",
}


def group_by(items, attribute, headings):
    """[(heading, [items with that value])] in the order of `headings`, skipping empty groups."""
    groups = {value: [] for value in headings}
    for item in items:
        groups[getattr(item, attribute)].append(item)
    return [(headings[value], members) for value, members in groups.items() if members]


def published_rtc():
    """Puts a body's RTC, when the public may see it, on `body.public_rtc` (else None)."""
    return Prefetch("rtc", queryset=RTC.objects.published(), to_attr="public_rtc")


class MeetingListView(BreadcrumbsMixin, ForgivingPaginationMixin, ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 20

    def get_queryset(self):
        return (
            Meeting.objects.published()
            .defer("report")
            .annotate(participant_count=Count("participations"))
            # Meta.ordering does not apply to a query with GROUP BY: say it again.
            .order_by("-start_date")
        )

    def get_breadcrumbs(self):
        return [("Meetings", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meetings"] = with_initiative_count(context["meetings"], "meeting")
        return context


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
        participations = meeting.participations.all()
        context["participation_groups"] = group_by(participations, "role", ROLE_HEADINGS)
        context["organisers"] = [
            participation.body
            for participation in participations
            if participation.role == Participation.Role.ORGANISER
        ]
        context["interventions"] = (
            Intervention.objects.filter(meeting=meeting)
            .select_related("speaker", "body")
            .prefetch_related(Prefetch("programmes", queryset=Programme.objects.published()))
        )
        context["discussion_groups"] = group_by(
            DiscussionPoint.objects.filter(meeting=meeting).select_related("body"),
            "kind",
            POINT_HEADINGS,
        )
        context["programmes"] = (
            Programme.objects.published()
            .filter(interventions__meeting=meeting)
            .select_related("body")
            .distinct()
        )
        context["initiatives"] = (
            Initiative.objects.published()
            .filter(meeting=meeting)
            .with_related()
            .order_by("rtc__name", "title")
        )
        context["initiatives_url"] = f"{reverse('initiatives:list')}?meeting={meeting.slug}"
        context["event_jsonld"] = json_ld(meeting_event(meeting, self.request))
        return context


class AdministrationListView(BreadcrumbsMixin, ListView):
    template_name = "meetings/administration_list.html"
    context_object_name = "bodies"

    def get_queryset(self):
        return Body.objects.published().prefetch_related(published_rtc()).order_by("kind", "name")

    def get_breadcrumbs(self):
        return [("Administrations", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["body_groups"] = group_by(context["bodies"], "kind", BODY_KIND_HEADINGS)
        return context


class AdministrationDetailView(BreadcrumbsMixin, DetailView):
    template_name = "meetings/administration_detail.html"
    context_object_name = "body"

    def get_queryset(self):
        return Body.objects.published().prefetch_related(published_rtc())

    def get_breadcrumbs(self):
        return [
            ("Administrations", reverse("meetings:administration-list")),
            (self.object.name, None),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body = self.object
        context["rtc"] = body.public_rtc
        context["participations"] = (
            Participation.objects.public()
            .filter(body=body)
            .select_related("meeting")
            .order_by("-meeting__start_date")
        )
        context["interventions"] = (
            Intervention.objects.filter(body=body, meeting__in=Meeting.objects.published())
            .select_related("speaker", "meeting")
            .order_by("-meeting__start_date", "order", "pk")
        )
        context["commitments"] = (
            DiscussionPoint.objects.filter(
                body=body,
                kind=DiscussionPoint.Kind.COMMITMENT,
                meeting__in=Meeting.objects.published(),
            )
            .select_related("meeting")
            .order_by("-meeting__start_date", "order")
        )
        context["programmes"] = Programme.objects.published().filter(body=body)
        return context
