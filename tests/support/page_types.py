"""One address per kind of public page, on the 19th meeting's records: what the HTML,
accessibility and small-screen checks walk through."""

PAGE_TYPES = {
    "home": "/",
    "meetings list": "/meetings/",
    "meeting detail": "/meetings/19th-rtc-heads-meeting/",
    "RTC list": "/rtcs/",
    "RTC detail": "/rtcs/hong-kong-china-rtc/",
    "initiatives list": "/initiatives/",
    "initiatives list filtered": (
        "/initiatives/?rtc=fiji-rtc&rtc=china-rtc&category=university-partnership"
    ),
    "initiatives list with no result": "/initiatives/?rtc=japan-rtc&category=vr-simulation",
    "initiatives list with a bad filter": "/initiatives/?rtc=nowhere-rtc",
    "initiative detail": "/initiatives/hong-kong-china-rtc-vr-enforcement-simulation/",
    "administrations list": "/administrations/",
    "administration detail": "/administrations/hong-kong-china/",
    "body without an RTC": "/administrations/wco/",
    "sources list": "/sources/",
    "source detail": "/sources/asiapacific-customs-adopts-remote-training-for-capacity-building/",
    "RTC detail with its accreditation": "/rtcs/korea-rtc/",
    "disagreements": "/sources/disagreements/",
    "topics list": "/topics/",
    "topic detail": "/topics/distance-training-covid-19/",
    "initiatives list by topic": "/initiatives/?topic=vr-training",
    "search with a best match": "/search/?q=Hong+Kong",
    "people list": "/people/",
    "person detail": "/people/norikazu-kuramoto/",
    "not found": "/meetings/no-such-meeting/",
    "bad request": "/initiatives/?page=abc",
    # For people who reuse the record: downloads, the API and its worked examples.
    "API and data": "/data/",
    # Reading aids.
    "glossary": "/glossary/",
    "accessibility statement": "/accessibility/",
}


def attach_sample_documents():
    """Published documents on the pages above that list them: a report and a photo on the
    meeting, slides on one of its talks, a file on the initiative and on the RTC."""
    from initiatives.models import RTC, Initiative
    from meetings.models import Meeting
    from tests.support import factories, files

    meeting = Meeting.objects.get(slug="19th-rtc-heads-meeting")
    factories.make_document(attached_to=meeting, title="Summary record", content=files.pdf("A"))
    factories.make_document(
        attached_to=meeting, title="Group photo", content=files.jpeg_with_location((900, 600))
    )
    factories.make_document(
        attached_to=meeting.interventions.first(),
        title="Opening remarks (slides)",
        content=files.pptx_file(("Opening", "Welcome")),
        name="opening.pptx",
    )
    initiative = Initiative.objects.get(slug="hong-kong-china-rtc-vr-enforcement-simulation")
    factories.make_document(attached_to=initiative, title="Course outline", language="zh-Hant")
    rtc = RTC.objects.get(slug="hong-kong-china-rtc")
    factories.make_document(attached_to=rtc, title="Annual report", content=files.pdf("B"))
