"""A second, clearly fictional meeting for tests only: never part of the real data.

The 19th meeting is the only real one; pages that span meetings (an RTC's history,
comparisons, attendance, discussion points by kind) need a second meeting to show anything
worth testing. Every title here says it is fictional.
"""

import datetime

from initiatives.models import RTC, Category, Initiative
from meetings.models import Body, DiscussionPoint, Meeting, Participation, Status

DEMO_SLUG = "fictional-demonstration-meeting"


def load_demo_meeting():
    """The fictional meeting, a year after the 19th, on top of the 19th meeting's records."""
    meeting = Meeting.objects.create(
        number=90,
        title="Fictional demonstration meeting",
        slug=DEMO_SLUG,
        theme="Fictional data used only by the test suite",
        start_date=datetime.date(2022, 11, 8),
        end_date=datetime.date(2022, 11, 10),
        format=Meeting.Format.IN_PERSON,
        city="Fictional City",
        summary="A fictional meeting that exists only in tests, to show change across meetings.",
        status=Status.PUBLISHED,
    )
    bodies = {body.slug: body for body in Body.objects.all()}
    roles = {
        "rocb-ap": Participation.Role.ORGANISER,
        "japan": Participation.Role.PARTICIPANT,
        "hong-kong-china": Participation.Role.PARTICIPANT,
        "china": Participation.Role.PARTICIPANT,
        "iran": Participation.Role.PARTICIPANT,  # an observer at the 19th, a participant here
        "thailand": Participation.Role.OBSERVER,
        "wco": Participation.Role.REPRESENTED,
    }
    Participation.objects.bulk_create(
        Participation(meeting=meeting, body=bodies[slug], role=role) for slug, role in roles.items()
    )
    points = [
        (DiscussionPoint.Kind.CHALLENGE, "Fictional challenge: keeping VR headsets charged"),
        (DiscussionPoint.Kind.ADVANTAGE, "Fictional advantage: trainees repeat scenarios at will"),
        (DiscussionPoint.Kind.PRIORITY, "Fictional priority: a shared scenario library"),
        (DiscussionPoint.Kind.COMMITMENT, "Fictional commitment: host the scenario library"),
    ]
    DiscussionPoint.objects.bulk_create(
        DiscussionPoint(
            meeting=meeting,
            kind=kind,
            text=text,
            body=bodies["rocb-ap"] if kind == DiscussionPoint.Kind.COMMITMENT else None,
        )
        for kind, text in points
    )
    categories = {category.slug: category for category in Category.objects.all()}
    rtcs = {rtc.slug: rtc for rtc in RTC.objects.all()}
    initiatives = [
        ("japan-rtc", "Fictional VR customs inspection trainer", ["vr-simulation"]),
        ("japan-rtc", "Fictional AI tutor follow-up", ["ai-tutoring-qa", "mobile-learning"]),
        ("hong-kong-china-rtc", "Fictional VR scenario library", ["vr-simulation"]),
        ("china-rtc", "Fictional mobile platform", ["mobile-learning", "online-learning-platform"]),
    ]
    for rtc_slug, title, category_slugs in initiatives:
        initiative = Initiative.objects.create(
            rtc=rtcs[rtc_slug],
            meeting=meeting,
            title=title,
            slug=f"{rtc_slug}-{title.lower().replace(' ', '-')}",
            summary=f"{title}: invented for the test suite.",
            status=Status.PUBLISHED,
        )
        initiative.categories.set([categories[slug] for slug in category_slugs])
    return meeting
