"""One rule for what the public sees: a draft or in-review record of any content model never
shows in any public response, nor changes any public count.

Each case adds hidden records, each named with a unique marker word, around the published
19th meeting. Every public address (pages, exports, feed, calendars, sitemaps, searches for
the markers) must answer exactly as it did before they were added: same status, same bytes.
"""

import datetime

import pytest

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

pytestmark = pytest.mark.engine

HIDDEN = [Status.DRAFT, Status.IN_REVIEW]


def published_19th():
    return Meeting.objects.get(slug="19th-rtc-heads-meeting")


def marked_initiative(rtc, meeting=None, status=Status.PUBLISHED, **fields):
    """An initiative named with the "zqinitiative" and "zqsummary" markers."""
    initiative = Initiative.objects.create(
        rtc=rtc,
        meeting=meeting or published_19th(),
        title="Zqinitiative",
        slug="zqinitiative",
        summary="Zqsummary",
        status=status,
        **fields,
    )
    initiative.categories.set(Category.objects.all()[:1])
    return initiative


def add_hidden_body(status):
    """A hidden administration organising the 19th meeting, with a speaker, a talk, a pledge
    and a programme it runs."""
    body = Body.objects.create(name="Zqbody", slug="zqbody", kind="customs", status=status)
    meeting = published_19th()
    Participation.objects.create(meeting=meeting, body=body, role="organiser", note="Zqnote")
    speaker = Person.objects.create(name="Zqperson", body=body)
    talk = Intervention.objects.create(meeting=meeting, body=body, speaker=speaker, topic="Zqtalk")
    programme = Programme.objects.create(
        name="Zqprogramme", slug="zqprogramme", kind="project", body=body, status="published"
    )
    talk.programmes.add(programme)
    DiscussionPoint.objects.create(meeting=meeting, kind="commitment", text="Zqpledge", body=body)
    return ["zqbody", "zqnote", "zqperson", "zqtalk", "zqprogramme", "zqpledge"]


def add_hidden_meeting(status):
    """A hidden meeting with a participant, a talk, a point and a published initiative."""
    meeting = Meeting.objects.create(
        number=99,
        title="Zqmeeting",
        slug="zqmeeting",
        theme="Zqtheme",
        start_date=datetime.date(2024, 5, 1),
        end_date=datetime.date(2024, 5, 2),
        status=status,
    )
    wco = Body.objects.get(slug="wco")
    Participation.objects.create(meeting=meeting, body=wco, role="represented", note="Zqnote")
    Intervention.objects.create(meeting=meeting, body=wco, topic="Zqtalk")
    DiscussionPoint.objects.create(meeting=meeting, kind="challenge", text="Zqpoint")
    marked_initiative(RTC.objects.get(slug="japan-rtc"), meeting)
    marked_document(meeting, "Zqmeetingfile", "Zqmeetingpage")
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


def add_hidden_document(status):
    """A hidden document of the published 19th meeting, its text extracted."""
    marked_document(published_19th(), "Zqdocument", "Zqslide", status)
    return ["zqdocument", "zqdocumentdesc", "zqslide"]


def add_hidden_programme(status):
    """A hidden programme that a published talk refers to."""
    programme = Programme.objects.create(
        name="Zqprogramme",
        slug="zqprogramme",
        kind="project",
        body=Body.objects.get(slug="wco"),
        status=status,
    )
    published_19th().interventions.first().programmes.add(programme)
    return ["zqprogramme"]


def add_hidden_rtc(status):
    """A hidden RTC, hosted by a published administration, with a published initiative."""
    rtc = RTC.objects.create(
        name="Zqrtc", slug="zqrtc", host=Body.objects.get(slug="iran"), status=status
    )
    marked_initiative(rtc)
    return ["zqrtc", "zqinitiative", "zqsummary"]


def add_hidden_host(status):
    """A published RTC whose host administration is hidden, with a published initiative."""
    host = Body.objects.create(name="Zqhost", slug="zqhost", kind="customs", status=status)
    rtc = RTC.objects.create(name="Zqrtc", slug="zqrtc", host=host, status="published")
    marked_initiative(rtc)
    return ["zqhost", "zqrtc", "zqinitiative", "zqsummary"]


def add_hidden_category(status):
    """A hidden kind of delivery given to a published initiative."""
    category = Category.objects.create(name="Zqcategory", slug="zqcategory", status=status)
    Initiative.objects.get(slug="japan-rtc-ai-tutoring-and-qa").categories.add(category)
    return ["zqcategory"]


def add_hidden_initiative(status):
    """A hidden initiative of a published RTC at the published meeting, with its own partner."""
    initiative = marked_initiative(
        RTC.objects.get(slug="japan-rtc"), status=status, description="Zqdescription"
    )
    initiative.partners.add(Partner.objects.create(name="Zqpartner", kind="university"))
    return ["zqinitiative", "zqsummary", "zqdescription", "zqpartner"]


def add_hidden_source(status):
    """A hidden source cited for the published 19th meeting's dates and for a participation,
    and its version of a disputed point (a point with no public version is not shown)."""
    source = factories.make_source(
        title="Zqsource", slug="zqsource", publisher="Zqpublisher", status=status
    )
    meeting = published_19th()
    factories.cite(meeting, source, "dates", note="Zqnote")
    factories.cite(meeting.participations.first(), source)
    factories.make_disagreement(meeting, "Zqpoint", [(source, "Zqversion")])
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
MARKERS = sorted(
    {"zqbody", "zqnote", "zqperson", "zqtalk", "zqprogramme", "zqpledge", "zqmeeting"}
    | {"zqtheme", "zqpoint", "zqinitiative", "zqsummary", "zqrtc", "zqhost", "zqcategory"}
    | {"zqdescription", "zqpartner", "zqdocument", "zqdocumentdesc", "zqslide"}
    | {"zqmeetingfile", "zqmeetingpage", "zqsource", "zqpublisher", "zqversion"}
)


def public_addresses():
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
        "/initiatives/feed/",
        "/administrations/",
        "/administrations/attendance/",
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
    for model in (RTC, Initiative, Body, Source):
        addresses += [record.get_absolute_url() for record in model.objects.published()]
    for marker in MARKERS:
        addresses += [f"/search/?q={marker}", f"/initiatives/?q={marker}"]
    # The addresses the hidden records would have if they were public.
    addresses += [
        "/meetings/zqmeeting/",
        "/meetings/zqmeeting/calendar.ics",
        "/rtcs/zqrtc/",
        "/initiatives/zqinitiative/",
        "/administrations/zqbody/",
        "/administrations/zqhost/",
        "/sources/zqsource/",
        "/initiatives/?category=zqcategory",
    ]
    return addresses


def snapshot(client, addresses):
    return {address: fetch(client, address) for address in addresses}


def fetch(client, address):
    response = client.get(address)
    body = b"".join(response) if response.streaming else response.content
    return response.status_code, body.decode()


@pytest.mark.parametrize("status", HIDDEN)
@pytest.mark.parametrize("case", CASES)
def test_hidden_records_change_no_public_response(client, seeded, case, status):
    addresses = public_addresses()
    before = snapshot(client, addresses)
    markers = CASES[case](status)
    after = snapshot(client, addresses)
    for address in addresses:
        _, body = after[address]
        # A page may repeat its own query (a search, a filter it rejects); whether it found
        # anything, the comparison with the page before says.
        shown = [marker for marker in markers if marker in body.lower() and marker not in address]
        assert not shown, f"{address} shows {shown}"
        assert after[address] == before[address], f"{address} changed"
