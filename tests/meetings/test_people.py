"""The people pages (meetings/people.py): /people/ and /people/<slug>/, every part a person
played, meeting by meeting, with the post they held then and the sources of each part."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Status
from meetings.models import Intervention, MeetingRole, Person, Presentation, Session
from tests.support import factories


@pytest.fixture
def career(db):
    """A person who chaired and spoke at one meeting as a director and presented at a later
    one as head, each part cited, and who spoke at a draft meeting."""
    body = factories.make_body(name="Customs of Arcadia", slug="arcadia")
    person = Person.objects.create(
        name="Farah Fictiva", honorific="Ms.", position="Head of Training", body=body
    )
    first = factories.make_meeting(
        number=31, start_date=datetime.date(2030, 3, 1), end_date=datetime.date(2030, 3, 2)
    )
    later = factories.make_meeting(
        number=32, start_date=datetime.date(2031, 3, 1), end_date=datetime.date(2031, 3, 2)
    )
    draft = factories.make_meeting(number=33, status=Status.DRAFT)
    official = factories.make_source(title="The official account of the 31st")
    aggregator = factories.make_source(title="A rewrite of the 32nd", kind="aggregator")
    chair = MeetingRole.objects.create(
        meeting=first, person=person, kind="chair", position="Director of Studies", body=body
    )
    factories.cite(chair, official)
    Intervention.objects.create(meeting=first, body=body, speaker=person, topic="Distance courses")
    session = Session.objects.create(meeting=later, order=1, kind="rtc_presentations")
    presentation = Presentation.objects.create(
        session=session, body=body, speaker=person, topic="Our e-learning platform"
    )
    factories.cite(presentation, aggregator)
    Intervention.objects.create(meeting=draft, body=body, speaker=person, topic="Zqdraft talk")
    return person


def test_a_person_has_an_address_made_from_their_name(career):
    assert career.slug == "farah-fictiva"
    assert career.get_absolute_url() == "/people/farah-fictiva/"


def test_two_people_whose_names_give_the_same_slug_get_two_addresses(db):
    body = factories.make_body()
    first = Person.objects.create(name="Kang Taeil", body=body)
    second = Person.objects.create(name="Kang, Taeil", body=body)
    assert first.slug == "kang-taeil"
    assert second.slug == "kang-taeil-2"


def test_the_person_page_tells_every_part_meeting_by_meeting_with_the_post_then(client, career):
    page = client.get("/people/farah-fictiva/").text
    assert "Ms. Farah Fictiva" in page
    assert "Head of Training" in page
    assert "31th RTC Heads Meeting" in page
    assert "32th RTC Heads Meeting" in page
    assert page.index("31th RTC Heads Meeting") < page.index("32th RTC Heads Meeting")
    assert "Post at the time: Director of Studies" in page
    assert ">Chair</a>" in page
    assert "Our e-learning platform" in page


def test_the_person_page_lists_the_sources_of_each_part(client, career):
    page = client.get("/people/farah-fictiva/").text
    assert 'id="sources-heading"' in page
    assert "The official account of the 31st" in page
    assert "A rewrite of the 32nd" in page


def test_a_part_at_a_draft_meeting_stays_off_the_person_page(client, career):
    assert "Zqdraft" not in client.get("/people/farah-fictiva/").text


def test_a_person_whose_body_is_a_draft_has_no_page(client, career):
    career.body.status = Status.DRAFT
    career.body.save()
    assert client.get("/people/farah-fictiva/").status_code == 404
    assert "Farah Fictiva" not in client.get("/people/").text


def test_an_unknown_person_is_a_404(client, db):
    assert client.get("/people/nobody-at-all/").status_code == 404


def test_the_people_list_links_each_public_person_to_their_page(client, career):
    page = client.get("/people/").text
    assert 'href="/people/farah-fictiva/"' in page


def test_the_meeting_page_links_its_chair_speakers_and_presenters_to_their_pages(client, seeded):
    page = client.get("/meetings/19th-rtc-heads-meeting/").text
    # Mr. Kuramoto opened the meeting, spoke, and presented.
    assert page.count('href="/people/norikazu-kuramoto/"') >= 3
    assert 'href="/people/kang-taeil/"' in page


def test_a_talk_by_a_person_whose_body_is_a_draft_is_not_public(career):
    career.body.status = Status.DRAFT
    career.body.save()
    other = factories.make_body()
    talk = Intervention.objects.create(
        meeting=factories.make_meeting(), body=other, speaker=career, topic="A talk"
    )
    assert talk not in Intervention.objects.published()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_person_page_costs_the_same_queries_for_one_meeting_or_six(client, career):
    url = "/people/farah-fictiva/"
    one_meeting = queries_for(client, url)
    body = career.body
    for number in range(40, 45):
        meeting = factories.make_meeting(number=number)
        MeetingRole.objects.create(meeting=meeting, person=career, kind="opening", body=body)
        Intervention.objects.create(meeting=meeting, body=body, speaker=career, topic="T")
        session = Session.objects.create(meeting=meeting, kind="opening")
        Presentation.objects.create(session=session, body=body, speaker=career, topic="P")
    assert queries_for(client, url) == one_meeting


def test_a_name_without_latin_letters_still_gets_an_address(db):
    body = factories.make_body()
    first = Person.objects.create(name="강태일", body=body)
    second = Person.objects.create(name="倉本典和", body=body)
    assert first.get_absolute_url() == "/people/person/"
    assert second.get_absolute_url() == "/people/person-2/"
