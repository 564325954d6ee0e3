"""Every public list and detail page makes the same number of SQL queries whatever the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Accreditation, HostInstitution, Initiative, Partner
from meetings.models import (
    DiscussionPoint,
    Intervention,
    Participation,
    Person,
    Presentation,
    Programme,
    RegionalRole,
    Session,
)
from tests.support import factories, files

pytestmark = pytest.mark.engine

PAGES = {
    "home": "/",
    "meetings list": "/meetings/",
    "meeting detail": "/meetings/{meeting}/",
    "RTC list": "/rtcs/",
    "RTC detail": "/rtcs/{rtc}/",
    "initiatives list": "/initiatives/",
    "initiatives list filtered": "/initiatives/?rtc={rtc}&rtc={other_rtc}&category={category}",
    "initiatives list searched and sorted": "/initiatives/?q=Initiative&sort=rtc&page=2",
    "initiative detail": "/initiatives/{initiative}/",
    "administrations list": "/administrations/",
    "administration detail": "/administrations/{host}/",
    "organiser detail": "/administrations/{organiser}/",
    "sources list": "/sources/",
    "source detail": "/sources/{source}/",
    "disagreements": "/sources/disagreements/",
    # The public record's lists, exports and feed.
    "sources list filtered": "/sources/?kind=official&kind=aggregator&language=en&q=account",
    "sources CSV": "/sources/export.csv?kind=aggregator",
    "sources feed": "/sources/feed/",
    # Filtered, so read from the database (the whole list is a stored file, one row read).
    "initiatives CSV": "/initiatives/export.csv?sort=title",
    "participants CSV": "/meetings/{meeting}/participants.csv",
    "search for sources and people": "/search/?q=account",
    "topics list": "/topics/",
    "topic detail": "/topics/{topic}/",
    "initiatives list by topic": "/initiatives/?topic={topic}",
    "people list": "/people/",
    "person detail": "/people/{person}/",
}


class World:
    """A growing set of records: every page must cost the same at each size."""

    def __init__(self):
        self.organiser = factories.make_body(name="Organiser", kind="regional")
        self.rtcs = []
        self.meetings = []
        self.categories = [factories.make_category() for _ in range(2)]
        self.partner = Partner.objects.create(name="A university", kind="university")
        self.programme = Programme.objects.create(
            name="A programme", slug="a-programme", kind="project", status="published"
        )
        self.count = 0
        self.slides = files.pptx_file(("Slides", "What the RTC did"))
        self.report = files.pdf("A report")
        self.official = factories.make_source(title="An official account")
        self.sources = [self.official]
        self.topics = []

    def grow_to(self, initiatives, rtcs, meetings):
        while len(self.rtcs) < rtcs:
            rtc = factories.make_rtc()
            factories.make_document(attached_to=rtc, content=self.slides, name="r.pptx")
            # Its accreditation and its institution's name, each with its source.
            step = Accreditation.objects.create(
                rtc=rtc, step="accredited", date=datetime.date(2010, 5, 1), date_precision="month"
            )
            factories.cite(step, self.official)
            factories.cite(HostInstitution.objects.create(rtc=rtc, name="A college"), self.official)
            # Its host held the Vice-Chair for a term, cited (on the RTC and host pages).
            factories.cite(RegionalRole.objects.create(body=rtc.host), self.official)
            self.rtcs.append(rtc)
            self.categories.append(factories.make_category())
        while len(self.meetings) < meetings:
            meeting = factories.make_meeting()
            organiser = Participation.objects.create(
                meeting=meeting, body=self.organiser, role="organiser"
            )
            # Each meeting has its own account, cited with the shared one; the accounts
            # differ on one point.
            own = factories.make_source(kind="aggregator")
            self.sources.append(own)
            factories.cite(meeting, self.official, "dates")
            factories.cite(meeting, own, "format")
            factories.cite(organiser, own)
            factories.make_disagreement(
                meeting, "Format", [(self.official, "Hybrid"), (own, "In person")], "format"
            )
            self.meetings.append(meeting)
        # Every meeting grows with the world too: one participant, one talk and one point per RTC.
        for meeting in self.meetings:
            taking_part = set(meeting.participations.values_list("body", flat=True))
            for number, rtc in enumerate(self.rtcs):
                if rtc.host_id in taking_part:
                    continue
                participation = Participation.objects.create(
                    meeting=meeting, body=rtc.host, role="participant"
                )
                factories.cite(participation, self.official)
                speaker, _ = Person.objects.get_or_create(
                    name=f"Speaker {rtc.slug}", defaults={"body": rtc.host}
                )
                talk = Intervention.objects.create(
                    meeting=meeting, speaker=speaker, body=rtc.host, topic=f"T{number}"
                )
                talk.programmes.add(self.programme)
                # Its slides, and a document of the meeting's, both listed on the meeting page.
                factories.make_document(attached_to=talk, content=self.slides, name="t.pptx")
                factories.make_document(attached_to=meeting, content=self.report)
                DiscussionPoint.objects.create(
                    meeting=meeting, kind="commitment", text=f"C{number}", body=rtc.host
                )
                # Its programme: a session per RTC, each presenting, both cited.
                session = Session.objects.create(
                    meeting=meeting, order=number, kind="rtc_presentations", title=f"S{number}"
                )
                factories.cite(session, self.official)
                presentation = Presentation.objects.create(
                    session=session, body=rtc.host, speaker=speaker, topic=f"P{number}"
                )
                factories.cite(presentation, self.sources[-1])
        while self.count < initiatives:
            initiative = factories.make_initiative(
                rtc=self.rtcs[self.count % len(self.rtcs)],
                meeting=self.meetings[self.count % len(self.meetings)],
                categories=self.categories[: 2 + self.count % 3],
            )
            initiative.partners.add(self.partner)
            factories.make_document(attached_to=initiative, content=self.report)
            factories.cite(initiative, self.sources[self.count % len(self.sources)])
            self.count += 1
        self.grow_topics()

    def grow_topics(self):
        """A topic per meeting, each with a cited thread entry at every meeting and tagged on
        every talk, point, programme and initiative there is."""
        while len(self.topics) < len(self.meetings):
            self.topics.append(factories.make_topic(status="published"))
        for topic in self.topics:
            for meeting in self.meetings:
                entry, created = topic.entries.get_or_create(meeting=meeting, note="A step.")
                if created:
                    factories.cite(entry, self.official)
            topic.interventions.set(Intervention.objects.all())
            topic.discussion_points.set(DiscussionPoint.objects.all())
            topic.programmes.set([self.programme])
            topic.initiatives.set(Initiative.objects.all())

    def urls(self):
        first = self.rtcs[0]
        values = {
            "meeting": self.meetings[0].slug,
            "rtc": first.slug,
            "other_rtc": self.rtcs[1].slug,
            "category": self.categories[0].slug,
            "initiative": first.initiatives.order_by("pk").first().slug,
            "host": first.host.slug,
            "organiser": self.organiser.slug,
            "source": self.official.slug,
            "topic": self.topics[0].slug,
            # "Speaker <slug>", who speaks and presents at every meeting.
            "person": f"speaker-{first.slug}",
        }
        return {name: path.format(**values) for name, path in PAGES.items()}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:  # a download runs its queries as it is read
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
def test_every_page_makes_the_same_number_of_queries_with_5_and_200_initiatives(client):
    world = World()
    world.grow_to(initiatives=5, rtcs=2, meetings=1)
    # The paginated search needs a second page at both sizes: add the rest of page one.
    small_urls = world.urls()
    small = {
        name: count_queries(client, url) for name, url in small_urls.items() if "page=2" not in url
    }

    world.grow_to(initiatives=200, rtcs=12, meetings=6)
    large = {
        name: count_queries(client, url)
        for name, url in world.urls().items()
        if "page=2" not in url
    }

    assert large == small


@pytest.mark.django_db
def test_the_second_page_of_a_list_costs_the_same_with_25_and_200_initiatives(client):
    world = World()
    world.grow_to(initiatives=25, rtcs=2, meetings=1)
    url = world.urls()["initiatives list searched and sorted"]
    small = count_queries(client, url)
    world.grow_to(initiatives=200, rtcs=12, meetings=6)
    assert count_queries(client, url) == small


@pytest.mark.django_db
def test_the_initiatives_list_makes_a_small_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    world = World()
    world.grow_to(initiatives=30, rtcs=3, meetings=2)
    # 3 filter validations, 4 option lists and their 4 counts (grouped, one query each), the
    # total, the page, categories, partners, the page's sources (for the "not confirmed" mark);
    # the footer's date of the record's last change; the glossary's terms (GlossaryMiddleware).
    with django_assert_max_num_queries(18):
        client.get(world.urls()["initiatives list filtered"])
