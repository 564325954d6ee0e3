""" "Duplicate as next year's meeting": what is carried over, and what is refused."""

import datetime

from meetings import duplication
from meetings.models import Meeting, Participation, Status
from tests.support import factories
from tests.support.admin import logged_in, run_action


def test_duplicating_a_meeting_makes_next_years_draft_with_its_participants(
    client, editor_user, seeded
):
    meeting = Meeting.objects.get(number=19)
    response = run_action(
        logged_in(client, editor_user), Meeting, "duplicate_as_next_year", meeting
    )
    copy = Meeting.objects.get(number=20)
    assert "Created “20th RTC Heads Meeting” as a draft" in response.text
    assert copy.title == "20th RTC Heads Meeting"
    assert copy.slug == "20th-rtc-heads-meeting"
    assert copy.status == Status.DRAFT
    assert copy.start_date == datetime.date(2022, 10, 27)
    assert copy.end_date == datetime.date(2022, 10, 28)
    old_roles = set(meeting.participations.values_list("body__name", "role"))
    assert set(copy.participations.values_list("body__name", "role")) == old_roles
    assert len(old_roles) == Participation.objects.filter(meeting=meeting).count() > 0
    assert copy.initiatives.count() == 0
    assert meeting.initiatives.count() == 8


def test_duplicating_twice_says_what_to_do_instead(client, editor_user, seeded):
    meeting = Meeting.objects.get(number=19)
    client = logged_in(client, editor_user)
    run_action(client, Meeting, "duplicate_as_next_year", meeting)
    response = run_action(client, Meeting, "duplicate_as_next_year", meeting)
    assert "The 20th meeting already exists: open it and edit it instead." in response.text
    assert Meeting.objects.filter(number=20).count() == 1


def test_duplicating_keeps_the_slug_unique(db):
    factories.make_meeting(number=30, title="Regional meeting", slug="31st-rtc-heads-meeting")
    copy = duplication.duplicate_as_next_year(Meeting.objects.get(number=30), None)
    assert copy.slug == "31st-rtc-heads-meeting-2"


def test_a_leap_day_moves_to_the_28th():
    assert duplication.one_year_later(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)
