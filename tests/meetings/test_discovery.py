"""Across meetings: attendance, discussion points by kind; a meeting's calendar, participants
CSV and schema.org description."""

import csv
import datetime
import io
import json
import re

import icalendar
import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests import factories

MEETING = reverse("meetings:detail", args=["19th-rtc-heads-meeting"])


def test_attendance_shows_each_body_role_at_each_meeting(client, demo_meeting):
    response = client.get(reverse("meetings:attendance"))
    assert response.status_code == 200
    assert [m.slug for m in response.context["meetings"]] == [
        "19th-rtc-heads-meeting",
        "fictional-demonstration-meeting",
    ]
    rows = {row.body.slug: row.roles for row in response.context["rows"]}
    assert rows["iran"] == ["Observer", "Participant"]
    assert rows["fiji"] == ["Participant", "—"]
    assert rows["rocb-ap"] == ["Organiser", "Organiser"]
    assert len(rows) == 13
    assert (
        '<th scope="row"><a href="/administrations/iran/">Iran</a></th>'
        "<td>Observer</td><td>Participant</td>" in response.text
    )


def test_attendance_leaves_out_draft_meetings(client, seeded):
    factories.make_meeting(title="Draft meeting", status="draft")
    response = client.get(reverse("meetings:attendance"))
    assert "Draft meeting" not in response.text
    assert len(response.context["meetings"]) == 1


def test_attendance_makes_a_fixed_number_of_queries(
    client, demo_meeting, django_assert_num_queries
):
    with django_assert_num_queries(2):
        client.get(reverse("meetings:attendance"))


def test_administration_slugs_still_reach_their_page(client, seeded):
    assert client.get(reverse("meetings:administration-detail", args=["iran"])).status_code == 200


@pytest.mark.parametrize(
    ("kind", "real", "fictional"),
    [
        (
            "challenges",
            "Uneven internet infrastructure",
            "Fictional challenge: keeping VR headsets charged",
        ),
        (
            "advantages",
            "Breaking geographical barriers",
            "Fictional advantage: trainees repeat scenarios at will",
        ),
        ("priorities", "Resource sharing", "Fictional priority: a shared scenario library"),
        (
            "commitments",
            "Strengthen its coordinating role",
            "Fictional commitment: host the scenario library",
        ),
    ],
)
def test_each_kind_of_point_is_gathered_across_meetings_and_linked_to_them(
    client, demo_meeting, kind, real, fictional
):
    response = client.get(reverse("meetings:discussion-kind", args=[kind]))
    assert response.status_code == 200
    text = response.text
    assert real in text and fictional in text
    assert text.index(fictional) < text.index(real)  # newest meeting first
    assert 'href="/meetings/19th-rtc-heads-meeting/"' in text
    assert 'href="/meetings/fictional-demonstration-meeting/"' in text


def test_points_of_other_kinds_are_not_on_a_kind_page(client, seeded):
    response = client.get(reverse("meetings:discussion-kind", args=["challenges"]))
    assert "Breaking geographical barriers" not in response.text


def test_an_unknown_kind_is_a_404(client, seeded):
    assert client.get("/discussion-points/opinions/").status_code == 404


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


def test_participants_csv_lists_every_body_and_its_role(client, seeded):
    response = client.get(reverse("meetings:participants-csv", args=["19th-rtc-heads-meeting"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    roles = {row["body"]: row["role"] for row in rows}
    assert len(rows) == 13
    assert roles["Iran"] == "Observer"
    assert roles["RILO AP"] == "Observer"
    assert roles["ROCB A/P"] == "Organiser"
    assert roles["Hong Kong (China)"] == "Participant"
    assert client.get("/meetings/nope/participants.csv").status_code == 404


def test_the_meeting_page_links_its_downloads(client, seeded):
    response = client.get(MEETING)
    assert 'href="/meetings/19th-rtc-heads-meeting/calendar.ics"' in response.text
    assert 'href="/meetings/19th-rtc-heads-meeting/participants.csv"' in response.text


def jsonld(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, re.DOTALL
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_the_meeting_page_describes_itself_as_a_schema_org_event(client, seeded):
    event = jsonld(client.get(MEETING))
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == "19th RTC Heads Meeting"
    assert event["startDate"] == "2021-10-27"
    assert event["endDate"] == "2021-10-28"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"]["@type"] == "VirtualLocation"
    assert event["organizer"]["name"] == "WCO Asia/Pacific Regional Office for Capacity Building"


def test_json_ld_cannot_close_its_script_element(client, seeded):
    Meeting.objects.filter(slug="19th-rtc-heads-meeting").update(
        summary="</script><script>alert(1)</script>"
    )
    response = client.get(MEETING)
    assert "<script>alert(1)" not in response.text
    assert jsonld(response)["description"] == "</script><script>alert(1)</script>"
