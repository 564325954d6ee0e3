"""A meeting's participants as CSV, and the links to a meeting's downloads."""

import csv
import html
import io
import re

from django.urls import reverse

from meetings.models import Participation
from tests.support import factories

MEETING = reverse("meetings:detail", args=["19th-rtc-heads-meeting"])


def read_csv(response):
    # The BOM tells Excel the file is UTF-8; the csv module is told with utf-8-sig.
    assert response.content.startswith("\N{BYTE ORDER MARK}".encode())
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_participants_csv_lists_every_body_and_its_role(client, seeded):
    response = client.get(reverse("meetings:participants-csv", args=["19th-rtc-heads-meeting"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    roles = {row["body"]: row["role"] for row in rows}
    assert len(rows) == 14
    assert roles["Iran"] == "Observer"
    assert roles["RILO AP"] == "Observer"
    assert roles["ROCB A/P"] == "Organiser"
    assert roles["Hong Kong (China)"] == "Participant"
    assert client.get("/meetings/nope/participants.csv").status_code == 404


def test_the_meeting_page_links_its_downloads(client, seeded):
    response = client.get(MEETING)
    assert 'href="/meetings/19th-rtc-heads-meeting/calendar.ics"' in response.text
    assert 'href="/meetings/19th-rtc-heads-meeting/participants.csv"' in response.text


def test_a_note_that_looks_like_a_formula_reaches_the_csv_as_quoted_text(client, db):
    meeting = factories.make_meeting()
    note = '=HYPERLINK("http://evil.example","Details")'
    Participation.objects.create(
        meeting=meeting, body=factories.make_body(), role="participant", note=note
    )
    response = client.get(reverse("meetings:participants-csv", args=[meeting.slug]))
    assert [row["note"] for row in read_csv(response)] == ["'" + note]


def test_participants_csv_lists_the_bodies_in_the_order_of_the_meeting_page(client, seeded):
    page = client.get(MEETING).text
    section = page[page.index('aria-labelledby="who-heading"') :]
    section = section[: section.index("</section>")]
    on_page = [
        html.unescape(name)
        for name in re.findall(r'"/administrations/[^"]+/">([^<]+)</a>', section)
    ]
    response = client.get(reverse("meetings:participants-csv", args=["19th-rtc-heads-meeting"]))
    in_csv = [row["body"] for row in read_csv(response)]
    assert in_csv == on_page
    assert in_csv[0] == "ROCB A/P"  # the organiser first, as on the page


def test_participants_csv_says_who_took_part_online_where_the_record_says(client, db):
    meeting = factories.make_meeting(format="hybrid")
    Participation.objects.create(
        meeting=meeting, body=factories.make_body("Faraway"), role="participant", mode="online"
    )
    Participation.objects.create(meeting=meeting, body=factories.make_body("Near"), role="host")
    response = client.get(reverse("meetings:participants-csv", args=[meeting.slug]))
    assert {row["body"]: row["took_part"] for row in read_csv(response)} == {
        "Near": "",
        "Faraway": "Online",
    }
