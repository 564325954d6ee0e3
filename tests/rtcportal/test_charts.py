"""The home page's charts, drawn on the server, with their text equivalents."""

from datetime import date

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.support import factories
from tests.support.glossary import unmarked


def test_the_home_page_shows_each_kind_of_delivery_count_once(client, demo_meeting):
    """The counts are links in the kinds-of-delivery list; no chart repeats them."""
    page = client.get(reverse("home")).text
    assert page.count('href="/initiatives/?category=vr-simulation"') == 1
    assert 'VR simulation <span class="count">3</span>' in page
    assert "category-chart" not in page


def test_a_bar_label_is_text_beside_its_drawing_so_it_wraps_rather_than_shrinks(
    client, demo_meeting
):
    page = unmarked(client.get(reverse("home")).text)
    assert (
        '<li><span class="bar-label">19th RTC Heads Meeting</span><span class="bar-row"><svg'
        in (page)
    )
    assert 'viewBox="0 0 340 16" preserveAspectRatio="none" aria-hidden="true"' in page
    assert '<span class="bar-total">14</span>' in page


def test_the_longest_bar_fills_the_chart_and_the_others_are_in_proportion(client, demo_meeting):
    bars = client.get(reverse("home")).context["participation_chart"]["bars"]
    widths = {bar.label: sum(segment.width for segment in bar.segments) for bar in bars}
    # Each segment is rounded to a tenth, so their sum may be a tenth off.
    assert widths["19th RTC Heads Meeting"] == pytest.approx(340, abs=0.2)
    assert widths["Fictional demonstration meeting"] == pytest.approx(170, abs=0.2)


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
    assert response.context["participation_chart"]["bars"] == []
    assert "Who takes part in the meetings" in response.text


@pytest.mark.engine
def test_the_home_page_makes_a_fixed_number_of_queries(
    client, demo_meeting, django_assert_max_num_queries
):
    for _ in range(5):
        factories.make_initiative(categories=[factories.make_category()])
    # Latest meetings and the next one planned; RTCs; categories and their counts; the chart's
    # meetings and their participations; the footer's date of the record's last change; the
    # glossary's terms; the content generation (core.counts).
    with django_assert_max_num_queries(10):
        client.get(reverse("home"))
