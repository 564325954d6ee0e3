"""A meeting's participants as CSV, and the links to a meeting's downloads."""

import csv
import io

from django.urls import reverse

MEETING = reverse("meetings:detail", args=["19th-rtc-heads-meeting"])


def test_participants_csv_lists_every_body_and_its_role(client, seeded):
    response = client.get(reverse("meetings:participants-csv", args=["19th-rtc-heads-meeting"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
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
