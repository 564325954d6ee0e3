"""The topic pages: /topics/ with the meetings each topic spans, and /topics/<slug>/ telling
its thread meeting by meeting with numbered references and a Sources list, then what was
tagged with it; the pages of meetings, initiatives, points and programmes link their topics.
Only what the public may see is shown."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings.models import DiscussionPoint, Intervention, Programme, Status, TopicEntry
from tests.support import factories, provenance
from tests.support.admin import logged_in

D = datetime.date


class Thread:
    """Two published meetings and a draft one; a topic with a step at each, and a draft
    topic; records of the second meeting tagged with both."""

    def __init__(self):
        self.first = factories.make_meeting(13, start_date=D(2015, 11, 3), end_date=D(2015, 11, 4))
        self.second = factories.make_meeting(14, start_date=D(2016, 12, 7), end_date=D(2016, 12, 8))
        self.draft_meeting = factories.make_meeting(
            15, start_date=D(2017, 10, 1), status=Status.DRAFT
        )
        self.official = factories.make_source(title="WCO account of the 13th")
        self.rocb = factories.make_source(title="ROCB account of the 14th", publisher="ROCB A/P")
        self.rewrite = factories.make_source(title="A rewrite", kind="aggregator")
        self.unpublished = factories.make_source(title="Unchecked account", status=Status.DRAFT)
        self.topic = factories.make_topic(
            "Centre of Excellence",
            slug="centre-of-excellence",
            summary="Whether RTCs should be centres of excellence.",
        )
        first = TopicEntry.objects.create(
            topic=self.topic, meeting=self.first, note="Raised, to be discussed further."
        )
        second = TopicEntry.objects.create(
            topic=self.topic, meeting=self.second, note="Taken a step further."
        )
        TopicEntry.objects.create(
            topic=self.topic, meeting=self.draft_meeting, note="Secret step of a draft meeting."
        )
        factories.cite(first, self.official)
        factories.cite(first, self.unpublished)
        factories.cite(second, self.rocb)
        factories.cite(second, self.rewrite)
        self.draft_topic = factories.make_topic(
            "Drafted topic", slug="drafted-topic", status=Status.DRAFT, meetings=[self.second]
        )
        host = factories.make_body("Hong Kong (China)")
        self.talk = Intervention.objects.create(
            meeting=self.second, body=host, topic="What a centre of excellence needs"
        )
        self.point = DiscussionPoint.objects.create(
            meeting=self.second, kind="priority", text="Agree criteria for excellence"
        )
        self.programme = Programme.objects.create(
            name="Regional Training Evaluation Package",
            slug="rtep",
            kind="document",
            body=host,
            status=Status.PUBLISHED,
        )
        rtc = factories.make_rtc("Hong Kong RTC", host=host)
        self.initiative = factories.make_initiative(
            rtc=rtc, meeting=self.second, title="Excellence framework"
        )
        self.draft_initiative = factories.make_initiative(
            rtc=rtc, meeting=self.second, title="Unpublished scheme", status=Status.DRAFT
        )
        self.talk.programmes.add(self.programme)
        for topic in (self.topic, self.draft_topic):
            topic.interventions.add(self.talk)
            topic.discussion_points.add(self.point)
            topic.programmes.add(self.programme)
            topic.initiatives.add(self.initiative, self.draft_initiative)


@pytest.fixture
def thread(db):
    return Thread()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_topics_list_names_each_topic_with_the_meetings_it_spans(client, thread):
    page = client.get(reverse("meetings:topic-list")).text
    assert 'href="/topics/centre-of-excellence/"' in page
    assert "2 meetings, 2015\u20132016" in text_of(page)
    assert 'href="/meetings/13th-rtc-heads-meeting/"' in page
    assert 'href="/meetings/14th-rtc-heads-meeting/"' in page
    assert "15th" not in page
    assert "Drafted topic" not in page


def test_a_topic_tells_its_thread_meeting_by_meeting_with_numbered_sources(client, thread):
    page = client.get(thread.topic.get_absolute_url()).text
    text = text_of(page)
    assert text.index("13th RTC Heads Meeting") < text.index("14th RTC Heads Meeting")
    assert "Raised, to be discussed further. [1]" in text
    assert "Taken a step further. [2] [3]" in text.replace("][", "] [")
    # The Sources list, in the order the numbers first appear, each linking the source page.
    sources = page[page.index('id="sources-heading"') :]
    assert sources.index("WCO account of the 13th") < sources.index("ROCB account of the 14th")
    assert sources.index("ROCB account of the 14th") < sources.index("A rewrite")
    assert f'href="{thread.official.get_absolute_url()}"' in sources
    # An unpublished source supports nothing on the public site.
    assert "Unchecked account" not in page
    # Each step links its meeting and can be linked to.
    assert 'id="meeting-14"' in page


def test_a_topic_lists_what_was_tagged_with_it_under_its_meeting(client, thread):
    page = client.get(thread.topic.get_absolute_url()).text
    step = page[page.index('id="meeting-14"') :]
    assert "What a centre of excellence needs" in step
    assert "Agree criteria for excellence" in step
    assert 'href="/initiatives/' in step and "Excellence framework" in step
    assert "Regional Training Evaluation Package" in page
    assert "Unpublished scheme" not in page
    assert 'href="/initiatives/?topic=centre-of-excellence"' in page


def test_drafts_stay_off_the_topic_pages(client, thread):
    assert client.get(thread.draft_topic.get_absolute_url()).status_code == 404
    page = client.get(thread.topic.get_absolute_url()).text
    assert "Secret step of a draft meeting" not in page
    assert "15th RTC Heads Meeting" not in page


def test_the_meeting_page_links_its_topics_and_those_of_its_talks_points_and_programmes(
    client, thread
):
    page = client.get(thread.second.get_absolute_url()).text
    link = 'href="/topics/centre-of-excellence/"'
    # The meeting's own, then a talk's, a point's and a programme's.
    assert page.count(link) == 4
    assert "drafted-topic" not in page
    assert "Drafted topic" not in page


def test_a_meeting_outside_every_thread_shows_no_topics(client, thread):
    other = factories.make_meeting(16, start_date=D(2018, 10, 24))
    page = client.get(other.get_absolute_url()).text
    assert "/topics/" not in page.replace('href="/topics/"', "")


def test_the_initiative_page_links_its_published_topics(client, thread):
    page = client.get(thread.initiative.get_absolute_url()).text
    assert 'href="/topics/centre-of-excellence/"' in page
    assert "Drafted topic" not in page


def test_the_discussion_point_and_programme_pages_link_their_topics(client, thread):
    points = client.get(reverse("meetings:discussion-kind", args=["priorities"])).text
    assert 'href="/topics/centre-of-excellence/"' in points
    body = client.get(thread.programme.body.get_absolute_url()).text
    assert 'href="/topics/centre-of-excellence/"' in body
    assert "Drafted topic" not in points + body


def test_staff_preview_a_draft_topic(client, editor_user, thread):
    page = logged_in(client, editor_user).get(
        reverse("preview:topic", args=[thread.draft_topic.slug])
    )
    assert page.status_code == 200
    assert "Preview — not public." in page.text
    assert "Drafted topic" in page.text
    client.logout()
    assert client.get(reverse("preview:topic", args=[thread.draft_topic.slug])).status_code == 404


def test_the_topic_page_marks_its_initiatives_only_an_aggregator_reports(client, db):
    topic = factories.make_topic(status="published")
    provenance.two_initiatives(topic=topic)
    provenance.marks_the_aggregators_initiative_only(client.get(topic.get_absolute_url()).text)
