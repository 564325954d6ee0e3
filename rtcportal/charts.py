"""The home page's small chart, drawn on the server: no chart library, no JavaScript, nothing
to download. It comes with its numbers as a table (the text equivalent).

Each row is an HTML label above an inline SVG bar and its total: the text stays at body size
and wraps on a phone, where text inside a shrinking SVG would shrink with it. The bars'
geometry is computed here so that templates only place what they are given.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from core.counts import remembered
from meetings.models import Meeting, Participation

# Drawing units of a bar's viewBox; the bar stretches to the width its row leaves.
BAR_AREA = 340
BAR_HEIGHT = 16
# Colours of the roles, in the order of Participation.Role; dark enough for white text nearby
# and distinct for the common kinds of colour blindness (Okabe-Ito palette).
ROLE_COLOURS = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7"]
# The participation chart shows the latest meetings only: the attendance page has them all.
RECENT_MEETINGS = 10


@dataclass
class Segment:
    label: str
    value: int
    colour: str
    x: float
    width: float


@dataclass
class Bar:
    """One row of a chart: a label above a bar of one or more segments, and the total."""

    label: str
    url: str
    total: int
    segments: list = field(default_factory=list)


def _scale(values):
    largest = max(values, default=0)
    return BAR_AREA / largest if largest else 0


def participation_per_meeting():
    """A stacked bar per recent published meeting: how many bodies took part in each role.

    Two queries: the latest RECENT_MEETINGS meetings (oldest first, so time runs down the
    chart), then their participations counted by role.
    """
    latest = (
        Meeting.objects.published()
        .order_by("-start_date")
        .only("title", "slug", "start_date")[:RECENT_MEETINGS]
    )
    meetings = sorted(latest, key=lambda meeting: meeting.start_date)
    counts = {
        (row["meeting"], row["role"]): row["count"]
        for row in Participation.objects.published()
        .filter(meeting__in=meetings)
        .values("meeting", "role")
        .annotate(count=Count("pk"))
    }
    roles = list(
        zip(Participation.Role.values, Participation.Role.labels, ROLE_COLOURS, strict=True)
    )
    totals = [
        sum(counts.get((meeting.pk, role), 0) for role, _, _ in roles) for meeting in meetings
    ]
    scale = _scale(totals)
    bars = []
    for meeting, total in zip(meetings, totals, strict=True):
        bar = Bar(meeting.title, meeting.get_absolute_url(), total)
        x = 0
        for role, label, colour in roles:
            value = counts.get((meeting.pk, role), 0)
            width = round(value * scale, 1)
            bar.segments.append(Segment(label, value, colour, x, width))
            x += width
        bars.append(bar)
    return {
        "bars": bars,
        "legend": [(label, colour) for _, label, colour in roles],
    }


def home_charts():
    """The context the home page's chart partial (includes/_home_charts.html) needs. Its
    initiatives per kind of delivery are a list of links with counts on the home page: a chart
    of the same numbers would show them twice."""
    return {
        "chart_width": BAR_AREA,
        "bar_height": BAR_HEIGHT,
        "recent_meetings": RECENT_MEETINGS,
        # Drawn once per content generation (core.counts): it changes only with the content.
        "participation_chart": remembered(
            ("home chart", "participation"), participation_per_meeting
        ),
    }
