"""The meeting pages: the list and each meeting; administrations and bodies, and who attended
which meeting in which role; the discussion points of one kind from every meeting."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.views import (
    BreadcrumbsMixin,
    ForgivingPaginationMixin,
    related_published,
    with_published_count,
)
from documents.models import Document
from documents.views import AttachedDocumentsMixin
from sources.references import References, disagreements_for

from .duplication import ordinal
from .models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Participation,
    Presentation,
    Programme,
    RegionalRole,
    Session,
)
from .schema_org import json_ld, meeting_schema
from .topics import published_topics

# Section headings, in the order a reader wants them.
ROLE_HEADINGS = {
    Participation.Role.ORGANISER: "Organiser",
    Participation.Role.HOST: "Host",
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
# The facts of a meeting that sources are cited for, as `Citation.fact` names them; empty for
# the meeting as a whole (the page calls it "record").
MEETING_FACTS = ["", "dates", "format", "venue", "theme", "size"]
# Who ran the meeting, by part, in the order of the page.
RUNNING_HEADINGS = {
    MeetingRole.Kind.CHAIR: "Chair",
    MeetingRole.Kind.CO_CHAIR: "Co-chairs",
    MeetingRole.Kind.OPENING: "Opening",
    MeetingRole.Kind.WELCOME: "Welcome remarks",
    MeetingRole.Kind.WRAP_UP: "Wrap-up and way forward",
    MeetingRole.Kind.CLOSING: "Closing remarks",
}
BODY_KIND_HEADINGS = {
    Body.Kind.CUSTOMS_ADMINISTRATION: "Customs administrations",
    Body.Kind.INTERNATIONAL_ORGANISATION: "International organisations",
    Body.Kind.REGIONAL_OFFICE: "WCO regional offices",
}
# The address of each kind's page: /discussion-points/challenges/ and so on.
KIND_SLUGS = {
    "challenges": DiscussionPoint.Kind.CHALLENGE,
    "advantages": DiscussionPoint.Kind.ADVANTAGE,
    "priorities": DiscussionPoint.Kind.PRIORITY,
    "commitments": DiscussionPoint.Kind.COMMITMENT,
}


def group_by(items, attribute, headings):
    """[(heading, [items with that value])] in the order of `headings`, skipping empty groups."""
    groups = {value: [] for value in headings}
    for item in items:
        groups[getattr(item, attribute)].append(item)
    return [(headings[value], members) for value, members in groups.items() if members]


def published_rtc():
    """Puts a body's RTC, when the public may see it, on `body.public_rtc` (else None)."""
    return Prefetch("rtc", queryset=related_published(Body, "rtc"), to_attr="public_rtc")


@dataclass
class RecordGap:
    """A meeting of the series with no public account: a number missing between two
    published meetings. Derived, not stored: a stored placeholder would need dates it does
    not have and would show up in the calendar, the sitemaps and the charts."""

    number: int
    is_gap = True

    @property
    def title(self):
        return f"{ordinal(self.number)} RTC Heads Meeting"


def with_gaps(meetings):
    """The meetings (newest first) with a RecordGap for each number missing between two of
    them: the 12th and 15th between the 11th and the 21st. Gaps across a page break are
    shown on neither page."""
    entries = []
    for meeting in meetings:
        if entries:
            entries += [RecordGap(n) for n in range(entries[-1].number - 1, meeting.number, -1)]
        entries.append(meeting)
    return entries


class MeetingListView(BreadcrumbsMixin, ForgivingPaginationMixin, ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 20

    def get_queryset(self):
        return Meeting.objects.published().defer("report")

    def get_breadcrumbs(self):
        return [("Meetings", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = with_published_count(context["meetings"], "initiatives")
        context["meetings"] = with_published_count(meetings, "participations")
        context["entries"] = with_gaps(context["meetings"])
        return context


class MeetingDetailView(AttachedDocumentsMixin, BreadcrumbsMixin, DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.published().with_related().defer("search_vector")

    def get_breadcrumbs(self):
        return [("Meetings", reverse("meetings:list")), (self.object.title, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        participations = meeting.participations.all()
        context["participation_groups"] = group_by(participations, "role", ROLE_HEADINGS)
        context["body_count"] = len(participations)
        context["organisers"] = [
            participation
            for participation in participations
            if participation.role in (Participation.Role.ORGANISER, Participation.Role.HOST)
        ]
        context["interventions"] = (
            Intervention.objects.published()
            .filter(meeting=meeting)
            .select_related("speaker", "body")
            .defer("search_vector")
            .prefetch_related(
                Prefetch("programmes", queryset=Programme.objects.published()),
                # Only published interventions are listed here: their documents need only
                # their own status.
                Prefetch(
                    "documents",
                    queryset=Document.objects.published_on_shown_record().for_listing(),
                ),
                published_topics(),
            )
        )
        context["discussion_groups"] = group_by(
            DiscussionPoint.objects.published()
            .filter(meeting=meeting)
            .select_related("body")
            .prefetch_related(published_topics()),
            "kind",
            POINT_HEADINGS,
        )
        context["programmes"] = (
            Programme.objects.published()
            .filter(interventions__in=Intervention.objects.published().filter(meeting=meeting))
            .select_related("body")
            .prefetch_related(published_topics())
            .distinct()
        )
        context["topics"] = meeting.topics.published()
        context["initiatives"] = (
            meeting.initiatives.published().for_listing().order_by("rtc__name", "title")
        )
        context["event_jsonld"] = json_ld(meeting_schema(meeting, self.request))
        context.update(self.references(context, participations))
        context["contents"] = self.contents(context)
        return context

    # The page's sections in the order it shows them: (what decides whether it shows, the id
    # of its heading, the heading). A long page opens with links to them, as GOV.UK's do.
    SECTIONS = [
        ("running_groups", "running-heading", "Who ran the meeting"),
        (None, "who-heading", "Who took part"),
        ("interventions", "speakers-heading", "Who spoke, and about what"),
        ("discussion_groups", "points-heading", "What the meeting concluded"),
        ("documents", "documents-heading", "Documents"),
        (None, "initiatives-heading", "Initiatives showcased"),
        ("programmes", "programmes-heading", "Programmes and documents referred to"),
        ("report", "report-heading", "The meeting's account"),
        ("references", "sources-heading", "Sources"),
    ]

    def contents(self, context):
        """[(heading id, heading)] of the sections this meeting's page shows. The querysets
        tested here were read already (references()), or are read now and kept for the page."""
        shown = {**context, "report": self.object.report}
        return [
            (anchor, heading) for key, anchor, heading in self.SECTIONS if not key or shown[key]
        ]

    def references(self, context, participations):
        """Numbered references beside the facts, in page order, and where accounts differ.
        Two queries for the citations and the disagreements, whatever the page holds."""
        meeting = self.object
        roles = list(
            MeetingRole.objects.published()
            .filter(meeting=meeting)
            .select_related("person", "body")
            .order_by("order", "pk")
        )
        sessions = list(
            Session.objects.published()
            .filter(meeting=meeting)
            .order_by("order", "pk")
            .prefetch_related(
                Prefetch(
                    "presentations",
                    queryset=Presentation.objects.published().select_related("speaker", "body"),
                )
            )
        )
        presentations = [p for session in sessions for p in session.presentations.all()]
        interventions = list(context["interventions"])
        points = [point for _, group in context["discussion_groups"] for point in group]
        initiatives = list(context["initiatives"])
        references = References.for_records(
            [
                meeting,
                *participations,
                *roles,
                *sessions,
                *presentations,
                *interventions,
                *points,
                *initiatives,
            ]
        )
        disagreements = disagreements_for(meeting)
        disputes = {}
        for disagreement in disagreements:
            disputes.setdefault(disagreement.fact or "record", []).append(disagreement)
        # In the order the page shows them: the facts, who ran it, who took part, who spoke,
        # what was concluded, the initiatives; each disputed version numbered where it shows.
        meeting_refs = {fact or "record": references.refs(meeting, fact) for fact in MEETING_FACTS}
        references.annotate(roles)
        references.annotate(participations)
        for session in sessions:
            session.refs = references.refs(session)
            references.annotate(session.presentations.all())
        references.annotate(interventions)
        references.annotate(points)
        references.annotate(initiatives)
        for disagreement in disagreements:
            for account in disagreement.versions:
                account.number = references.number(account.source)
        return {
            "meeting_refs": meeting_refs,
            "running_groups": group_by(roles, "kind", RUNNING_HEADINGS),
            "sessions": sessions,
            "interventions": interventions,
            "initiatives": initiatives,
            "disputes": disputes,
            "references": references.numbered_sources(),
        }


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
            Participation.objects.published()
            .filter(body=body)
            .select_related("meeting")
            .order_by("-meeting__start_date")
        )
        context["interventions"] = (
            Intervention.objects.published()
            .filter(body=body)
            .select_related("speaker", "meeting")
            .order_by("-meeting__start_date", "order", "pk")
        )
        context["commitments"] = (
            DiscussionPoint.objects.published()
            .filter(body=body, kind=DiscussionPoint.Kind.COMMITMENT)
            .select_related("meeting")
            .order_by("-meeting__start_date", "order")
        )
        context["programmes"] = (
            Programme.objects.published().filter(body=body).prefetch_related(published_topics())
        )
        # Regional offices it held, each with its sources numbered and listed at the end.
        regional_roles = list(RegionalRole.objects.published().filter(body=body))
        references = References.for_records(regional_roles)
        context["regional_roles"] = references.annotate(regional_roles)
        context["references"] = references.numbered_sources()
        return context


# --- Across meetings -------------------------------------------------------------------------

ABSENT = "—"


@dataclass
class AttendanceRow:
    body: object
    roles: list


def attendance_table(meetings=None):
    """(meetings oldest first, rows): each body that took part in one of `meetings` (default:
    every published meeting), with its role at each (ABSENT where it is not recorded)."""
    if meetings is None:
        meetings = Meeting.objects.published()
    meetings = sorted(meetings, key=lambda meeting: meeting.start_date)
    columns = {meeting.pk: index for index, meeting in enumerate(meetings)}
    rows = {}
    participations = (
        Participation.objects.published()
        .filter(meeting__in=list(columns))
        .select_related("body")
        .order_by("body__name", "body__pk")
    )
    for participation in participations:
        row = rows.setdefault(
            participation.body_id, AttendanceRow(participation.body, [ABSENT] * len(meetings))
        )
        row.roles[columns[participation.meeting_id]] = participation.get_role_display()
    return meetings, list(rows.values())


# Meetings (columns) per page of the attendance table, and discussion points per page of a
# kind's list: both grow with every meeting.
ATTENDANCE_MEETINGS = 12
POINTS_PER_PAGE = 100


class AttendanceView(BreadcrumbsMixin, ForgivingPaginationMixin, ListView):
    """The latest ATTENDANCE_MEETINGS meetings first; earlier ones on the next pages."""

    template_name = "meetings/attendance.html"
    paginate_by = ATTENDANCE_MEETINGS

    def get_queryset(self):
        return Meeting.objects.published().order_by("-start_date", "-number").defer("report")

    def get_breadcrumbs(self):
        return [("Administrations", reverse("meetings:administration-list")), ("Attendance", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meetings"], context["rows"] = attendance_table(context["page_obj"].object_list)
        return context


def kind_links(current=None):
    """[(heading, url, is_current)] for the kinds' pages, in the order of the choices."""
    return [
        (POINT_HEADINGS[kind], reverse("meetings:discussion-kind", args=[slug]), kind == current)
        for slug, kind in KIND_SLUGS.items()
    ]


class DiscussionKindView(BreadcrumbsMixin, ForgivingPaginationMixin, ListView):
    template_name = "meetings/discussion_kind.html"
    context_object_name = "points"
    paginate_by = POINTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        try:
            self.kind = KIND_SLUGS[kwargs["kind"]]
        except KeyError:
            raise Http404("No such kind of discussion point.") from None
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [("Meetings", reverse("meetings:list")), (POINT_HEADINGS[self.kind], None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = POINT_HEADINGS[self.kind]
        context["kinds"] = kind_links(self.kind)
        return context

    def get_queryset(self):
        return (
            DiscussionPoint.objects.published()
            .filter(kind=self.kind)
            .select_related("meeting", "body")
            .prefetch_related(published_topics())
            .defer("meeting__summary", "meeting__report")
            .order_by("-meeting__start_date", "order", "pk")
        )
