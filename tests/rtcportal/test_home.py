import datetime

from django.urls import reverse
from django.utils import timezone

from meetings.models import Status
from tests.support import factories


def test_home_shows_the_meeting_and_the_rtcs(client, seeded):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "19th RTC Heads Meeting" in response.text
    for rtc in ("China RTC", "Japan RTC", "Hong Kong (China) RTC", "Malaysia RTC"):
        assert rtc in response.text


def test_home_hides_draft_meetings(client, db):
    factories.make_meeting(title="Not yet checked", status=Status.DRAFT)
    assert "Not yet checked" not in client.get(reverse("home")).text


def test_the_stylesheet_is_served(client, db):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200


def test_home_points_to_the_next_planned_meeting(client, db):
    start = timezone.localdate() + datetime.timedelta(days=30)
    meeting = factories.make_meeting(title="23rd RTC Heads Meeting", start_date=start)
    page = client.get(reverse("home")).text
    assert (
        f'Next meeting: <a href="{meeting.get_absolute_url()}">23rd RTC Heads Meeting</a>' in page
    )


def test_home_names_no_next_meeting_when_none_is_planned(client, seeded):
    assert "Next meeting" not in client.get(reverse("home")).text
