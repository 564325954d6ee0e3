"""A meeting described as a schema.org Event in JSON-LD."""

import json
import re

from django.urls import reverse

from meetings.models import Meeting

MEETING = reverse("meetings:detail", args=["19th-rtc-heads-meeting"])


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
