"""Pages across meetings: who attended which meeting in which role, the discussion points of one
kind from every meeting, and the schema.org description of a meeting for search engines."""

import json
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from rtcportal.views import BreadcrumbsMixin

from .models import DiscussionPoint, Meeting, Participation

# --- Attendance ------------------------------------------------------------------------------

ABSENT = "—"


@dataclass
class AttendanceRow:
    body: object
    roles: list


def attendance_table():
    """(meetings oldest first, rows): each body that took part in a published meeting, with its
    role at each meeting (ABSENT where it is not recorded). Two queries."""
    meetings = list(Meeting.objects.published().order_by("start_date"))
    columns = {meeting.pk: index for index, meeting in enumerate(meetings)}
    rows = {}
    participations = (
        Participation.objects.public().select_related("body").order_by("body__name", "body__pk")
    )
    for participation in participations:
        row = rows.setdefault(
            participation.body_id, AttendanceRow(participation.body, [ABSENT] * len(meetings))
        )
        row.roles[columns[participation.meeting_id]] = participation.get_role_display()
    return meetings, list(rows.values())


class AttendanceView(BreadcrumbsMixin, TemplateView):
    template_name = "meetings/attendance.html"

    def get_breadcrumbs(self):
        return [("Administrations", reverse("meetings:administration-list")), ("Attendance", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meetings"], context["rows"] = attendance_table()
        return context


# --- Discussion points by kind ---------------------------------------------------------------

# The address of each kind's page: /discussion-points/challenges/ and so on.
KIND_SLUGS = {
    "challenges": DiscussionPoint.Kind.CHALLENGE,
    "advantages": DiscussionPoint.Kind.ADVANTAGE,
    "priorities": DiscussionPoint.Kind.PRIORITY,
    "commitments": DiscussionPoint.Kind.COMMITMENT,
}
KIND_TITLES = {
    DiscussionPoint.Kind.CHALLENGE: "Challenges",
    DiscussionPoint.Kind.ADVANTAGE: "Advantages",
    DiscussionPoint.Kind.PRIORITY: "Priorities",
    DiscussionPoint.Kind.COMMITMENT: "Commitments",
}


def public_discussion_points():
    return DiscussionPoint.objects.filter(meeting__in=Meeting.objects.published())


def kind_links(current=None):
    """[(title, url, is_current)] for the kinds' pages, in the order of the choices."""
    return [
        (KIND_TITLES[kind], reverse("meetings:discussion-kind", args=[slug]), kind == current)
        for slug, kind in KIND_SLUGS.items()
    ]


class DiscussionKindView(BreadcrumbsMixin, TemplateView):
    template_name = "meetings/discussion_kind.html"

    def get(self, request, *args, **kwargs):
        try:
            self.kind = KIND_SLUGS[kwargs["kind"]]
        except KeyError:
            raise Http404("No such kind of discussion point.") from None
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [("Meetings", reverse("meetings:list")), (KIND_TITLES[self.kind], None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = KIND_TITLES[self.kind]
        context["kinds"] = kind_links(self.kind)
        context["points"] = (
            public_discussion_points()
            .filter(kind=self.kind)
            .select_related("meeting", "body")
            .order_by("-meeting__start_date", "order", "pk")
        )
        return context


# --- schema.org Event ------------------------------------------------------------------------

ATTENDANCE_MODES = {
    Meeting.Format.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    Meeting.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Meeting.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
# json.dumps leaves these as they are; inside <script> they could end it or open a comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def meeting_event(meeting, request):
    """The meeting as a schema.org Event. Uses the participations with_related() prefetched."""
    url = request.build_absolute_uri(meeting.get_absolute_url())
    if meeting.format == Meeting.Format.VIRTUAL:
        location = {"@type": "VirtualLocation", "url": url}
    else:
        location = {"@type": "Place", "name": meeting.location or meeting.title}
    organisers = [
        {"@type": "Organization", "name": participation.body.full_name or participation.body.name}
        for participation in meeting.participations.all()
        if participation.role == Participation.Role.ORGANISER
    ]
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "startDate": meeting.start_date.isoformat(),
        "endDate": meeting.end_date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[meeting.format],
        "location": location,
        "url": url,
    }
    if meeting.summary:
        event["description"] = meeting.summary
    if organisers:
        event["organizer"] = organisers[0] if len(organisers) == 1 else organisers
    return event


def json_ld(data):
    """A <script type="application/ld+json"> block: data, not code, so a strict CSP allows it."""
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    # Safe: json.dumps quotes every string, and the escapes above keep "</script>" and
    # "<!--" out; HTML-escaping instead would corrupt the JSON.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
