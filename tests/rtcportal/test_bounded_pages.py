"""Pages that would grow with the data show a bounded part of it and link to the rest."""

import datetime

import pytest

from initiatives import tables as initiative_tables
from initiatives import views as initiative_views
from meetings import calendar
from meetings import views as meeting_views
from meetings.models import DiscussionPoint, Participation
from tests.support import factories

pytestmark = pytest.mark.django_db


def meetings(count):
    return [factories.make_meeting(start_date=datetime.date(2001 + n, 5, 1)) for n in range(count)]


def test_attendance_shows_the_latest_meetings_and_pages_back_to_the_earliest(client, monkeypatch):
    monkeypatch.setattr(meeting_views.AttendanceView, "paginate_by", 2)
    held = meetings(3)
    body = factories.make_body(name="Ministry of Customs X")
    for meeting in held:
        Participation.objects.create(meeting=meeting, body=body, role="participant")
    first = client.get("/administrations/attendance/").content.decode()
    assert held[2].title in first and held[1].title in first
    assert held[0].title not in first
    assert "?page=2" in first
    second = client.get("/administrations/attendance/?page=2").content.decode()
    assert held[0].title in second and held[2].title not in second


def test_a_kind_of_discussion_point_is_paginated(client, monkeypatch):
    monkeypatch.setattr(meeting_views.DiscussionKindView, "paginate_by", 3)
    meeting = meetings(1)[0]
    for n in range(5):
        DiscussionPoint.objects.create(
            meeting=meeting, kind="challenge", text=f"Hurdle {n}", order=n
        )
    first = client.get("/discussion-points/challenges/").content.decode()
    assert [f"Hurdle {n}" in first for n in range(5)] == [True, True, True, False, False]
    second = client.get("/discussion-points/challenges/?page=2").content.decode()
    assert "Hurdle 3" in second and "Hurdle 4" in second and "Hurdle 0" not in second
    assert client.get("/discussion-points/challenges/?page=x").status_code == 400


def test_an_rtc_page_shows_its_latest_initiatives_and_links_to_all(client, monkeypatch):
    monkeypatch.setattr(initiative_views, "RTC_LATEST_INITIATIVES", 2)
    monkeypatch.setattr(initiative_views, "RTC_HISTORY_MEETINGS", 1)
    rtc = factories.make_rtc()
    held = meetings(3)
    for n, meeting in enumerate(held):
        factories.make_initiative(rtc=rtc, meeting=meeting, title=f"Course number {n}")
    page = client.get(rtc.get_absolute_url()).content.decode()
    assert "Course number 2" in page and "Course number 1" in page
    assert "Course number 0" not in page
    assert "All 3 of" in page and rtc.initiatives_url in page
    # The history table covers the last meeting it reported at only.
    history = page.split('id="history-caption"')[1]
    assert held[2].title in history and held[1].title not in history


def test_the_matrix_pages_its_rtcs(client, monkeypatch):
    monkeypatch.setattr(initiative_views.MatrixView, "paginate_by", 2)
    rtcs = [factories.make_rtc(name=f"Centre {letter}") for letter in "ABC"]
    first = client.get("/rtcs/matrix/").content.decode()
    assert "Centre A" in first and "Centre B" in first and "Centre C" not in first
    second = client.get("/rtcs/matrix/?page=2").content.decode()
    assert "Centre C" in second and "Centre A" not in second
    assert rtcs


def test_the_rtc_roster_shows_the_latest_meetings(client, monkeypatch):
    monkeypatch.setattr(initiative_tables, "ROSTER_MEETINGS", 2)
    rtc = factories.make_rtc()
    held = meetings(3)
    for meeting in held:
        Participation.objects.create(meeting=meeting, body=rtc.host, role="participant")
    roster = client.get("/rtcs/").content.decode().split('id="roster-caption"')[1]
    assert f">{held[2].number}</a>" in roster and f">{held[1].number}</a>" in roster
    assert f">{held[0].number}</a>" not in roster


def test_the_series_calendar_holds_the_latest_meetings_or_those_since_a_year(client, monkeypatch):
    monkeypatch.setattr(calendar, "CALENDAR_MAX_EVENTS", 2)
    held = meetings(3)  # 2001, 2002, 2003

    def events(url):
        response = client.get(url)
        assert response.status_code == 200
        return [m.title for m in held if f"SUMMARY:{m.title}" in response.content.decode()]

    assert events("/meetings/calendar.ics") == [held[1].title, held[2].title]
    assert events("/meetings/calendar.ics?since=2001") == [held[0].title, held[1].title]
    assert events("/meetings/calendar.ics?since=2003") == [held[2].title]
    assert client.get("/meetings/calendar.ics?since=last").status_code == 400


def page_sizes(client):
    from initiatives.models import RTC, Initiative
    from meetings.models import Meeting

    rtc_slug = RTC.objects.published().order_by("pk").first().slug
    meeting_slug = Meeting.objects.published().order_by("start_date").first().slug
    initiative_slug = Initiative.objects.published().order_by("pk").first().slug
    urls = [
        "/",
        "/initiatives/",
        f"/initiatives/?rtc={rtc_slug}",
        f"/initiatives/{initiative_slug}/",
        "/rtcs/",
        f"/rtcs/{rtc_slug}/",
        "/rtcs/matrix/",
        "/meetings/",
        f"/meetings/{meeting_slug}/",
        "/meetings/calendar.ics",
        "/administrations/",
        "/administrations/attendance/",
        "/discussion-points/challenges/",
    ]
    sizes = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        sizes[url] = len(response.content)
    return sizes


def test_no_public_page_grows_with_the_data_in_the_benchmarks_shape(client, monkeypatch):
    """The bench's generator at two sizes (20 and 100 meetings): the pages it would grow
    stay within a few percent, and all well under 200 KB."""
    from bench.generate import generate

    monkeypatch.setattr(calendar, "CALENDAR_MAX_EVENTS", 10)
    monkeypatch.setattr(meeting_views.DiscussionKindView, "paginate_by", 20)
    generate(1000)
    small = page_sizes(client)
    generate(5000)
    large = page_sizes(client)
    for url, size in large.items():
        assert size <= 200_000, url
        assert size <= small[url] * 1.15, (url, small[url], size)


def test_an_rtc_page_names_the_latest_meetings_its_host_attended(client, monkeypatch):
    monkeypatch.setattr(initiative_views, "RTC_HISTORY_MEETINGS", 2)
    rtc = factories.make_rtc()
    held = meetings(3)
    for meeting in held:
        Participation.objects.create(meeting=meeting, body=rtc.host, role="participant")
    attended = client.get(rtc.get_absolute_url()).content.decode().split("Meetings attended")[1]
    attended = attended.split("</dd>")[0]
    assert "The latest 2:" in attended
    assert attended.index(held[1].title) < attended.index(held[2].title)
    assert held[0].title not in attended
    assert 'href="/administrations/attendance/"' in attended
