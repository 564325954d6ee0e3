"""Meetings as iCalendar: one meeting, or the whole series."""

import datetime

import icalendar
from django.urls import reverse

from tests.support import factories


def test_calendar_of_one_meeting_parses_as_an_all_day_event(client, seeded):
    response = client.get(reverse("meetings:meeting-calendar", args=["19th-rtc-heads-meeting"]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "19th RTC Heads Meeting"
    assert event.decoded("dtstart") == datetime.date(2021, 10, 27)
    assert event.decoded("dtend") == datetime.date(2021, 10, 29)  # exclusive: the 28th included
    assert str(event["url"]) == "http://testserver/meetings/19th-rtc-heads-meeting/"
    assert str(event["location"]) == "Virtual"


def test_calendar_of_all_meetings_has_one_event_per_published_meeting(client, demo_meeting):
    factories.make_meeting(title="Draft meeting", status="draft")
    calendar = icalendar.Calendar.from_ical(client.get(reverse("meetings:calendar")).content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries == ["19th RTC Heads Meeting", "Fictional demonstration meeting"]
    assert len({str(event["uid"]) for event in calendar.walk("VEVENT")}) == 2


def test_calendar_of_a_draft_or_unknown_meeting_is_a_404(client, seeded):
    draft = factories.make_meeting(status="draft")
    assert client.get(reverse("meetings:meeting-calendar", args=[draft.slug])).status_code == 404
    assert client.get(reverse("meetings:meeting-calendar", args=["nope"])).status_code == 404


def test_the_series_calendar_carries_the_next_planned_meeting(client, db):
    factories.make_meeting(number=21, start_date=datetime.date(2023, 11, 14))
    start = datetime.date.today() + datetime.timedelta(days=90)
    factories.make_meeting(
        number=23, title="23rd RTC Heads Meeting", start_date=start, end_date=start
    )
    calendar = icalendar.Calendar.from_ical(client.get(reverse("meetings:calendar")).content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert "23rd RTC Heads Meeting" in summaries
