import pytest
from django.urls import reverse

from meetings.models import Status
from tests import factories

LIST = reverse("initiatives:list")


def titles(response):
    return {initiative.title for initiative in response.context["object_list"]}


def test_filtering_by_one_rtc_shows_only_its_initiatives(client, seeded):
    response = client.get(LIST, {"rtc": "japan-rtc"})
    assert response.status_code == 200
    assert titles(response) == {"AI-powered tutoring and Q&A systems"}
    assert "AI-powered tutoring and Q&amp;A systems" in response.text
    assert "VR simulation of customs enforcement scenarios" not in response.text


def test_repeating_rtc_means_any_of_them(client, seeded):
    response = client.get(LIST + "?rtc=japan-rtc&rtc=hong-kong-china-rtc")
    assert titles(response) == {
        "AI-powered tutoring and Q&A systems",
        "VR simulation of customs enforcement scenarios",
    }


def test_the_unfiltered_list_shows_all_eight_initiatives(client, seeded):
    response = client.get(LIST)
    assert response.status_code == 200
    assert len(titles(response)) == 8
    assert "8 initiatives" in response.text


def test_filters_combine_rtc_and_category(client, seeded):
    response = client.get(
        LIST, {"rtc": ["fiji-rtc", "china-rtc"], "category": "university-partnership"}
    )
    assert titles(response) == {"Blended Master's programmes in customs administration"}


def test_draft_initiatives_are_hidden_from_the_list_and_their_page(client, db):
    draft = factories.make_initiative(title="Secret draft", status=Status.DRAFT)
    in_review = factories.make_initiative(title="Under review", status=Status.IN_REVIEW)
    response = client.get(LIST)
    assert "Secret draft" not in response.text
    assert "Under review" not in response.text
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(in_review.get_absolute_url()).status_code == 404


def test_initiatives_of_a_draft_meeting_are_hidden(client, db):
    initiative = factories.make_initiative(
        title="From an unpublished meeting", meeting=factories.make_meeting(status=Status.DRAFT)
    )
    assert "From an unpublished meeting" not in client.get(LIST).text
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_an_unknown_rtc_is_a_400_that_says_what_is_wrong(client, seeded):
    response = client.get(LIST, {"rtc": "nonexistent"})
    assert response.status_code == 400
    assert "nonexistent is not one of the available choices" in response.text


def test_a_draft_rtc_is_not_a_filter_choice(client, db):
    rtc = factories.make_rtc(name="Hidden RTC", status=Status.DRAFT)
    response = client.get(LIST, {"rtc": rtc.slug})
    assert response.status_code == 400
    assert "Hidden RTC" not in response.text


def test_an_unknown_initiative_is_a_404(client, seeded):
    response = client.get(reverse("initiatives:detail", args=["no-such-slug"]))
    assert response.status_code == 404
    assert "Page not found" in response.text


@pytest.mark.parametrize("page", ["0", "abc", "99999", "-1"])
def test_a_page_that_does_not_exist_is_a_404(client, seeded, page):
    assert client.get(LIST, {"page": page}).status_code == 404


def test_the_detail_page_links_rtc_meeting_and_categories(client, seeded):
    response = client.get(reverse("initiatives:detail", args=["japan-rtc-ai-tutoring-and-qa"]))
    assert response.status_code == 200
    assert 'href="/rtcs/japan-rtc/"' in response.text
    assert 'href="/meetings/19th-rtc-heads-meeting/"' in response.text
    assert 'href="/initiatives/?category=ai-tutoring-qa"' in response.text
