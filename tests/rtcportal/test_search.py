"""The site-wide search, /search/?q=, on SQLite and PostgreSQL."""

from django.urls import reverse

from tests.support import factories

SEARCH = reverse("search")


def test_site_search_finds_initiatives_interventions_and_discussion_points(client, seeded):
    response = client.get(SEARCH, {"q": "training"})
    assert response.status_code == 200
    assert "Online learning platform with personalised training recommendations" in response.text
    assert "VR training developments" in response.text  # Dr. Kang Taeil's intervention
    assert "Joint development of training materials" in response.text  # a priority
    assert "19th RTC Heads Meeting" in response.text  # the meeting's report mentions training


def test_site_search_marks_the_matching_words(client, seeded):
    response = client.get(SEARCH, {"q": "VR"})
    assert "Virtual-reality (<mark>VR</mark>) scenes" in response.text


def test_site_search_links_to_the_filtered_list(client, seeded):
    response = client.get(SEARCH, {"q": "online"})
    assert 'href="/initiatives/?q=online"' in response.text


def test_site_search_without_a_query_shows_just_the_form(client, seeded):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert response.context["sections"] == []
    assert 'name="q"' in response.text


def test_site_search_makes_a_fixed_number_of_queries(client, seeded, django_assert_max_num_queries):
    # One RTC and meeting for all: the equal-ranked courses then come out in title order,
    # whatever names and dates the factories' sequence would give their RTCs and meetings.
    rtc, meeting = factories.make_rtc(), factories.make_meeting()
    for number in range(30):
        factories.make_initiative(title=f"Training course {number}", rtc=rtc, meeting=meeting)
    with django_assert_max_num_queries(14):
        response = client.get(SEARCH, {"q": "training"})
    assert "Training course 0" in response.text
