"""The topics of the public record (data/record/topics.yaml): reading, checking and loading.

Kept apart from the loader of the meetings (loader.py) so each can grow on its own;
`loader.load_record` calls `read_topics` and `check` before it writes anything and `load` within
its transaction. The same rules hold: every file reads and checks cleanly or nothing is written;
a second run creates only what is missing; a tag is applied when its meeting joins the topic's
thread (a programme's when the topic is created), so a tag the secretariat removed stays
removed.
"""

from core.models import Status
from meetings.models import DiscussionPoint, Intervention, Meeting, Topic, TopicEntry

from . import reader
from .reader import RecordError
from .schema import CITE, Field, Schema

FILE = "topics.yaml"

THREAD_ENTRY = Schema(
    "a meeting of a topic's thread",
    {"meeting": Field(int, True), "note": Field(str), "cite": CITE},
)
TAGGED_INTERVENTION = Schema(
    "a tagged intervention", {"meeting": Field(int, True), "topic": Field(str, True)}
)
TAGGED_POINT = Schema(
    "a tagged discussion point", {"meeting": Field(int, True), "text": Field(str, True)}
)
TAGGED = Schema(
    "the records tagged with a topic",
    {
        "programmes": Field("tags"),
        "initiatives": Field("tags"),
        "interventions": Field(TAGGED_INTERVENTION, many=True),
        "discussion_points": Field(TAGGED_POINT, many=True),
    },
)
TOPIC = Schema(
    "a topic",
    {
        "name": Field(str, True),
        "slug": Field(str, True),
        "summary": Field(str),
        "cite": CITE,
        "thread": Field(THREAD_ENTRY, required=True, many=True),
        "tagged": Field(TAGGED),
    },
)
SHAPE = {"topics": Field(TOPIC, True, many=True)}


def read_topics(directory=None):
    """The checked entries of topics.yaml, [] when the record has no such file."""
    directory = directory or reader.RECORD_DIR
    if not (directory / FILE).exists():
        return []
    return reader.read(directory, FILE, SHAPE)["topics"]


def check(topics, loader):
    """Every reference of the topics against the record the loader holds: source tags,
    meetings, programmes, initiatives, interventions and points. Raises RecordError."""
    problems = []
    meetings = loader.record.meetings
    initiatives = {
        entry["slug"]: number
        for number, data in meetings.items()
        for entry in data.get("initiatives", [])
    }

    def problem(entry, key, message):
        problems.append(f"{FILE}, line {entry.key_lines.get(key, entry.line)}: {message}")

    def known_tags(entry):
        for tag in entry.get("cite", []):
            if tag not in loader.source_entries:
                problem(entry, "cite", f"unknown cite '{tag}'")

    slugs = set()
    for topic in topics:
        if topic["slug"] in slugs:
            problem(topic, "slug", f"slug '{topic['slug']}' is used by another topic")
        slugs.add(topic["slug"])
        known_tags(topic)
        thread = set()
        for entry in topic["thread"]:
            known_tags(entry)
            if entry["meeting"] not in meetings:
                problem(entry, "meeting", f"no meeting number {entry['meeting']} in meetings/")
            elif entry["meeting"] in thread:
                problem(entry, "meeting", f"meeting {entry['meeting']} is twice in the thread")
            thread.add(entry["meeting"])

        tagged = topic.get("tagged", {})
        for slug in tagged.get("programmes", []):
            if slug not in loader.programme_entries:
                problem(tagged, "programmes", f"unknown programme '{slug}'")
        for slug in tagged.get("initiatives", []):
            if slug not in initiatives:
                problem(tagged, "initiatives", f"unknown initiative '{slug}'")
            elif initiatives[slug] not in thread:
                problem(
                    tagged,
                    "initiatives",
                    f"initiative '{slug}' is of meeting {initiatives[slug]}, "
                    f"which is not in {topic['slug']}'s thread",
                )
        for kind, key in (("interventions", "topic"), ("discussion_points", "text")):
            for entry in tagged.get(kind, []):
                number = entry["meeting"]
                if number not in thread:
                    problem(
                        entry, "meeting", f"meeting {number} is not in {topic['slug']}'s thread"
                    )
                    continue
                recorded = [item[key] for item in meetings[number].get(kind, [])]
                if entry[key] not in recorded:
                    name = kind.replace("_", " ")[:-1]
                    problem(entry, key, f"no {name} '{entry[key]}' at meeting {number}")
    if problems:
        raise RecordError(problems)


def load(topics, loader):
    """Creates what is missing, published: topics, their thread entries (for the meetings
    being loaded) and their citations, and the tags."""
    numbers = {data["number"] for data in loader.meetings}
    by_number = {meeting.number: meeting for meeting in Meeting.objects.filter(number__in=numbers)}
    for entry in topics:
        if not any(step["meeting"] in by_number for step in entry["thread"]):
            continue  # none of its meetings is loaded (`--meeting`): it would show nothing
        topic, created = loader.get_or_create(
            Topic,
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "summary": entry.get("summary", ""),
                "status": Status.PUBLISHED,
            },
        )
        loader.cite(topic, entry.get("cite"))
        tagged = entry.get("tagged", {})
        if created:
            topic.programmes.add(*(loader.programme(slug) for slug in tagged.get("programmes", [])))
        for step in entry["thread"]:
            meeting = by_number.get(step["meeting"])
            if meeting is None:  # a meeting not being loaded this time
                continue
            thread_entry, joined = loader.get_or_create(
                TopicEntry, topic=topic, meeting=meeting, defaults={"note": step.get("note", "")}
            )
            loader.cite(thread_entry, step.get("cite"))
            if joined:
                tag_meeting(topic, meeting, tagged)


def tag_meeting(topic, meeting, tagged):
    """Tags the records of `meeting` that `tagged` names with `topic`."""
    number = meeting.number
    interventions = [e["topic"] for e in tagged.get("interventions", []) if e["meeting"] == number]
    points = [e["text"] for e in tagged.get("discussion_points", []) if e["meeting"] == number]
    topic.interventions.add(*Intervention.objects.filter(meeting=meeting, topic__in=interventions))
    topic.discussion_points.add(*DiscussionPoint.objects.filter(meeting=meeting, text__in=points))
    topic.initiatives.add(*meeting.initiatives.filter(slug__in=tagged.get("initiatives", [])))
