"""The meeting and administration pages tell what the records hold, in reading order."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from meetings.models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Participation,
    Person,
    Session,
    Silence,
    Status,
)
from public_record.reader import read_record
from tests.support import factories, files, provenance
from tests.support.glossary import unmarked

MEETING = "/meetings/19th-rtc-heads-meeting/"
RECORD = read_record()
NINETEENTH = RECORD.meetings[19]
BODIES = {entry["slug"]: entry for entry in RECORD.files["bodies.yaml"]["bodies"]}
ROLES = {entry["body"]: entry["role"] for entry in NINETEENTH["participations"]}
PROGRAMMES = {entry["slug"]: entry for entry in RECORD.files["vocabulary.yaml"]["programmes"]}
RTCS = {entry["slug"]: entry for entry in RECORD.files["rtcs.yaml"]["rtcs"]}


@pytest.fixture
def meeting_page(client, seeded):
    response = client.get(MEETING)
    assert response.status_code == 200
    return response.text


def test_the_meeting_list_shows_the_meeting_with_dates_format_and_counts(client, seeded):
    response = client.get(reverse("meetings:list"))
    assert response.status_code == 200
    assert f'<a href="{MEETING}">19th RTC Heads Meeting</a>' in response.text
    assert '<time datetime="2021-10-27">27</time>\u2013<time datetime="2021-10-28">' in (
        response.text
    )
    assert (
        "Virtual · 14 bodies, more than 50 people taking part · "
        '<a href="/initiatives/?meeting=19th-rtc-heads-meeting">'
        "8 initiatives</a>"
    ) in response.text


def test_the_meeting_list_comes_in_pages_of_twenty_newest_first(client, seeded):
    for number in range(20, 45):  # held in 2020 to 2044
        factories.make_meeting(number=number)
    first = client.get(reverse("meetings:list"))
    assert [meeting.number for meeting in first.context["meetings"]][:2] == [44, 43]
    assert len(first.context["meetings"]) == 20
    assert 'href="?page=2" rel="next"' in first.text
    second = client.get(reverse("meetings:list"), {"page": "2"})
    assert "<title>Meetings, page 2 · RTC Portal</title>" in second.text
    # Each row's count is of its own meeting's published initiatives.
    counts = {meeting.number: meeting.initiative_count for meeting in second.context["meetings"]}
    assert counts == {24: 0, 23: 0, 22: 0, 19: 8, 21: 0, 20: 0}


@pytest.mark.parametrize(
    ("query", "status", "location"),
    [
        ({"page": "abc"}, 400, None),
        ({"page": "0"}, 302, "/meetings/"),
        ({"page": "5"}, 302, "/meetings/"),
    ],
)
def test_a_meeting_list_page_that_does_not_exist_is_a_400_or_a_redirect(
    client, seeded, query, status, location
):
    response = client.get(reverse("meetings:list"), query)
    assert response.status_code == status
    if location:
        assert response.url == location


def test_the_meeting_page_says_when_how_and_who_organised(meeting_page):
    assert (
        '<time datetime="2021-10-27">27</time>\u2013'
        '<time datetime="2021-10-28">28 October 2021</time>'
    ) in meeting_page
    assert "<dt>Format</dt><dd>Virtual<sup" in meeting_page
    assert (
        '<dt>Organised by</dt><dd><a href="/administrations/rocb-ap/">ROCB A/P</a> '
        '(<abbr title="World Customs Organization"><a href="/glossary/#wco">WCO'
        '<span class="visually-hidden"> (World Customs Organization)</span></a></abbr> '
        "Asia/Pacific Regional Office for Capacity Building)<sup"
    ) in meeting_page


def test_the_meeting_page_links_every_body_that_took_part(meeting_page):
    for slug in ROLES:
        name = BODIES[slug]["name"]
        assert f'<a href="/administrations/{slug}/">{escape(name)}</a>' in meeting_page


def test_the_meeting_page_names_the_observers_under_their_heading(meeting_page):
    observers = meeting_page[meeting_page.index("<h3>Observers</h3>") :]
    observers = observers[: observers.index("</ul>")]
    for name in ("Iran", "Thailand", "RILO AP"):
        assert f">{name}</a>" in observers
    assert "Regional Intelligence Liaison Office for Asia-Pacific" in observers
    assert ">China</a>" not in observers


def test_the_meeting_page_tells_every_speaker_topic_and_programme(meeting_page):
    assert '<h3><a href="/people/norikazu-kuramoto/">Mr. Norikazu Kuramoto</a></h3>' in meeting_page
    assert "Head of ROCB A/P" in meeting_page
    assert '<h3><a href="/people/kang-taeil/">Dr. Kang Taeil</a></h3>' in meeting_page
    assert "WCO Director of Capacity Building" in meeting_page
    assert "<h3>WCO representatives</h3>" in meeting_page
    for intervention in NINETEENTH["interventions"]:
        assert f"<dt>{escape(intervention['topic'])}<sup" in meeting_page
        assert escape(intervention["summary"]) in meeting_page
        for slug in intervention.get("programmes", []):
            assert f'href="#programme-{slug}"' in meeting_page
            programme = PROGRAMMES[slug]
            assert f'<dt id="programme-{slug}">{escape(programme["name"])}' in meeting_page
            assert escape(programme["description"]) in meeting_page


def test_the_meeting_page_lists_every_discussion_point_under_its_kind(meeting_page):
    for heading in ("Challenges", "Advantages", "Priorities", "Commitments"):
        assert f"<h3>{heading}</h3>" in meeting_page
    for point in NINETEENTH["discussion_points"]:
        assert escape(point["text"]) in meeting_page
    assert '<a href="/administrations/rocb-ap/">ROCB A/P</a>: Strengthen its coordinating role' in (
        meeting_page
    )


def test_the_meeting_page_groups_the_initiatives_by_rtc(meeting_page):
    for initiative in NINETEENTH["initiatives"]:
        assert f'<a href="/initiatives/{initiative["slug"]}/">' in meeting_page
        assert escape(initiative["summary"]) in meeting_page
        name = RTCS[initiative["rtc"]]["name"]
        assert f'<h3><a href="/rtcs/{initiative["rtc"]}/">{escape(name)}</a></h3>' in meeting_page


def test_the_meeting_page_keeps_the_reading_order(meeting_page):
    markers = [
        "<dt>When</dt>",
        '<h2 id="who-heading">',
        "<h3>Participants</h3>",
        "<h3>Observers</h3>",
        '<h2 id="speakers-heading">',
        "<h3>Challenges</h3>",
        "<h3>Advantages</h3>",
        "<h3>Priorities</h3>",
        "<h3>Commitments</h3>",
        '<h2 id="initiatives-heading">',
        '<h2 id="programmes-heading">',
        '<h2 id="report-heading">',
    ]
    positions = [meeting_page.index(marker) for marker in markers]
    assert positions == sorted(positions)


def test_the_meeting_page_carries_the_whole_account(meeting_page):
    paragraphs = NINETEENTH["report"].split("\n\n")
    assert len(paragraphs) == 3
    for paragraph in paragraphs:
        assert escape(paragraph) in meeting_page
    assert escape(NINETEENTH["theme"]) in meeting_page


def test_the_meeting_page_links_its_documents_saying_type_size_and_pages(client, db):
    meeting = factories.make_meeting()
    talk = Intervention.objects.create(
        meeting=meeting, body=factories.make_body(), topic="VR training"
    )
    report = factories.make_document(
        attached_to=meeting, title="Summary record", content=files.pdf("One", "Two")
    )
    report.page_count = 2
    report.save()
    slides = factories.make_document(
        attached_to=talk, title="Japan RTC slides", content=files.pptx_file(("A", "B"))
    )
    factories.make_document(attached_to=meeting, title="Unchecked draft", status=Status.DRAFT)
    page = client.get(meeting.get_absolute_url()).text
    assert f'href="{report.get_absolute_url()}" type="application/pdf"' in page
    assert f"(PDF, {report.size}\xa0bytes, 2 pages)" in page
    assert f'href="{slides.get_absolute_url()}"' in page
    assert "Unchecked draft" not in page


def test_the_meeting_pages_photos_show_as_thumbnails_never_as_originals(client, db):
    meeting = factories.make_meeting()
    photo = factories.make_document(
        attached_to=meeting, title="Group photo", content=files.jpeg_with_location((1200, 900))
    )
    page = client.get(meeting.get_absolute_url()).text
    small, large = photo.thumbnails
    assert f'src="{small[0]}" srcset="{small[0]} 320w, {large[0]} 640w"' in page
    assert f'src="{photo.get_absolute_url()}"' not in page
    assert f'href="{photo.get_absolute_url()}"' in page


def test_a_draft_meeting_and_unknown_meeting_are_404(client, db):
    draft = factories.make_meeting(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = client.get("/meetings/99th-rtc-heads-meeting/")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_the_administration_list_groups_bodies_by_kind_and_names_their_rtc(client, seeded):
    response = client.get(reverse("meetings:administration-list"))
    assert response.status_code == 200
    text = response.text
    for heading in (
        "Customs administrations",
        "International organisations",
        "WCO regional offices",
    ):
        assert f">{heading}</h2>" in text
    assert 'hosts <a href="/rtcs/japan-rtc/">Japan RTC</a>' in text
    assert text.count("hosts <a") == 8


@pytest.mark.parametrize("slug", list(ROLES))
def test_every_body_has_a_page_with_its_role_at_the_meeting(client, seeded, slug):
    body = Body.objects.get(slug=slug)
    response = client.get(f"/administrations/{slug}/")
    assert response.status_code == 200
    role = ROLES[slug]
    assert f'<a href="{MEETING}">19th RTC Heads Meeting</a></th>' in response.text
    assert f"<td>{role.capitalize()}" in response.text
    assert f"<h1>{escape(body.name)}</h1>" in response.text


def test_an_administration_page_links_its_rtc(client, seeded):
    response = client.get("/administrations/hong-kong-china/")
    assert '<dt>RTC</dt><dd><a href="/rtcs/hong-kong-china-rtc/">Hong Kong (China) RTC</a>' in (
        response.text
    )


def test_a_body_without_an_rtc_says_so(client, seeded):
    response = client.get("/administrations/rilo-ap/")
    assert "<dt>RTC</dt><dd>RILO AP hosts no RTC.</dd>" in unmarked(response.text)


def test_the_wco_page_tells_what_it_said_committed_and_runs(client, seeded):
    # The glossary marks the first BACUDA, WCO and CLiKC! (tests/rtcportal/test_glossary.py).
    text = unmarked(client.get("/administrations/wco/").text)
    assert (
        '<a href="/people/kang-taeil/">Dr. Kang Taeil</a>: '
        "<strong>BACUDA project and data analysis framework</strong>" in text
    )
    assert "WCO representatives: <strong>Hybrid meeting formats</strong>" in text
    assert "Continued technical support to foster innovation in distance learning" in text
    assert "CLiKC!" in text


def test_a_draft_rtc_is_not_linked_from_its_host(client, db):
    rtc = factories.make_rtc(name="Unpublished RTC", status=Status.DRAFT)
    response = client.get(rtc.host.get_absolute_url())
    assert "Unpublished RTC" not in response.text
    assert "hosts no RTC" in unmarked(response.text)


def test_an_unknown_administration_is_a_404(client, seeded):
    assert client.get("/administrations/atlantis/").status_code == 404


def test_a_draft_administration_taking_part_is_not_on_the_meeting_page_nor_in_its_json_ld(
    client, seeded
):
    body = Body.objects.create(name="Zqdraftbody", slug="zqdraftbody", kind="customs")
    meeting = Meeting.objects.get(slug="19th-rtc-heads-meeting")
    Participation.objects.create(meeting=meeting, body=body, role="organiser")
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert "Zqdraftbody" not in response.content.decode()
    assert "/administrations/zqdraftbody/" not in response.content.decode()


def test_attendance_shows_each_body_role_at_each_meeting(client, demo_meeting):
    response = client.get(reverse("meetings:attendance"))
    assert response.status_code == 200
    assert [m.slug for m in response.context["meetings"]] == [
        "19th-rtc-heads-meeting",
        "fictional-demonstration-meeting",
    ]
    rows = {row.body.slug: row.roles for row in response.context["rows"]}
    assert rows["iran"] == ["Observer", "Participant"]
    assert rows["fiji"] == ["Participant", "—"]
    assert rows["rocb-ap"] == ["Organiser", "Organiser"]
    assert len(rows) == 14
    assert (
        '<th scope="row"><a href="/administrations/iran/">Iran</a></th>'
        "<td>Observer</td><td>Participant</td>" in response.text
    )


def test_attendance_leaves_out_draft_meetings(client, seeded):
    factories.make_meeting(title="Draft meeting", status="draft")
    response = client.get(reverse("meetings:attendance"))
    assert "Draft meeting" not in response.text
    assert len(response.context["meetings"]) == 1


@pytest.mark.engine
def test_attendance_makes_a_fixed_number_of_queries(
    client, demo_meeting, django_assert_num_queries
):
    # The content generation, the number of meetings and the footer's date of the record's last
    # change (both once per generation), the page of meetings, their participations, and the
    # glossary's terms (GlossaryMiddleware).
    with django_assert_num_queries(6):
        client.get(reverse("meetings:attendance"))
    # Until the next write, the number of meetings and the date are remembered.
    with django_assert_num_queries(4):
        client.get(reverse("meetings:attendance"))


def test_administration_slugs_still_reach_their_page(client, seeded):
    assert client.get(reverse("meetings:administration-detail", args=["iran"])).status_code == 200


@pytest.mark.parametrize(
    ("kind", "real", "fictional"),
    [
        (
            "challenges",
            "Uneven internet infrastructure",
            "Fictional challenge: keeping VR headsets charged",
        ),
        (
            "advantages",
            "Breaking geographical barriers",
            "Fictional advantage: trainees repeat scenarios at will",
        ),
        ("priorities", "Resource sharing", "Fictional priority: a shared scenario library"),
        (
            "commitments",
            "Strengthen its coordinating role",
            "Fictional commitment: host the scenario library",
        ),
    ],
)
def test_each_kind_of_point_is_gathered_across_meetings_and_linked_to_them(
    client, demo_meeting, kind, real, fictional
):
    response = client.get(reverse("meetings:discussion-kind", args=[kind]))
    assert response.status_code == 200
    text = response.text
    assert real in text and fictional in text
    assert text.index(fictional) < text.index(real)  # newest meeting first
    assert 'href="/meetings/19th-rtc-heads-meeting/"' in text
    assert 'href="/meetings/fictional-demonstration-meeting/"' in text


def test_points_of_other_kinds_are_not_on_a_kind_page(client, seeded):
    response = client.get(reverse("meetings:discussion-kind", args=["challenges"]))
    assert "Breaking geographical barriers" not in response.text


def test_an_unknown_kind_is_a_404(client, seeded):
    assert client.get("/discussion-points/opinions/").status_code == 404


@pytest.mark.parametrize(
    ("url", "title", "description"),
    [
        (MEETING, "19th RTC Heads Meeting", lambda: Meeting.objects.get(number=19).summary),
        (
            "/administrations/hong-kong-china/",
            "Hong Kong (China)",
            lambda: "Hong Kong (China) at the WCO Asia/Pacific RTC Heads Meetings",
        ),
    ],
    ids=["meeting", "administration"],
)
def test_meeting_and_administration_pages_have_open_graph_and_twitter_card_tags(
    client, seeded, url, title, description
):
    page = client.get(url).text.partition("</head>")[0]
    assert f'<meta property="og:title" content="{escape(title)}">' in page
    assert f'<meta property="og:url" content="http://testserver{url}">' in page
    assert f'<meta property="og:description" content="{escape(description()[:60])}' in page
    assert f'<meta name="twitter:title" content="{escape(title)}">' in page
    assert '<meta name="twitter:card" content="summary">' in page


# --- The meeting page's contents list --------------------------------------------------------


def test_the_meeting_page_opens_with_a_contents_list_of_its_sections(client, seeded):
    html = client.get(reverse("meetings:detail", args=["19th-rtc-heads-meeting"])).text
    contents = html[
        html.index('<nav class="contents-list"') : html.index(
            "</nav>", html.index('<nav class="contents-list"')
        )
    ]
    links = re.findall(r'<a href="#([a-z-]+)">([^<]+)</a>', contents)
    assert links[:2] == [
        ("running-heading", "Who ran the meeting"),
        ("who-heading", "Who took part"),
    ]
    assert ("initiatives-heading", "Initiatives showcased") in links
    assert ("sources-heading", "Sources") in links
    for anchor, _ in links:
        assert f'id="{anchor}"' in html, anchor
    # Before the first section it lists.
    assert html.index('class="contents-list"') < html.index('id="running-heading"')


def test_the_contents_list_leaves_out_sections_a_meeting_does_not_have(client, db):
    meeting = factories.make_meeting(report="What was said.")
    html = client.get(meeting.get_absolute_url()).text
    assert 'href="#report-heading"' in html
    assert 'href="#initiatives-heading"' in html
    assert 'href="#speakers-heading"' not in html
    assert 'href="#points-heading"' not in html


def test_a_short_meeting_page_needs_no_contents_list(client, db):
    html = client.get(factories.make_meeting().get_absolute_url()).text
    assert "contents-list" not in html


def test_a_body_with_a_note_still_shows_its_full_name_on_the_meeting_page(client, db):
    meeting = factories.make_meeting(number=11)
    oco = factories.make_body(
        "OCO Secretariat",
        kind=Body.Kind.INTERNATIONAL_ORGANISATION,
        full_name="Secretariat of the Oceania Customs Organisation",
    )
    Participation.objects.create(meeting=meeting, body=oco, role="observer", note="One delegate")
    page = client.get(meeting.get_absolute_url()).text
    assert (
        '<span class="meta">Secretariat of the Oceania Customs Organisation · One delegate</span>'
    ) in page


def test_the_meeting_list_and_page_count_bodies_and_people_the_same_way(client, db):
    meeting = factories.make_meeting(participant_count="27 delegates")
    for _ in range(3):
        Participation.objects.create(
            meeting=meeting, body=factories.make_body(), role="participant"
        )
    listing = client.get(reverse("meetings:list")).text
    page = client.get(meeting.get_absolute_url()).text
    assert "3 bodies, 27 delegates taking part" in listing
    assert "<dt>Taking part</dt><dd>3 bodies, 27 delegates</dd>" in page


def test_a_head_count_without_a_noun_says_it_counts_people(client, db):
    meeting = factories.make_meeting(participant_count="about 40")
    Participation.objects.create(meeting=meeting, body=factories.make_body(), role="host")
    listing = client.get(reverse("meetings:list")).text
    assert "1 body, about 40 people taking part" in listing


def test_a_meeting_without_initiatives_says_so_plainly_in_the_list(client, db):
    meeting = factories.make_meeting()
    listing = client.get(reverse("meetings:list")).text
    assert "no initiatives recorded" in listing
    assert "0 initiatives" not in listing
    assert meeting.initiatives_url not in listing


# --- Who presided and spoke, as the accounts tell it -----------------------------------------


@pytest.fixture
def palm_meeting(db):
    """A fictional hybrid meeting told as accounts often tell one: a body co-chairing with no
    person named, speakers in the order they spoke, one delegation online."""
    meeting = factories.make_meeting(
        number=95, title="Fictional 95th RTC Heads Meeting", slug="fictional-95th", format="hybrid"
    )
    host = factories.make_body("Palmland", slug="palmland")
    factories.make_rtc("Palmland RTC", host=host, slug="palmland-rtc")
    office = factories.make_body("Fictional Regional Office", kind=Body.Kind.REGIONAL_OFFICE)
    remote = factories.make_body("Faraway", slug="faraway")
    Participation.objects.create(meeting=meeting, body=office, role="organiser")
    Participation.objects.create(meeting=meeting, body=host, role="host", mode="in_person")
    Participation.objects.create(meeting=meeting, body=remote, role="participant", mode="online")
    MeetingRole.objects.create(meeting=meeting, body=host, kind="co_chair", order=1)
    parts = [("welcome", "Ana Welcomer"), ("opening", "Ben Opener"), ("further_remarks", "Cy More")]
    for order, (kind, name) in enumerate(parts, 2):
        person = Person.objects.create(name=name, honorific="Mr.", body=host, position="Head")
        MeetingRole.objects.create(
            meeting=meeting, person=person, body=host, kind=kind, order=order
        )
    return meeting


def facts_of(page):
    return page[page.index('<dl class="facts">') : page.index("</dl>")]


def test_a_body_co_chairing_shows_as_its_rtc_in_the_facts(client, palm_meeting):
    page = client.get(palm_meeting.get_absolute_url()).text
    assert '<dt>Co-chaired by</dt><dd><a href="/rtcs/palmland-rtc/">Palmland RTC</a>' in page


def test_the_host_is_not_listed_as_an_organiser(client, palm_meeting):
    facts = facts_of(client.get(palm_meeting.get_absolute_url()).text)
    organised = facts[facts.index("<dt>Organised by</dt>") : facts.index("<dt>Hosted by</dt>")]
    assert "Fictional Regional Office" in organised
    assert "Palmland" not in organised
    assert '<dt>Hosted by</dt><dd><a href="/administrations/palmland/">Palmland</a>' in facts


def test_the_speakers_are_listed_in_the_order_they_spoke(client, palm_meeting):
    page = client.get(palm_meeting.get_absolute_url()).text
    running = page[page.index('id="running-heading"') :]
    running = running[: running.index("</section>")]
    spoken = re.findall(r"<strong>([^<]+)</strong>: <a [^>]+>Mr\. (\w+ \w+)</a>", running)
    assert spoken == [
        ("Welcome remarks", "Ana Welcomer"),
        ("Opening", "Ben Opener"),
        ("Further remarks", "Cy More"),
    ]


def test_a_hybrid_meetings_page_says_who_joined_online(client, palm_meeting):
    page = client.get(palm_meeting.get_absolute_url()).text
    assert 'Hybrid; online: <a href="/administrations/faraway/">Faraway</a></dd>' in facts_of(page)
    assert '>Faraway</a> <span class="meta">online</span>' in page


def test_a_chair_the_accounts_do_not_name_is_said_so(client, db):
    meeting = factories.make_meeting()
    Silence.objects.create(meeting=meeting, fact=Silence.Fact.CHAIR)
    facts = facts_of(client.get(meeting.get_absolute_url()).text)
    assert '<dt>Chaired by</dt><dd><span class="unsaid">not named in any account</span>' in facts


def test_the_contents_list_names_the_programme(client, db):
    meeting = factories.make_meeting()
    Session.objects.create(meeting=meeting, kind="opening", order=1)
    html = client.get(meeting.get_absolute_url()).text
    assert '<a href="#programme-heading">Programme</a>' in html


def test_topics_discussed_are_listed_first_under_their_heading(client, db):
    meeting = factories.make_meeting()
    DiscussionPoint.objects.create(meeting=meeting, kind="challenge", text="Slow links")
    DiscussionPoint.objects.create(meeting=meeting, kind="topic", text="Digital platforms")
    html = client.get(meeting.get_absolute_url()).text
    assert html.index("<h3>Topics discussed</h3>") < html.index("<h3>Challenges</h3>")
    kind_page = client.get(reverse("meetings:discussion-kind", args=["topics-discussed"]))
    assert "Digital platforms" in kind_page.text


def test_attendance_says_not_named_where_the_account_names_no_rtcs(client, db):
    rtc_body = factories.make_body("Palmland")
    first = factories.make_meeting(number=96)
    second = factories.make_meeting(number=97, rtcs_named=False)
    Participation.objects.create(meeting=first, body=rtc_body, role="participant")
    Participation.objects.create(
        meeting=second, body=factories.make_body("Host"), role="participant"
    )
    page = client.get(reverse("meetings:attendance")).text
    row = page[page.index(">Palmland</a>") :]
    row = row[: row.index("</tr>")]
    assert "<td>Participant</td><td>not named</td>" in row


def test_the_meeting_page_marks_its_initiatives_only_an_aggregator_reports(client, db):
    unconfirmed, _ = provenance.two_initiatives()
    page = client.get(unconfirmed.meeting.get_absolute_url()).text
    provenance.marks_the_aggregators_initiative_only(page)


def test_the_19th_meeting_explains_its_many_unconfirmed_facts_once(meeting_page):
    assert provenance.marks(meeting_page) > 10


# --- What comes next -------------------------------------------------------------------------


def test_the_meetings_list_points_to_the_next_planned_meeting(client, db):
    factories.make_meeting(number=21, start_date=datetime.date(2023, 11, 14))
    factories.make_planned_meeting()
    page = client.get("/meetings/").text
    assert 'Next meeting: <a href="/meetings/23rd-rtc-heads-meeting/">' in page
    assert page.count('<span class="planned">(planned)</span>') == 2  # the pointer and its card


def test_a_planned_meeting_says_so_on_its_page(client, db):
    page = client.get(factories.make_planned_meeting().get_absolute_url()).text
    assert '<span class="planned">(planned)</span>' in page


def test_without_a_planned_meeting_the_list_names_none(client, db):
    factories.make_meeting(number=21, start_date=datetime.date(2023, 11, 14))
    factories.make_planned_meeting(status=Status.DRAFT)
    page = client.get("/meetings/").text
    assert "Next meeting" not in page
    assert "(planned)" not in page
