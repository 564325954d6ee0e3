"""The tables the RTC pages show, each built in a few queries from published records: the roster
of RTCs across the latest meetings, the RTC-by-category matrix, the side-by-side comparison of
RTCs, and an RTC's history meeting by meeting. The views (initiatives.views) only choose what
to pass in."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from core import counts as remembered_counts
from core.addresses import filtered_list_url
from meetings.models import Meeting, Participation
from sources.models import published_citations

from .models import RTC, Accreditation, Category, Initiative

# --- The roster ------------------------------------------------------------------------------


# What a roster cell says, by the host administration's role at the meeting.
ROSTER_ROLES = {
    Participation.Role.PARTICIPANT: "RTC",
    Participation.Role.HOST: "host",
    Participation.Role.ORGANISER: "host",
    Participation.Role.OBSERVER: "observer",
    Participation.Role.REPRESENTED: "represented",
}
NOT_NAMED = Participation.NOT_NAMED
ABSENT = Participation.ABSENT


@dataclass
class RosterRow:
    rtc: RTC
    accreditation: object
    cells: list


# Meetings (columns) the roster on the RTC list shows: the latest; the attendance page has all.
ROSTER_MEETINGS = 12


def rtc_roster(rtcs):
    """(meetings oldest first, rows): each RTC with its host's role at each of the latest
    ROSTER_MEETINGS published meetings: RTC, host, observer, "not named" (the account counts the
    RTCs without naming them, and this one had taken part as an RTC before) or absent; and the
    RTC's first dated accreditation step. Four queries."""
    latest = (
        Meeting.objects.published()
        .order_by("-start_date", "-number")
        .only("number", "title", "slug", "rtcs_named", "start_date")[:ROSTER_MEETINGS]
    )
    meetings = sorted(latest, key=lambda meeting: (meeting.start_date, meeting.number))
    hosts = [rtc.host_id for rtc in rtcs]
    roles = {
        (participation.meeting_id, participation.body_id): participation.role
        for participation in Participation.objects.published().filter(
            body__in=hosts, meeting__in=meetings
        )
    }
    earlier = (
        Participation.objects.published()
        .as_rtc()
        .filter(body__in=hosts, meeting__start_date__lt=meetings[0].start_date)
        if meetings
        else Participation.objects.none()
    )
    rtc_before = set(earlier.values_list("body_id", flat=True).distinct())
    first_steps = {}
    for step in Accreditation.objects.published().filter(rtc__in=rtcs).exclude(date=None):
        first_steps.setdefault(step.rtc_id, step)
    rows = []
    for rtc in rtcs:
        cells = []
        # An account that only counts the RTCs leaves out the names of those already RTCs;
        # an administration that had not yet taken part as one was simply not there.
        was_rtc = rtc.host_id in rtc_before
        for meeting in meetings:
            role = roles.get((meeting.pk, rtc.host_id))
            if role:
                cells.append(ROSTER_ROLES[role])
                was_rtc = was_rtc or ROSTER_ROLES[role] in ("RTC", "host")
            else:
                cells.append(NOT_NAMED if was_rtc and not meeting.rtcs_named else ABSENT)
        rows.append(RosterRow(rtc, first_steps.get(rtc.pk), cells))
    return meetings, rows


# --- The matrix ------------------------------------------------------------------------------


@dataclass
class MatrixCell:
    count: int
    url: str


@dataclass
class MatrixRow:
    rtc: RTC
    total: int
    total_url: str
    cells: list = field(default_factory=list)


def initiative_matrix(meeting=None, rtcs=None):
    """(categories, rows): per published RTC, how many published initiatives of each category.

    The categories, the totals and the per-category counts are remembered for the content
    generation (core.counts); each request reads only the RTCs.
    """
    initiatives = Initiative.objects.published()
    if meeting is not None:
        initiatives = initiatives.filter(meeting=meeting)
    meeting_slug = meeting.slug if meeting else None
    categories = remembered_counts.rows(Category.objects.published())
    if rtcs is None:
        rtcs = RTC.objects.published()
    totals = remembered_counts.count_by(initiatives, "rtc")
    links = Initiative.categories.through.objects.filter(
        initiative__in=initiatives, category__in=[category.pk for category in categories]
    )
    counts = remembered_counts.remembered(
        ("matrix", meeting.pk if meeting else None),
        lambda: {
            (row["initiative__rtc"], row["category"]): row["count"]
            for row in links.values("initiative__rtc", "category").annotate(count=Count("pk"))
        },
    )
    rows = []
    for rtc in rtcs:
        row = MatrixRow(
            rtc=rtc,
            total=totals.get(rtc.pk, 0),
            total_url=filtered_list_url("initiatives:list", rtc=rtc.slug, meeting=meeting_slug),
        )
        for category in categories:
            url = filtered_list_url(
                "initiatives:list", rtc=rtc.slug, category=category.slug, meeting=meeting_slug
            )
            row.cells.append(MatrixCell(counts.get((rtc.pk, category.pk), 0), url))
        rows.append(row)
    return categories, rows


# --- Comparing RTCs --------------------------------------------------------------------------


def comparison(rtcs):
    """What the compare page shows for these RTCs, in columns in the order given."""
    rtcs = list(rtcs)
    initiatives = list(
        Initiative.objects.published()
        .filter(rtc__in=rtcs)
        .with_related()
        # With their sources, for the "not confirmed" mark of those only aggregators report.
        .prefetch_related(published_citations())
        .order_by("meeting__start_date", "title")
    )
    categories = {rtc.pk: {} for rtc in rtcs}
    by_meeting = {}
    for initiative in initiatives:
        meeting_row = by_meeting.setdefault(initiative.meeting, {rtc.pk: [] for rtc in rtcs})
        meeting_row[initiative.rtc_id].append(initiative)
        for category in initiative.categories.all():
            categories[initiative.rtc_id][category.pk] = category
    return {
        "rtcs": rtcs,
        "unconfirmed_note": any(initiative.unconfirmed for initiative in initiatives),
        "categories": [
            sorted(categories[rtc.pk].values(), key=lambda category: category.name) for rtc in rtcs
        ],
        "meetings": [
            (meeting, [per_rtc[rtc.pk] for rtc in rtcs]) for meeting, per_rtc in by_meeting.items()
        ],
    }


# --- An RTC's history ------------------------------------------------------------------------


@dataclass
class HistoryRow:
    meeting: Meeting
    initiatives: list
    categories: list
    new_categories: list


def rtc_history(rtc, meetings=None):
    """The RTC's published initiatives meeting by meeting, oldest first, from the first meeting
    it reported at (or, given `meetings`, from the earliest of the latest that many meetings it
    reported at): what it showed and which kinds of delivery were new for it."""
    reported = Initiative.objects.published().for_rtc(rtc)
    first = reported.order_by("meeting__start_date").values_list("meeting__start_date").first()
    if first is None:
        return []
    first = first[0]
    seen = set()
    if meetings is not None:
        dates = (
            reported.order_by("-meeting__start_date")
            .values_list("meeting__start_date", flat=True)
            .distinct()[:meetings]
        )
        first = min(dates)
        # What it showed before the window, so that "new" still means new for the RTC: a scan
        # of all its earlier initiatives, remembered for the content generation.
        earlier = Initiative.categories.through.objects.filter(
            initiative__in=reported.filter(meeting__start_date__lt=first),
            category__in=Category.objects.published(),
        ).values_list("category_id", flat=True)
        seen = set(remembered_counts.rows(earlier.distinct()))
    initiatives = (
        reported.filter(meeting__start_date__gte=first)
        # The table shows how many each meeting had and their kinds of delivery, no more.
        .only("meeting_id", "title", "slug")
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.published().order_by("name"))
        )
        .order_by("meeting__start_date", "title")
    )
    by_meeting = {}
    for initiative in initiatives:
        by_meeting.setdefault(initiative.meeting_id, []).append(initiative)
    rows = []
    for meeting in Meeting.objects.published().filter(start_date__gte=first).order_by("start_date"):
        reported_here = by_meeting.get(meeting.pk, [])
        categories = {c.pk: c for i in reported_here for c in i.categories.all()}
        ordered = sorted(categories.values(), key=lambda category: category.name)
        rows.append(
            HistoryRow(
                meeting=meeting,
                initiatives=reported_here,
                categories=ordered,
                new_categories=[category for category in ordered if category.pk not in seen],
            )
        )
        seen.update(categories)
    return rows
