"""The home page's two small charts, drawn as inline SVG on the server: no chart library, no
JavaScript, nothing to download. Each comes with its numbers as a table (the text equivalent).

The geometry is computed here so that templates only place what they are given.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from core.counts import remembered
from meetings.models import Meeting, Participation

# Drawing units of the viewBox; the SVG scales to the width of its column. Each row is a label
# with its bar underneath, so labels stay legible when a phone shrinks the chart.
WIDTH = 400
BAR_AREA = 340
ROW_HEIGHT = 44
LABEL_BASELINE = 15
BAR_TOP = 20
BAR_HEIGHT = 16
# Colours of the roles, in the order of Participation.Role; dark enough for white text nearby
# and distinct for the common kinds of colour blindness (Okabe-Ito palette).
ROLE_COLOURS = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7"]
BAR_COLOUR = "#0b4f8a"
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
    label_y: int
    y: int
    text_y: int
    value_x: float
    segments: list = field(default_factory=list)


def _scale(values):
    largest = max(values, default=0)
    return BAR_AREA / largest if largest else 0


def initiatives_per_category(categories):
    """A bar per category: how many published initiatives it has.

    `categories` carry their `initiative_count` (see core.views.with_published_count):
    the home page lists the same numbers, so they are counted once.
    """
    scale = _scale([category.initiative_count for category in categories])
    bars = []
    for index, category in enumerate(categories):
        count = category.initiative_count
        width = round(count * scale, 1)
        bar = _bar(index, category.name, category.get_absolute_url(), count, width)
        bar.segments.append(Segment(category.name, count, BAR_COLOUR, 0, width))
        bars.append(bar)
    return {"bars": bars, "height": max(len(bars), 1) * ROW_HEIGHT}


def _bar(index, label, url, total, width):
    y = index * ROW_HEIGHT
    return Bar(
        label=label,
        url=url,
        total=total,
        label_y=y + LABEL_BASELINE,
        y=y + BAR_TOP,
        text_y=y + BAR_TOP + BAR_HEIGHT - 3,
        value_x=width + 6,
    )


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
    for index, (meeting, total) in enumerate(zip(meetings, totals, strict=True)):
        bar = _bar(index, meeting.title, meeting.get_absolute_url(), total, round(total * scale, 1))
        x = 0
        for role, label, colour in roles:
            value = counts.get((meeting.pk, role), 0)
            width = round(value * scale, 1)
            bar.segments.append(Segment(label, value, colour, x, width))
            x += width
        bars.append(bar)
    return {
        "bars": bars,
        "height": max(len(bars), 1) * ROW_HEIGHT,
        "legend": [(label, colour) for _, label, colour in roles],
    }


def home_charts(categories):
    """The context the home page's charts partial (includes/_home_charts.html) needs."""
    return {
        "chart_width": WIDTH,
        "bar_height": BAR_HEIGHT,
        "recent_meetings": RECENT_MEETINGS,
        "category_chart": initiatives_per_category(categories),
        # Drawn once per content generation (core.counts): it changes only with the content.
        "participation_chart": remembered(
            ("home chart", "participation"), participation_per_meeting
        ),
    }
