"""The initiatives list filters by topic, like by RTC, kind of delivery and meeting: the
filter shows with the others with its counts, repeats to mean "any of", and a chosen topic
shows as a chip. The record tags the 19th meeting's initiatives (data/record/topics.yaml)."""

from django.urls import reverse

from meetings.models import Status, Topic
from tests.support import factories

LIST = reverse("initiatives:list")
VR = "VR simulation of customs enforcement scenarios"


def titles(response):
    return {initiative.title for initiative in response.context["object_list"]}


def option_labels(response, name):
    facet = next(facet for facet in response.context["facets"] if facet.name == name)
    return [option.label for option in facet.options]


def test_filtering_by_a_topic_shows_only_the_initiatives_tagged_with_it(client, seeded):
    response = client.get(LIST, {"topic": "vr-training"})
    assert response.status_code == 200
    assert titles(response) == {VR}
    assert "Mobile learning applications" not in response.text


def test_repeating_topic_means_any_of_them(client, seeded):
    response = client.get(LIST, {"topic": ["vr-training", "e-learning"]})
    assert VR in titles(response)
    assert "Mobile learning applications" in titles(response)
    assert "Blended Master's programmes in customs administration" not in titles(response)


def test_a_topic_combines_with_the_other_filters(client, seeded):
    response = client.get(LIST, {"topic": "e-learning", "rtc": ["india-rtc", "fiji-rtc"]})
    assert titles(response) == {"Mobile learning applications"}


def test_the_topic_filter_shows_with_the_others_with_its_counts(client, seeded):
    response = client.get(LIST, {"rtc": "hong-kong-china-rtc"})
    topics = option_labels(response, "topic")
    assert "Virtual reality training (1)" in topics
    assert "E-learning (0)" in topics
    assert "<legend>Topic</legend>" in response.text


def test_a_chosen_topic_shows_as_a_chip_that_removes_it(client, seeded):
    response = client.get(f"{LIST}?topic=vr-training&rtc=hong-kong-china-rtc")
    chips = dict(response.context["chips"])
    assert chips["Topic: Virtual reality training"] == "/initiatives/?rtc=hong-kong-china-rtc"
    assert "Topic: Virtual reality training" in response.text


def test_a_draft_topic_is_not_a_filter_choice(client, seeded):
    Topic.objects.filter(slug="vr-training").update(status=Status.DRAFT)
    response = client.get(LIST)
    assert not any("Virtual reality" in label for label in option_labels(response, "topic"))
    response = client.get(LIST, {"topic": "vr-training"})
    assert response.status_code == 400
    assert VR not in response.text


def test_an_initiative_in_two_chosen_topics_is_listed_once(client, db):
    initiative = factories.make_initiative(title="Twice tagged")
    first, second = factories.make_topic(), factories.make_topic()
    initiative.topics.add(first, second)
    response = client.get(LIST, {"topic": [first.slug, second.slug]})
    assert [i.title for i in response.context["object_list"]] == ["Twice tagged"]
