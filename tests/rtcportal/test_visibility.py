"""One rule for what the public sees: a draft or in-review record of any content model never
shows in any public response, nor changes any public count.

Each case adds hidden records around the published 19th meeting, each named with a marker word
of its own (the case's words, tagged with the case and status). Every case is planted at once,
and every public address (pages, exports, feed, calendars, sitemaps, searches for the markers)
is read once before and once after: each must answer exactly as before (same status, same
bytes), and no case's markers may show in any of them. The read API is read the same way:
its root and schema, every list whole, every public record, its searches for the markers; and
each hidden record's own API address must answer 404.
"""

import datetime
import difflib
import io
import zipfile
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from api.records import RECORD_KINDS
from core import downloads
from core.models import Status
from documents.models import DocumentPage
from initiatives.models import RTC, Category, Initiative, Partner
from meetings.models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    Participation,
    Person,
    Programme,
)
from meetings.views import KIND_SLUGS
from rtcportal.sitemaps import SITEMAPS
from sources.models import Source
from tests.support import factories

# The tests read what `crawl` recorded; the mark has the test database set up for it.
pytestmark = [pytest.mark.engine, pytest.mark.django_db]

HIDDEN = [Status.DRAFT, Status.IN_REVIEW]
# Planted side by side, the cases need records of their own for what is unique: a meeting's
# number, and an RTC's host (one RTC per administration), each a published administration
# without an RTC.
MEETING_NUMBERS = {Status.DRAFT: 99, Status.IN_REVIEW: 98}
RTC_HOSTS = {Status.DRAFT: "iran", Status.IN_REVIEW: "thailand"}


def published_19th():
    return Meeting.objects.get(slug="19th-rtc-heads-meeting")


def seeded_talk():
    """The 19th meeting's first talk as loaded, whatever talks the cases add."""
    return published_19th().interventions.order_by("pk").first()


def marked_initiative(rtc, tag, meeting=None, status=Status.PUBLISHED, **fields):
    """An initiative named with the "zqinitiative" and "zqsummary" markers."""
    initiative = Initiative.objects.create(
        rtc=rtc,
        meeting=meeting or published_19th(),
        title=f"Zqinitiative{tag}",
        slug=f"zqinitiative{tag}",
        summary=f"Zqsummary{tag}",
        status=status,
        **fields,
    )
    initiative.categories.set(Category.objects.order_by("pk")[:1])
    return initiative


def add_hidden_body(status, tag):
    """A hidden administration organising the 19th meeting, with a speaker, a talk, a pledge
    and a programme it runs."""
    body = Body.objects.create(
        name=f"Zqbody{tag}", slug=f"zqbody{tag}", kind="customs", status=status
    )
    meeting = published_19th()
    Participation.objects.create(meeting=meeting, body=body, role="organiser", note=f"Zqnote{tag}")
    speaker = Person.objects.create(name=f"Zqperson{tag}", body=body)
    talk = Intervention.objects.create(
        meeting=meeting, body=body, speaker=speaker, topic=f"Zqtalk{tag}"
    )
    programme = Programme.objects.create(
        name=f"Zqprogramme{tag}",
        slug=f"zqprogramme{tag}",
        kind="project",
        body=body,
        status="published",
    )
    talk.programmes.add(programme)
    DiscussionPoint.objects.create(
        meeting=meeting, kind="commitment", text=f"Zqpledge{tag}", body=body
    )
    return ["zqbody", "zqnote", "zqperson", "zqtalk", "zqprogramme", "zqpledge"]


def add_hidden_meeting(status, tag):
    """A hidden meeting with a participant, a talk, a point and a published initiative."""
    meeting = Meeting.objects.create(
        number=MEETING_NUMBERS[status],
        title=f"Zqmeeting{tag}",
        slug=f"zqmeeting{tag}",
        theme=f"Zqtheme{tag}",
        start_date=datetime.date(2024, 5, 1),
        end_date=datetime.date(2024, 5, 2),
        status=status,
    )
    wco = Body.objects.get(slug="wco")
    Participation.objects.create(meeting=meeting, body=wco, role="represented", note=f"Zqnote{tag}")
    # Spoken by a public person: their page must not show it.
    kang = Person.objects.get(name="Kang Taeil")
    Intervention.objects.create(meeting=meeting, body=wco, speaker=kang, topic=f"Zqtalk{tag}")
    DiscussionPoint.objects.create(meeting=meeting, kind="challenge", text=f"Zqpoint{tag}")
    marked_initiative(RTC.objects.get(slug="japan-rtc"), tag, meeting)
    marked_document(meeting, f"Zqmeetingfile{tag}", f"Zqmeetingpage{tag}")
    return [
        "zqmeeting", "zqtheme", "zqnote", "zqtalk", "zqpoint", "zqinitiative", "zqsummary",
        "zqmeetingfile", "zqmeetingpage",
    ]  # fmt: skip


def marked_document(attached_to, title, text, status=Status.PUBLISHED):
    """A document named `title` whose one page holds `text`, its text extracted."""
    document = factories.make_document(
        attached_to=attached_to, title=title, description=f"{title}desc", status=status
    )
    DocumentPage.objects.create(document=document, number=1, text=text)
    return document


def add_hidden_document(status, tag):
    """A hidden document of the published 19th meeting, its text extracted."""
    marked_document(published_19th(), f"Zqdocument{tag}", f"Zqslide{tag}", status)
    # The description is the title followed by "desc", so its marker ends in the tag too.
    return ["zqdocument", "zqslide"], [f"zqdocument{tag}desc"]


def add_hidden_programme(status, tag):
    """A hidden programme that a published talk refers to."""
    programme = Programme.objects.create(
        name=f"Zqprogramme{tag}",
        slug=f"zqprogramme{tag}",
        kind="project",
        body=Body.objects.get(slug="wco"),
        status=status,
    )
    seeded_talk().programmes.add(programme)
    return ["zqprogramme"]


def add_hidden_rtc(status, tag):
    """A hidden RTC, hosted by a published administration, with a published initiative."""
    rtc = RTC.objects.create(
        name=f"Zqrtc{tag}",
        slug=f"zqrtc{tag}",
        host=Body.objects.get(slug=RTC_HOSTS[status]),
        status=status,
    )
    marked_initiative(rtc, tag)
    return ["zqrtc", "zqinitiative", "zqsummary"]


def add_hidden_host(status, tag):
    """A published RTC whose host administration is hidden, with a published initiative."""
    host = Body.objects.create(
        name=f"Zqhost{tag}", slug=f"zqhost{tag}", kind="customs", status=status
    )
    rtc = RTC.objects.create(name=f"Zqrtc{tag}", slug=f"zqrtc{tag}", host=host, status="published")
    marked_initiative(rtc, tag)
    return ["zqhost", "zqrtc", "zqinitiative", "zqsummary"]


def add_hidden_category(status, tag):
    """A hidden kind of delivery given to a published initiative."""
    category = Category.objects.create(
        name=f"Zqcategory{tag}", slug=f"zqcategory{tag}", status=status
    )
    Initiative.objects.get(slug="japan-rtc-ai-tutoring-and-qa").categories.add(category)
    return ["zqcategory"]


def add_hidden_initiative(status, tag):
    """A hidden initiative of a published RTC at the published meeting, with its own partner."""
    initiative = marked_initiative(
        RTC.objects.get(slug="japan-rtc"), tag, status=status, description=f"Zqdescription{tag}"
    )
    initiative.partners.add(Partner.objects.create(name=f"Zqpartner{tag}", kind="university"))
    return ["zqinitiative", "zqsummary", "zqdescription", "zqpartner"]


def add_hidden_source(status, tag):
    """A hidden source cited for the published 19th meeting's dates and for a participation,
    and its version of a disputed point (a point with no public version is not shown)."""
    source = factories.make_source(
        title=f"Zqsource{tag}", slug=f"zqsource{tag}", publisher=f"Zqpublisher{tag}", status=status
    )
    meeting = published_19th()
    factories.cite(meeting, source, "dates", note=f"Zqnote{tag}")
    factories.cite(meeting.participations.get(body__slug="iran"), source)
    factories.make_disagreement(meeting, f"Zqpoint{tag}", [(source, f"Zqversion{tag}")])
    return ["zqsource", "zqpublisher", "zqnote", "zqversion", "zqpoint"]


CASES = {
    "administration": add_hidden_body,
    "meeting": add_hidden_meeting,
    "programme": add_hidden_programme,
    "RTC": add_hidden_rtc,
    "RTC host": add_hidden_host,
    "category": add_hidden_category,
    "initiative": add_hidden_initiative,
    "document": add_hidden_document,
    "source": add_hidden_source,
}
# Each case and status names its records with a tag of its own, so that a marker found in a
# response says which hidden record leaked. Tags are letters of one length: no marker is
# the beginning of another's word.
TAGS = {
    (case, status): f"{chr(ord('a') + number)}{status[0]}"
    for number, case in enumerate(CASES)
    for status in HIDDEN
}
assert len(set(TAGS.values())) == len(TAGS)


def plant(case, status):
    """Adds the case's hidden records; returns its marker words, as found in lowercase text."""
    tag = TAGS[case, status]
    words = CASES[case](status, tag)
    words, whole = words if isinstance(words, tuple) else (words, [])
    return [f"{word}{tag}" for word in words] + whole


def plant_every_case():
    return {(case, status): plant(case, status) for case in CASES for status in HIDDEN}


def public_addresses(markers):
    """Every public address the published records give: each page type, each export, the
    feed, the calendars, the sitemaps, and searches for every marker."""
    addresses = [
        "/",
        "/meetings/",
        "/meetings/calendar.ics",
        "/rtcs/",
        "/rtcs/matrix/",
        "/initiatives/",
        "/initiatives/export.csv",
        "/initiatives/export.json",
        "/sources/export.csv",
        "/data/",
        *(download.get_absolute_url() for download in downloads.registered()),
        "/initiatives/feed/",
        "/administrations/",
        "/administrations/attendance/",
        "/people/",
        "/sources/",
        "/sources/disagreements/",
        "/sitemap.xml",
        *(f"/sitemap-{section}.xml" for section in SITEMAPS),
        *(f"/discussion-points/{slug}/" for slug in KIND_SLUGS),
        "/rtcs/compare/?rtc=japan-rtc&rtc=china-rtc",
        "/initiatives/?rtc=japan-rtc&meeting=19th-rtc-heads-meeting",
    ]
    for meeting in Meeting.objects.published():
        addresses += [
            meeting.get_absolute_url(),
            f"{meeting.get_absolute_url()}calendar.ics",
            f"{meeting.get_absolute_url()}participants.csv",
            f"/rtcs/matrix/?meeting={meeting.slug}",
        ]
    for model in (RTC, Initiative, Body, Source, Person):
        addresses += [record.get_absolute_url() for record in model.objects.published()]
    addresses += ["/api/v1/", "/api/v1/schema/"]
    for kind, (records, _) in RECORD_KINDS.items():
        addresses.append(f"/api/v1/{kind}/?page_size=100")
        addresses += [f"/api/v1/{kind}/{pk}/" for pk in records().values_list("pk", flat=True)]
    for marker in sorted(markers):
        addresses += [
            f"/search/?q={marker}",
            f"/initiatives/?q={marker}",
            f"/api/v1/initiatives/?q={marker}",
            f"/api/v1/sources/?q={marker}",
        ]
    # The addresses the hidden records would have if they were public.
    for tag in TAGS.values():
        addresses += [
            f"/meetings/zqmeeting{tag}/",
            f"/meetings/zqmeeting{tag}/calendar.ics",
            f"/rtcs/zqrtc{tag}/",
            f"/initiatives/zqinitiative{tag}/",
            f"/administrations/zqbody{tag}/",
            f"/administrations/zqhost{tag}/",
            f"/people/zqperson{tag}/",
            f"/sources/zqsource{tag}/",
            f"/initiatives/?category=zqcategory{tag}",
        ]
    return addresses


def hidden_api_addresses():
    """The API address each record that is not public would have, were it public."""
    addresses = []
    for kind, (records, _) in RECORD_KINDS.items():
        model = records().model
        hidden = model.objects.exclude(pk__in=records().values("pk"))
        addresses += [f"/api/v1/{kind}/{pk}/" for pk in hidden.values_list("pk", flat=True)]
    return addresses


def snapshot(client, addresses):
    return {address: fetch(client, address) for address in addresses}


def fetch(client, address):
    response = client.get(address)
    body = b"".join(response) if response.streaming else response.content
    if response.get("Content-Type") == "application/zip":
        # The whole record (/data/): the text of each of its files, so a hidden record's
        # marker is found in whichever it is, and a change shows in the file it is in.
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return response.status_code, "\n".join(
                f"== {name}\n{archive.read(name).decode()}" for name in archive.namelist()
            )
    return response.status_code, body.decode()


@dataclass
class Crawl:
    addresses: list
    before: dict
    after: dict
    markers: dict
    # The hidden records' own API addresses, read with them planted.
    hidden_api: dict


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    """Every public response before and after every case's hidden records are added, read in
    one transaction that is rolled back: the tests after these find the database as it was."""
    client = Client()
    # The whole files are made as they are asked for, as a worker beside the server would.
    immediate = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(TASKS=immediate):
        factories.load_19th_meeting()
        # The searches for the markers are among the addresses: learn the markers by planting
        # once, and take the records away again before the first reading.
        with transaction.atomic():
            markers = plant_every_case()
            transaction.set_rollback(True)
        addresses = public_addresses({m for words in markers.values() for m in words})
        before = snapshot(client, addresses)
        assert plant_every_case() == markers
        after = snapshot(client, addresses)
        hidden_api = snapshot(client, hidden_api_addresses())
        transaction.set_rollback(True)
    return Crawl(addresses, before, after, markers, hidden_api)


@pytest.mark.parametrize("status", HIDDEN)
@pytest.mark.parametrize("case", CASES)
def test_hidden_records_show_in_no_public_response(crawl, case, status):
    markers = crawl.markers[case, status]
    for address in crawl.addresses:
        _, body = crawl.after[address]
        # A page may repeat its own query (a search, a filter it rejects); whether it found
        # anything, the comparison with the page before says.
        shown = [marker for marker in markers if marker in body.lower() and marker not in address]
        assert not shown, f"{address} shows {shown}"


def test_hidden_records_change_no_public_response(crawl):
    for address in crawl.addresses:
        before, after = crawl.before[address], crawl.after[address]
        assert after[0] == before[0], f"{address} answered {after[0]}, before {before[0]}"
        assert after[1] == before[1], f"{address} changed:\n" + "\n".join(
            difflib.unified_diff(
                before[1].splitlines(), after[1].splitlines(), "before", "after", n=1, lineterm=""
            )
        )


def test_the_crawl_read_every_whole_file_the_worker_made(crawl):
    for address in ["/initiatives/export.csv", "/sources/export.csv", "/data/"]:
        assert crawl.after[address][0] == 200, address
    for download in downloads.registered():
        assert crawl.after[download.get_absolute_url()][0] == 200, download.name


def test_no_hidden_record_has_an_api_address(crawl):
    # Each case plants records of several kinds: meetings, administrations, RTCs, sources...
    kinds = {address.split("/")[3] for address in crawl.hidden_api}
    assert {"meetings", "administrations", "rtcs", "initiatives", "sources"} <= kinds
    for address, (status, body) in crawl.hidden_api.items():
        assert status == 404, f"{address} answered {status}: {body[:200]}"
