""" "Duplicate as next year's meeting": what is carried over, and what is refused."""

import datetime

import pytest

from meetings import duplication
from meetings.models import Meeting, Participation, Status
from tests.support import factories
from tests.support.admin import logged_in, run_action

pytestmark = pytest.mark.engine


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
    programme = list(meeting.sessions.values_list("order", "day", "kind", "title"))
    assert list(copy.sessions.values_list("order", "day", "kind", "title")) == programme
    assert f"and {len(programme)} programme sessions copied" in response.text
    assert len(programme) > 0


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


def test_duplicating_carries_what_repeats_and_nothing_that_must_be_new(db):
    """The RTCs and the organiser come along; the place, theme, account, chair,
    sources and each participation's note are the new meeting's own."""
    from meetings.models import MeetingRole, Person
    from meetings.review import missing_for_review

    meeting = factories.make_meeting(
        number=60,
        title="60th RTC Heads Meeting",
        venue="Fictional Customs Academy",
        city="Melaka",
        country="Malaysia",
        theme="Evaluation",
        summary="Held in Melaka.",
    )
    organiser, host, rtc = (factories.make_body(name) for name in ("ROCB", "Hostland", "Rtcland"))
    Participation.objects.create(meeting=meeting, body=organiser, role="organiser")
    Participation.objects.create(meeting=meeting, body=host, role="host", note="Hosted it")
    Participation.objects.create(meeting=meeting, body=rtc, role="participant", note="RTC head")
    chair = Person.objects.create(name="Farah Fictiva", body=host)
    MeetingRole.objects.create(meeting=meeting, person=chair, body=host, kind="chair")
    factories.cite(meeting, factories.make_source(), "dates")

    copy = duplication.duplicate_as_next_year(meeting, None)
    assert set(copy.participations.values_list("body__name", "role", "note")) == {
        ("ROCB", "organiser", ""),
        ("Hostland", "participant", ""),
        ("Rtcland", "participant", ""),
    }
    assert (copy.venue, copy.city, copy.country, copy.theme, copy.summary) == ("",) * 5
    assert not copy.roles.exists()
    assert not copy.citations.exists()
    assert "no chair named" in missing_for_review(copy)
    assert "no source cited for the participants" in missing_for_review(copy)


def test_duplicating_carries_the_usual_programme_but_not_what_happened_in_it(db):
    """Next year's programme starts from this year's sessions (order, day, kind,
    title); each session's summary, presentations and sources were that year's alone."""
    from meetings.models import Presentation, Session

    meeting = factories.make_meeting(number=70, title="70th RTC Heads Meeting")
    rtc = factories.make_body("Rtcland")
    Session.objects.create(meeting=meeting, order=3, day=2, kind="closing")
    opening = Session.objects.create(
        meeting=meeting, order=1, day=1, kind="opening", summary="Welcomed by the host."
    )
    talks = Session.objects.create(
        meeting=meeting, order=2, day=1, kind="rtc_presentations", title="What each RTC did"
    )
    Presentation.objects.create(session=talks, body=rtc, topic="E-learning uptake")
    factories.cite(opening, factories.make_source(), "summary")

    copy = duplication.duplicate_as_next_year(meeting, None)
    assert list(copy.sessions.values_list("order", "day", "kind", "title", "summary")) == [
        (1, 1, "opening", "", ""),
        (2, 1, "rtc_presentations", "What each RTC did", ""),
        (3, 2, "closing", "", ""),
    ]
    assert not Presentation.objects.filter(session__meeting=copy).exists()
    assert not any(session.citations.exists() for session in copy.sessions.all())
    assert meeting.sessions.count() == 3
    assert opening.citations.count() == 1
