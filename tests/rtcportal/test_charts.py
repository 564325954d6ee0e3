"""The home page's charts, drawn on the server, with their text equivalents."""

from datetime import date

from django.urls import reverse

from meetings.models import Meeting
from tests.support import factories


def test_the_home_page_charts_initiatives_per_category_with_a_table(client, demo_meeting):
    response = client.get(reverse("home"))
    bars = {bar.label: bar.total for bar in response.context["category_chart"]["bars"]}
    assert bars["VR simulation"] == 3
    assert bars["Quality assurance"] == 1
    # The label is text beside the drawing, at the page's size: it wraps rather than shrinks.
    assert '<li><span class="bar-label">VR simulation</span><span class="bar-row"><svg' in (
        response.text
    )
    assert 'viewBox="0 0 340 16" preserveAspectRatio="none" aria-hidden="true"' in response.text
    assert '<span class="bar-total">3</span>' in response.text
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
        ("Host", 0),
        ("Participant", 8),
        ("Represented", 2),
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
