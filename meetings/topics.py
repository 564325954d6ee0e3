"""The topics that run through the series: /topics/, each with the meetings it spans, and
/topics/<slug>/, its thread meeting by meeting with numbered references, then what was tagged
with it. Only what the public may see: published topics, meetings and records.

A topic page runs a fixed number of queries however long its thread is (the query-count tests
hold it to that); the initiatives are reached through the reverse relation, since meetings sits
below initiatives."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.models import Status
from core.views import BreadcrumbsMixin
from sources.references import References

from .models import Topic, TopicEntry


def published_topics():
    """Puts a record's published topics, by name, on `record.public_topics`."""
    return Prefetch("topics", queryset=Topic.objects.published(), to_attr="public_topics")


def by_meeting(step, **records):
    """[step(meeting)] for each meeting any of `records` was at, the earliest first. Each
    keyword names a list of the step and gives the records (each with `.meeting`) to put in it:
    a topic's thread, a person's parts."""
    steps = {}
    for name, items in records.items():
        for item in items:
            getattr(steps.setdefault(item.meeting.pk, step(item.meeting)), name).append(item)
    return sorted(steps.values(), key=lambda s: (s.meeting.start_date, s.meeting.number))


@dataclass
class ThreadStep:
    """One meeting in a topic's thread: the thread entry (when there is one) and what was
    tagged with the topic at that meeting."""

    meeting: object
    entries: list = field(default_factory=list)
    interventions: list = field(default_factory=list)
    points: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)

    @property
    def entry(self):
        """The meeting's entry in the thread (one at most), or None."""
        return self.entries[0] if self.entries else None


def thread(entries, interventions, points, initiatives):
    """The steps of a thread, oldest meeting first: one per meeting that has an entry or a
    tagged record."""
    return by_meeting(
        ThreadStep,
        entries=entries,
        interventions=interventions,
        points=points,
        initiatives=initiatives,
    )


class TopicListView(BreadcrumbsMixin, ListView):
    template_name = "meetings/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return Topic.objects.published().with_public_meetings()

    def get_breadcrumbs(self):
        return [("Topics", None)]


class TopicDetailView(BreadcrumbsMixin, DetailView):
    template_name = "meetings/topic_detail.html"
    context_object_name = "topic"

    def get_queryset(self):
        return Topic.objects.published()

    def get_breadcrumbs(self):
        return [("Topics", reverse("meetings:topic-list")), (self.object.name, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = self.object
        # The topic is public (or previewed by staff); its thread shows published meetings.
        entries = list(
            TopicEntry.objects.filter(topic=topic, meeting__status=Status.PUBLISHED)
            .select_related("meeting")
            .order_by("meeting__start_date")
        )
        interventions = list(
            topic.interventions.published()
            .select_related("meeting", "speaker", "body")
            .order_by("meeting__start_date", "order", "pk")
        )
        points = list(
            topic.discussion_points.published()
            .select_related("meeting", "body")
            .order_by("meeting__start_date", "kind", "order", "pk")
        )
        initiatives = list(
            topic.initiatives.published()
            .select_related("rtc", "meeting")
            .order_by("meeting__start_date", "rtc__name", "title")
        )
        programmes = list(topic.programmes.published().select_related("body"))
        # Numbered in the order the page shows them: the topic, its thread, the rest.
        references = References.for_records(
            [topic, *entries, *interventions, *points, *initiatives, *programmes]
        )
        context["topic_refs"] = references.refs(topic)
        steps = thread(entries, interventions, points, initiatives)
        for step in steps:
            if step.entry:
                step.entry.refs = references.refs(step.entry)
            references.annotate(step.interventions)
            references.annotate(step.points)
            references.annotate(step.initiatives)
        context["steps"] = steps
        context["initiatives"] = initiatives
        context["programmes"] = references.annotate(programmes)
        context["references"] = references.numbered_sources()
        return context
