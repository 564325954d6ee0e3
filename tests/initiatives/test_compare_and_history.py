"""An RTC's history across meetings, and RTCs side by side, with the fictional second meeting."""

import pytest
from django.urls import reverse

COMPARE = reverse("initiatives:compare")


def test_the_rtc_page_shows_its_initiatives_meeting_by_meeting(client, demo_meeting):
    response = client.get(reverse("initiatives:rtc-detail", args=["japan-rtc"]))
    history = response.context["history"]
    assert [row.meeting.slug for row in history] == [
        "19th-rtc-heads-meeting",
        "fictional-demonstration-meeting",
    ]
    assert [i.title for i in history[0].initiatives] == ["AI-powered tutoring and Q&A systems"]
    assert [c.name for c in history[1].new_categories] == ["Mobile learning", "VR simulation"]
    assert "Meeting by meeting" in response.text
    assert "Fictional VR customs inspection trainer" in response.text


def test_a_meeting_where_the_rtc_reported_nothing_says_so(client, demo_meeting):
    response = client.get(reverse("initiatives:rtc-detail", args=["fiji-rtc"]))
    history = response.context["history"]
    assert [len(row.initiatives) for row in history] == [1, 0]
    assert "Nothing reported" in response.text


@pytest.mark.engine
def test_the_rtc_page_query_count_does_not_grow_with_meetings(
    client, demo_meeting, django_assert_max_num_queries
):
    # The RTC, its initiatives and their categories and partners, its history, its
    # accreditation steps, institutions, citations, disagreements and their versions, and
    # its published documents; the content generation and the count of its initiatives
    # (remembered per generation, core.counts); the history's window (its first meeting, the
    # dates of its latest meetings, the kinds it showed before them); the glossary's terms
    # (GlossaryMiddleware); the meetings its host attended; its host's regional offices and
    # their citations.
    with django_assert_max_num_queries(20):
        client.get(reverse("initiatives:rtc-detail", args=["japan-rtc"]))


def test_two_rtcs_side_by_side(client, demo_meeting):
    response = client.get(COMPARE, {"rtc": ["japan-rtc", "hong-kong-china-rtc"]})
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [rtc.slug for rtc in comparison["rtcs"]] == ["japan-rtc", "hong-kong-china-rtc"]
    assert [[c.name for c in cats] for cats in comparison["categories"]] == [
        ["AI tutoring / Q&A", "Mobile learning", "VR simulation"],
        ["VR simulation"],
    ]
    meetings = [
        (m.slug, [len(column) for column in columns]) for m, columns in comparison["meetings"]
    ]
    assert meetings == [
        ("19th-rtc-heads-meeting", [1, 1]),
        ("fictional-demonstration-meeting", [2, 1]),
    ]
    assert '<th scope="row">Host administration</th>' in response.text
    assert "Hong Kong (China)" in response.text


def test_three_rtcs_may_be_compared(client, demo_meeting):
    response = client.get(COMPARE + "?rtc=china-rtc&rtc=fiji-rtc&rtc=india-rtc")
    assert response.status_code == 200
    assert len(response.context["comparison"]["rtcs"]) == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?rtc=japan-rtc", "Choose two or three RTCs to compare; you chose 1."),
        ("?rtc=a-rtc&rtc=japan-rtc", "a-rtc is not one of the available choices"),
        ("?rtc=china-rtc&rtc=fiji-rtc&rtc=india-rtc&rtc=japan-rtc", "you chose 4"),
        ("?rtc=japan-rtc&rtc=japan-rtc", "you chose 1"),
    ],
)
def test_bad_choices_are_a_400_with_a_clear_message(client, seeded, query, message):
    response = client.get(COMPARE + query)
    assert response.status_code == 400
    assert message in response.text
    assert "comparison" not in response.context


@pytest.mark.parametrize("query", ["", "?rtc=", "?other=1"])
def test_the_compare_page_without_choices_shows_the_form(client, seeded, query):
    response = client.get(COMPARE + query, follow=True)
    assert response.status_code == 200
    assert 'name="rtc" value="japan-rtc"' in response.text
