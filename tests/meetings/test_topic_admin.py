"""The secretariat keeps topics in the admin: an editor drafts a topic with its thread and
each step's sources in one form and tags records as they are entered; only a reviewer
publishes it."""

import pytest

from core.admin import admin_url
from initiatives.models import Initiative
from meetings.models import Intervention, Meeting, Status, Topic, TopicEntry
from sources.models import Citation
from tests.support import factories
from tests.support.admin import (
    change_form_data,
    form_values,
    inline_management,
    logged_in,
    run_action,
)
from tests.support.glossary import unmarked

ENTRIES = "entries"


@pytest.fixture
def meetings(db):
    return factories.make_meeting(13), factories.make_meeting(14)


@pytest.fixture
def sources(db):
    return factories.make_source(title="WCO account"), factories.make_source(title="ROCB account")


def add_topic_data(client, meetings, sources, **fields):
    """What the add form posts: the topic, and a step at each meeting citing one source."""
    page = client.get(admin_url(Topic, "add"))
    data = form_values(page.context["adminform"].form) | inline_management(page)
    data |= {
        "name": "Centre of Excellence",
        "slug": "centre-of-excellence",
        "summary": "Whether the RTCs should be centres of excellence.",
        f"{ENTRIES}-TOTAL_FORMS": 2,
    }
    for number, (meeting, source) in enumerate(zip(meetings, sources, strict=True)):
        data |= {
            f"{ENTRIES}-{number}-meeting": meeting.pk,
            f"{ENTRIES}-{number}-note": f"Step {number + 1}.",
            f"{ENTRIES}-{number}-sources": [source.pk],
        }
    return data | fields


def test_an_editor_drafts_a_topic_with_its_thread_and_sources_in_one_form(
    client, editor_user, meetings, sources
):
    client = logged_in(client, editor_user)
    response = client.post(admin_url(Topic, "add"), add_topic_data(client, meetings, sources))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    topic = Topic.objects.get(slug="centre-of-excellence")
    assert topic.status == Status.DRAFT
    entries = list(topic.entries.order_by("meeting__number"))
    assert [entry.note for entry in entries] == ["Step 1.", "Step 2."]
    cited = [
        list(Citation.objects.for_records([entry]).values_list("source__title", flat=True))
        for entry in entries
    ]
    assert cited == [["WCO account"], ["ROCB account"]]
    # A draft: not on the public site.
    assert client.get("/topics/centre-of-excellence/").status_code == 404


def test_changing_a_steps_sources_adds_and_removes_its_citations(
    client, editor_user, meetings, sources
):
    topic = factories.make_topic(meetings=meetings[:1], status=Status.DRAFT)
    entry = topic.entries.get()
    factories.cite(entry, sources[0])
    client = logged_in(client, editor_user)
    data = change_form_data(client, topic) | {f"{ENTRIES}-0-sources": [sources[1].pk]}
    response = client.post(admin_url(Topic, "change", topic.pk), data)
    assert response.status_code == 302
    assert list(Citation.objects.for_records([entry]).values_list("source", flat=True)) == [
        sources[1].pk
    ]


def test_an_editor_cannot_publish_a_topic_by_the_form_or_the_action(
    client, editor_user, meetings, sources
):
    client = logged_in(client, editor_user)
    data = add_topic_data(client, meetings, sources, status=Status.PUBLISHED)
    response = client.post(admin_url(Topic, "add"), data)
    assert "Select a valid choice" in response.text
    assert not Topic.objects.exists()
    topic = factories.make_topic(status=Status.IN_REVIEW)
    run_action(client, Topic, "publish", topic)
    topic.refresh_from_db()
    assert topic.status == Status.IN_REVIEW


def test_a_reviewer_publishes_a_topic_and_the_public_then_sees_its_thread(
    client, reviewer_user, meetings, sources
):
    topic = factories.make_topic("Training evaluation", meetings=meetings, status=Status.IN_REVIEW)
    factories.cite(topic.entries.first(), sources[0])
    run_action(logged_in(client, reviewer_user), Topic, "publish", topic)
    client.logout()
    page = client.get(topic.get_absolute_url())
    assert page.status_code == 200
    assert "At the 13th RTC Heads Meeting." in unmarked(page.text)
    assert "WCO account" in page.text


def test_editors_tag_interventions_and_initiatives_with_topics_by_autocomplete(
    client, editor_user, meetings
):
    topic = factories.make_topic("E-learning")
    initiative = factories.make_initiative(
        meeting=meetings[0], categories=[factories.make_category()]
    )
    client = logged_in(client, editor_user)
    form = client.get(admin_url(Initiative, "change", initiative.pk)).context["adminform"].form
    assert "admin-autocomplete" in str(form["topics"])
    data = change_form_data(client, initiative) | {"topics": [topic.pk]}
    response = client.post(admin_url(Initiative, "change", initiative.pk), data)
    assert response.status_code == 302
    assert list(initiative.topics.all()) == [topic]
    talk = Intervention.objects.create(
        meeting=meetings[0], body=factories.make_body(), topic="Courses online"
    )
    form = client.get(admin_url(Intervention, "change", talk.pk)).context["adminform"].form
    assert "admin-autocomplete" in str(form["topics"])


def test_the_meeting_form_tags_the_meeting_with_topics(client, editor_user, meetings):
    topic = factories.make_topic("VR training")
    meeting = meetings[0]
    client = logged_in(client, editor_user)
    data = change_form_data(client, meeting)
    prefix = "topic_entries"
    assert f"{prefix}-TOTAL_FORMS" in data
    data |= {
        f"{prefix}-TOTAL_FORMS": 1,
        f"{prefix}-0-topic": topic.pk,
        f"{prefix}-0-note": "Tried VR kiosks.",
    }
    response = client.post(admin_url(Meeting, "change", meeting.pk), data)
    assert response.status_code == 302
    assert TopicEntry.objects.get(meeting=meeting).topic == topic
