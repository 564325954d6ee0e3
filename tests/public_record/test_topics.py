"""The record's topics (data/record/topics.yaml, public_record/topics.py): read and checked
with the other files, loaded published with their threads, citations and tags, safely again
and again; a mistake names topics.yaml and its line, and nothing is written."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from initiatives.models import Initiative
from meetings.models import DiscussionPoint, Intervention, Meeting, Topic, TopicEntry
from public_record import topics as record_topics
from public_record.loader import Loader
from public_record.reader import RecordError, read_record
from sources.models import Citation
from tests.support.record_files import line_of, replace_in

# slug: the meetings of its thread, as public-record.md supports them.
THREADS = {
    "centre-of-excellence": [13, 14],
    "training-evaluation": [11, 13, 14, 17, 21, 22],
    "e-learning": [13, 14, 16, 19, 21, 22],
    "distance-training-covid-19": [18, 19, 20],
    "vr-training": [19, 20],
    "clikc": [19, 21],
    "professionalism-and-hr-networks": [13, 14, 17, 20, 21],
}


def thread_numbers(topic):
    return list(
        TopicEntry.objects.published()
        .filter(topic=topic)
        .order_by("meeting__start_date")
        .values_list("meeting__number", flat=True)
    )


def test_the_record_gives_at_least_six_topics_each_across_two_meetings(public_record):
    topics = Topic.objects.published()
    assert topics.count() >= 6
    assert {topic.slug: thread_numbers(topic) for topic in topics} == THREADS


def test_every_step_of_every_thread_rests_on_a_published_source(public_record):
    for entry in TopicEntry.objects.select_related("topic", "meeting"):
        sources = Citation.objects.published().for_records([entry])
        assert sources.exists(), entry
        assert entry.note, entry


@pytest.mark.parametrize("slug", list(THREADS))
def test_each_topic_page_tells_its_thread_with_numbered_sources(client, public_record, slug):
    page = client.get(f"/topics/{slug}/")
    assert page.status_code == 200
    for number in THREADS[slug]:
        assert f'id="meeting-{number}"' in page.text
    assert 'id="sources-heading"' in page.text
    assert re.search(r'<a href="#ref-1" aria-label="source 1">\[1\]</a>', page.text)


def test_the_record_tags_what_its_meetings_said_on_a_topic(public_record):
    vr = Topic.objects.get(slug="vr-training")
    assert set(vr.initiatives.values_list("slug", flat=True)) == {
        "hong-kong-china-rtc-vr-enforcement-simulation"
    }
    assert list(vr.interventions.values_list("topic", flat=True)) == ["VR training developments"]
    distance = Topic.objects.get(slug="distance-training-covid-19")
    assert distance.initiatives.count() == 8
    assert distance.discussion_points.filter(text="Uneven internet infrastructure").exists()
    assert list(Topic.objects.get(slug="clikc").programmes.values_list("slug", flat=True)) == [
        "clikc"
    ]


def tag_counts():
    return [
        model.topics.through.objects.count()
        for model in (Intervention, DiscussionPoint, Initiative)
    ]


def test_loading_again_creates_nothing_and_keeps_the_secretariats_edits(public_record):
    before = (Topic.objects.count(), TopicEntry.objects.count(), Citation.objects.count())
    tags = tag_counts()
    entry = TopicEntry.objects.get(topic__slug="vr-training", meeting__number=20)
    entry.note = "Rewritten by the secretariat."
    entry.save()
    # A tag the secretariat took off stays off.
    Topic.objects.get(slug="vr-training").initiatives.clear()
    call_command("load_public_record", stdout=io.StringIO())
    assert (Topic.objects.count(), TopicEntry.objects.count(), Citation.objects.count()) == before
    assert tag_counts() == [tags[0], tags[1], tags[2] - 1]
    entry.refresh_from_db()
    assert entry.note == "Rewritten by the secretariat."


def test_loading_one_meeting_loads_only_the_topics_it_took_up(db):
    call_command("load_public_record", meeting=[19], stdout=io.StringIO())
    assert set(Topic.objects.values_list("slug", flat=True)) == {
        slug for slug, numbers in THREADS.items() if 19 in numbers
    }
    assert set(TopicEntry.objects.values_list("meeting__number", flat=True)) == {19}


# --- Mistakes ----------------------------------------------------------------------------


MISTAKES = [
    ("      - meeting: 18\n", "      - meeting: 15\n", "no meeting number 15 in meetings/"),
    ("        cite: [S22]\n", "        cite: [S99]\n", "unknown cite 'S99'"),
    (
        "        - {meeting: 19, topic: VR training developments}\n",
        "        - {meeting: 18, topic: VR training developments}\n",
        "meeting 18 is not in vr-training's thread",
    ),
    (
        "        - {meeting: 19, text: Uneven internet infrastructure}\n",
        "        - {meeting: 19, text: Uneven internet}\n",
        "no discussion point 'Uneven internet' at meeting 19",
    ),
    ("      programmes: [clikc]\n", "      programmes: [clikk]\n", "unknown programme 'clikk'"),
    ("    slug: clikc\n", "    slug: clikc\n    colour: red\n", "unknown key 'colour' in a topic"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("old, new, message", MISTAKES)
def test_a_mistake_names_topics_yaml_and_its_line_and_nothing_is_written(
    record_copy, old, new, message
):
    path = record_copy / "topics.yaml"
    replace_in(path, old, new)
    with pytest.raises(CommandError) as error:
        call_command("load_public_record", stdout=io.StringIO())
    assert re.search(rf"topics\.yaml, line \d+: {re.escape(message)}", str(error.value))
    assert not Topic.objects.exists()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_the_line_named_is_the_mistakes_own(record_copy):
    path = record_copy / "topics.yaml"
    replace_in(path, "        cite: [S22]\n", "        cite: [S99]\n")
    with pytest.raises(RecordError) as error:
        record_topics.check(
            record_topics.read_topics(record_copy),
            Loader(read_record(record_copy)),
        )
    assert f"topics.yaml, line {line_of(path, '        cite: [S99]')}:" in str(error.value)
