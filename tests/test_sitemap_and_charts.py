"""/sitemap.xml, and the home page's charts with their text equivalents."""

import re
import xml.etree.ElementTree as ET
from datetime import date

from django.urls import reverse

from initiatives.models import RTC
from meetings.models import Meeting
from rtcportal.sitemaps import InitiativeSitemap
from tests import factories

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client):
    """Every address the sitemap index leads to, following each sitemap's pages."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    locations = []
    for sitemap in index.findall(f"{SITEMAP}sitemap"):
        address = sitemap.findtext(f"{SITEMAP}loc")
        assert address.startswith("http://testserver/sitemap-")
        part = client.get(address.removeprefix("http://testserver"))
        assert part.status_code == 200
        root = ET.fromstring(part.content)
        assert root.tag == f"{SITEMAP}urlset"
        locations += [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]
    return locations


def test_the_sitemap_index_leads_to_every_public_page(client, seeded):
    factories.make_initiative(
        rtc=RTC.objects.get(slug="japan-rtc"),
        meeting=Meeting.objects.get(number=19),
        title="Secret draft",
        slug="secret-draft",
        status="draft",
    )
    locations = sitemap_locations(client)
    assert "http://testserver/" in locations
    assert "http://testserver/meetings/19th-rtc-heads-meeting/" in locations
    assert "http://testserver/rtcs/hong-kong-china-rtc/" in locations
    assert "http://testserver/administrations/hong-kong-china/" in locations
    assert "http://testserver/initiatives/japan-rtc-ai-tutoring-and-qa/" in locations
    assert "http://testserver/rtcs/matrix/" in locations
    assert "http://testserver/initiatives/secret-draft/" not in locations
    # 1 meeting, 8 RTCs, 8 initiatives, 13 bodies and 7 list pages, each once
    assert len(locations) == len(set(locations)) == 37
    assert all(location.startswith("http://testserver/") for location in locations)


def test_a_long_sitemap_comes_in_pages_that_the_index_lists(client, seeded, monkeypatch):
    monkeypatch.setattr(InitiativeSitemap, "limit", 3)
    index = client.get("/sitemap.xml").text
    for page in ("", "?p=2", "?p=3"):
        assert f"<loc>http://testserver/sitemap-initiatives.xml{page}</loc>" in index
    assert "sitemap-initiatives.xml?p=4" not in index
    detail_pages = [
        url
        for url in sitemap_locations(client)
        if re.fullmatch(r"http://testserver/initiatives/[\w-]+/", url)
    ]
    assert len(detail_pages) == 8


def test_the_home_page_charts_initiatives_per_category_with_a_table(client, demo_meeting):
    response = client.get(reverse("home"))
    bars = {bar.label: bar.total for bar in response.context["category_chart"]["bars"]}
    assert bars["VR simulation"] == 3
    assert bars["Quality assurance"] == 1
    assert '<svg viewBox="0 0 400 440" role="img" aria-labelledby="category-chart-title"' in (
        response.text
    )
    assert (
        '<th scope="row"><a href="/initiatives/?category=vr-simulation">VR simulation</a></th>'
        '<td class="num">3</td>'
    ) in response.text


def test_the_longest_bar_fills_the_chart_and_the_others_are_in_proportion(client, demo_meeting):
    bars = client.get(reverse("home")).context["category_chart"]["bars"]
    widths = {bar.label: bar.segments[0].width for bar in bars}
    assert widths["VR simulation"] == 340
    assert widths["Quality assurance"] == 113.3


def test_the_home_page_charts_participation_per_meeting_by_role(client, demo_meeting):
    response = client.get(reverse("home"))
    bars = response.context["participation_chart"]["bars"]
    assert [bar.label for bar in bars] == [
        "19th RTC Heads Meeting",
        "Fictional demonstration meeting",
    ]
    assert [(s.label, s.value) for s in bars[0].segments] == [
        ("Organiser", 1),
        ("Participant", 8),
        ("Represented", 1),
        ("Observer", 3),
    ]
    assert bars[1].total == 7
    assert "<title>Observer: 3</title>" in response.text
    assert '<td class="num">8</td>' in response.text


def test_the_participation_chart_shows_the_latest_meetings_and_links_to_all(client, seeded):
    for number in range(1, 12):
        factories.make_meeting(number=number, start_date=date(2000 + number, 5, 1))
    response = client.get(reverse("home"))
    labels = [bar.label for bar in response.context["participation_chart"]["bars"]]
    # Oldest of the latest ten first: the 1st and 2nd meetings are left to the attendance page.
    assert len(labels) == 10
    assert labels[0] == Meeting.objects.get(number=3).title
    assert labels[-1] == "19th RTC Heads Meeting"
    assert "The latest 10 meetings." in response.text
    assert f'href="{reverse("meetings:attendance")}">Attendance at every meeting' in response.text


def test_the_home_page_charts_work_with_no_data(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["category_chart"]["bars"] == []
    assert "At a glance" in response.text


def test_the_home_page_makes_a_fixed_number_of_queries(
    client, demo_meeting, django_assert_max_num_queries
):
    for _ in range(5):
        factories.make_initiative(categories=[factories.make_category()])
    # Latest meetings; RTCs and their counts; categories and their counts (shared with the
    # chart); the chart's meetings and their participations.
    with django_assert_max_num_queries(7):
        client.get(reverse("home"))
