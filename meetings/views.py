"""The meeting pages: the list and each meeting; administrations and bodies, and who attended
which meeting in which role; the discussion points of one kind from every meeting."""

from dataclasses import dataclass

from django.db.models import Min, Prefetch
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
from sources.models import Citation
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
    Silence,
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
    DiscussionPoint.Kind.TOPIC: "Topics discussed",
    DiscussionPoint.Kind.CHALLENGE: "Challenges",
    DiscussionPoint.Kind.ADVANTAGE: "Advantages",
    DiscussionPoint.Kind.PRIORITY: "Priorities",
    DiscussionPoint.Kind.COMMITMENT: "Commitments",
}
# Who presided, as the facts at the top of the page name it.
CHAIR_HEADINGS = {MeetingRole.Kind.CHAIR: "Chaired by", MeetingRole.Kind.CO_CHAIR: "Co-chaired by"}
BODY_KIND_HEADINGS = {
    Body.Kind.CUSTOMS_ADMINISTRATION: "Customs administrations",
    Body.Kind.INTERNATIONAL_ORGANISATION: "International organisations",
    Body.Kind.REGIONAL_OFFICE: "WCO regional offices",
}
# The address of each kind's page: /discussion-points/challenges/ and so on.
KIND_SLUGS = {
    "topics-discussed": DiscussionPoint.Kind.TOPIC,
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


def published_rtc_of(relation):
    """published_rtc() for the body a record names through `relation`."""
    return Prefetch(
        f"{relation}__rtc", queryset=related_published(Body, "rtc"), to_attr="public_rtc"
    )


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
        context["next_meeting"] = Meeting.objects.next_planned()
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
        # Host and organiser kept apart: an account may name the host as co-chair and only
        # ROCB A/P as organiser.
        context["organisers"] = [
            p for p in participations if p.role == Participation.Role.ORGANISER
        ]
        context["hosts"] = [p for p in participations if p.role == Participation.Role.HOST]
        if meeting.format == Meeting.Format.HYBRID:
            context["joined_online"] = [
                p for p in participations if p.mode == Participation.Mode.ONLINE
            ]
        context["unsaid"] = {
            silence.fact: silence for silence in Silence.objects.published().filter(meeting=meeting)
        }
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
        ("speaking_parts", "running-heading", "Who ran the meeting"),
        (None, "who-heading", "Who took part"),
        ("sessions", "programme-heading", "Programme"),
        ("interventions", "speakers-heading", "Who spoke, and about what"),
        ("discussion_groups", "points-heading", "What the meeting discussed and concluded"),
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
            .prefetch_related(published_rtc_of("body"))
            .in_speaking_order()
        )
        chairs = list(
            MeetingRole.objects.published()
            .filter(meeting=meeting)
            .chairs()
            .select_related("person", "body")
            .prefetch_related(published_rtc_of("body"))
            .order_by("kind", "order", "pk")
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
        programmes = list(context["programmes"])
        references = References.for_records(
            [
                meeting,
                *context["unsaid"].values(),
                *chairs,
                *participations,
                *roles,
                *sessions,
                *presentations,
                *interventions,
                *points,
                *initiatives,
                *programmes,
            ]
        )
        disagreements = disagreements_for(meeting)
        disputes = {}
        for disagreement in disagreements:
            disputes.setdefault(disagreement.fact or "record", []).append(disagreement)
        # In the order the page shows them: the facts, who ran it, who took part, who spoke,
        # what was concluded, the initiatives; each disputed version numbered where it shows.
        meeting_refs = {
            fact or "record": references.refs(meeting, fact) for fact in Citation.facts_for(Meeting)
        }
        references.annotate(context["unsaid"].values())
        references.annotate(chairs)
        references.annotate(roles)
        references.annotate(participations)
        for session in sessions:
            session.refs = references.refs(session)
            references.annotate(session.presentations.all())
        references.annotate(interventions)
        references.annotate(points)
        references.annotate(initiatives)
        references.annotate(programmes)
        for disagreement in disagreements:
            for account in disagreement.versions:
                account.number = references.number(account.source)
        return {
            "meeting_refs": meeting_refs,
            "chair_groups": group_by(chairs, "kind", CHAIR_HEADINGS),
            "speaking_parts": roles,
            "sessions": sessions,
            "interventions": interventions,
            "initiatives": initiatives,
            "programmes": programmes,
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
        regional_roles = list(RegionalRole.objects.published().filter(body=body))
        participations = list(
            Participation.objects.published()
            .filter(body=body)
            .select_related("meeting")
            .order_by("-meeting__start_date")
        )
        interventions = list(
            Intervention.objects.published()
            .filter(body=body)
            .select_related("speaker", "meeting")
            .order_by("-meeting__start_date", "order", "pk")
        )
        commitments = list(
            DiscussionPoint.objects.published()
            .filter(body=body, kind=DiscussionPoint.Kind.COMMITMENT)
            .select_related("meeting")
            .order_by("-meeting__start_date", "order")
        )
        programmes = list(
            Programme.objects.published().filter(body=body).prefetch_related(published_topics())
        )
        # Everything it shows with its sources, numbered in page order and listed at the end,
        # each marked as its meeting's page marks it when only aggregators report it.
        shown = (regional_roles, participations, interventions, commitments, programmes)
        references = References.for_records([record for records in shown for record in records])
        context["regional_roles"] = references.annotate(regional_roles)
        context["participations"] = references.annotate(participations)
        context["interventions"] = references.annotate(interventions)
        context["commitments"] = references.annotate(commitments)
        context["programmes"] = references.annotate(programmes)
        context["references"] = references.numbered_sources()
        return context


# --- Across meetings -------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    body: object
    roles: list


def attendance_table(meetings=None):
    """(meetings oldest first, rows): each body that took part in one of `meetings` (default:
    every published meeting), with its role at each: ABSENT where none is recorded, NOT_NAMED
    where the account does not name the RTCs and this body had taken part as one before (the
    RTC roster says it the same way)."""
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
            participation.body_id,
            AttendanceRow(participation.body, [Participation.ABSENT] * len(meetings)),
        )
        row.roles[columns[participation.meeting_id]] = participation.get_role_display()
    unnamed = [meeting for meeting in meetings if not meeting.rtcs_named]
    if unnamed and rows:
        first_as_rtc = dict(
            Participation.objects.published()
            .as_rtc()
            .filter(body__in=list(rows))
            .order_by()
            .values("body")
            .annotate(first=Min("meeting__start_date"))
            .values_list("body", "first")
        )
        for body, row in rows.items():
            for meeting in unnamed:
                index = columns[meeting.pk]
                before = first_as_rtc.get(body)
                if (
                    row.roles[index] == Participation.ABSENT
                    and before
                    and before < meeting.start_date
                ):
                    row.roles[index] = Participation.NOT_NAMED
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
