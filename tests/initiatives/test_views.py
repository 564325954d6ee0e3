"""The RTC and initiative pages: every stable address answers, and each page links what it names."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from initiatives.models import RTC, Initiative
from meetings.models import Status
from tests.support import factories, provenance
from tests.support.glossary import unmarked

SEED_RTCS = [
    "china-rtc",
    "fiji-rtc",
    "hong-kong-china-rtc",
    "india-rtc",
    "indonesia-rtc",
    "japan-rtc",
    "korea-rtc",
    "malaysia-rtc",
]


def test_the_rtc_list_shows_every_rtc_with_its_host_and_count(client, seeded):
    response = client.get(reverse("initiatives:rtc-list"))
    assert response.status_code == 200
    for rtc in RTC.objects.select_related("host"):
        assert f'<a href="{rtc.get_absolute_url()}">{rtc.name}</a>' in response.text
        assert f'<a href="{rtc.host.get_absolute_url()}">{rtc.host.name}</a>' in response.text
    assert 'href="/initiatives/?rtc=japan-rtc" aria-label="1 initiative of Japan RTC"' in (
        response.text
    )


@pytest.mark.parametrize("slug", SEED_RTCS)
def test_every_seed_rtc_has_a_page_with_its_host_and_initiative(client, seeded, slug):
    rtc = RTC.objects.select_related("host").get(slug=slug)
    initiative = Initiative.objects.get(rtc=rtc)
    response = client.get(f"/rtcs/{slug}/")
    assert response.status_code == 200
    assert f"<h1>{rtc.name}</h1>" in response.text
    assert f'href="/administrations/{rtc.host.slug}/"' in response.text
    assert f'href="{initiative.get_absolute_url()}"' in response.text
    assert 'href="/meetings/19th-rtc-heads-meeting/"' in response.text


def test_an_rtc_page_groups_initiatives_by_meeting_newest_first(client, db):
    rtc = factories.make_rtc(name="Grouping RTC")
    old = factories.make_meeting(number=17, title="17th RTC Heads Meeting")
    new = factories.make_meeting(number=18, title="18th RTC Heads Meeting")
    factories.make_initiative(rtc=rtc, meeting=old, title="Old idea")
    factories.make_initiative(rtc=rtc, meeting=new, title="New idea B")
    factories.make_initiative(rtc=rtc, meeting=new, title="New idea A")
    text = client.get(rtc.get_absolute_url()).text
    positions = [
        text.index(marker)
        for marker in (
            ">18th RTC Heads Meeting</a>",
            "New idea A",
            "New idea B",
            ">17th RTC Heads Meeting</a>",
            "Old idea",
        )
    ]
    assert positions == sorted(positions)


@pytest.mark.parametrize("path", ["/rtcs/no-such-rtc/", "/initiatives/no-such-initiative/"])
def test_an_unknown_slug_is_a_friendly_404(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
    assert 'href="/initiatives/">Browse all initiatives</a>' in response.text
    assert '<link rel="stylesheet" href="/static/css/site.css">' in response.text


def test_a_draft_rtc_has_no_public_page(client, db):
    rtc = factories.make_rtc(status=Status.DRAFT)
    assert client.get(rtc.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("index", range(8))
def test_every_seed_initiative_page_links_its_rtc_host_meeting_and_kinds(client, seeded, index):
    initiative = Initiative.objects.order_by("slug").with_related()[index]
    response = client.get(f"/initiatives/{initiative.slug}/")
    assert response.status_code == 200
    assert f'href="/rtcs/{initiative.rtc.slug}/"' in response.text
    assert f'href="/administrations/{initiative.rtc.host.slug}/"' in response.text
    assert 'href="/meetings/19th-rtc-heads-meeting/"' in response.text
    for category in initiative.categories.all():
        assert f'href="/initiatives/?category={category.slug}"' in response.text


def test_an_initiative_page_names_its_partners(client, seeded):
    response = client.get("/initiatives/korea-rtc-accredited-online-courses/")
    assert "<dt>Partners</dt><dd>International organisations</dd>" in response.text


def test_an_initiative_page_has_its_own_title_and_description(client, seeded):
    response = client.get("/initiatives/hong-kong-china-rtc-vr-enforcement-simulation/")
    assert (
        "<title>VR simulation of customs enforcement scenarios · RTC Portal</title>"
        in response.text
    )
    assert (
        '<meta name="description" content="Hong Kong (China) RTC: Virtual-reality (VR) scenes'
        in response.text
    )


def test_an_initiative_page_lists_more_from_its_rtc(client, db):
    rtc = factories.make_rtc(name="Busy RTC")
    first = factories.make_initiative(rtc=rtc, title="First")
    factories.make_initiative(rtc=rtc, title="Second")
    factories.make_initiative(rtc=rtc, title="Hidden", status=Status.DRAFT)
    response = client.get(first.get_absolute_url())
    assert [other.title for other in response.context["more_from_rtc"]] == ["Second"]
    assert "More from Busy RTC" in response.text


FEED_LINK = (
    '<link rel="alternate" type="application/atom+xml" title="RTC Portal: new initiatives" '
    'href="/initiatives/feed/">'
)


def head(response):
    return response.text.partition("</head>")[0]


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("initiatives:list"),
        lambda: reverse("initiatives:list") + "?rtc=japan-rtc",
        lambda: Initiative.objects.get(slug="japan-rtc-ai-tutoring-and-qa").get_absolute_url(),
        lambda: reverse("home"),
    ],
    ids=["list", "filtered list", "initiative", "home"],
)
def test_the_initiatives_pages_announce_the_feed_in_their_head(client, seeded, url):
    assert FEED_LINK in head(client.get(url()))


def test_the_feed_is_not_offered_as_a_download_of_a_filtered_list(client, seeded):
    # The feed takes no filters: under "Download these initiatives" it would promise them.
    page = client.get(reverse("initiatives:list"), {"rtc": "japan-rtc"}).text
    downloads = page.partition("Download these initiatives:")[2].partition("</p>")[0]
    assert "export.csv?rtc=japan-rtc" in downloads
    assert "/initiatives/feed/" not in downloads
    assert '<a href="/initiatives/feed/">Atom feed</a>' in page


def test_an_initiative_page_has_open_graph_and_twitter_card_tags(client, seeded):
    initiative = Initiative.objects.get(slug="japan-rtc-ai-tutoring-and-qa")
    page = head(client.get(initiative.get_absolute_url()))
    assert f'<meta property="og:title" content="{escape(initiative.title)}">' in page
    assert f'<meta property="og:description" content="{escape(initiative.summary)}">' in page
    assert (
        f'<meta property="og:url" content="http://testserver{initiative.get_absolute_url()}">'
    ) in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert f'<meta name="twitter:title" content="{escape(initiative.title)}">' in page


def test_an_rtc_page_has_open_graph_tags(client, seeded):
    rtc = RTC.objects.get(slug="japan-rtc")
    page = head(client.get(rtc.get_absolute_url()))
    assert f'<meta property="og:title" content="{rtc.name}">' in page
    assert '<meta property="og:description" content="' in page
    assert '<meta name="twitter:card" content="summary">' in page


def test_list_pages_have_no_open_graph_tags(client, seeded):
    assert "og:title" not in client.get(reverse("initiatives:list")).text


@pytest.mark.parametrize("make_record", [factories.make_initiative, factories.make_rtc])
def test_initiative_and_rtc_pages_link_their_published_documents(client, db, make_record):
    record = make_record()
    document = factories.make_document(attached_to=record, title="Course brochure")
    factories.make_document(attached_to=record, title="Unchecked", status="draft")
    page = client.get(record.get_absolute_url()).text
    assert f'href="{document.get_absolute_url()}"' in page
    assert f"({document.file_summary})" in page
    assert "Unchecked" not in page


# --- The RTCs over time (the whole public record) -------------------------------------------

R, H, OB, N, A = "RTC", "host", "observer", "not named", "—"
# public-record.md, section 3a: meetings 11, 13, 14, 16, 17, 18, 19, 20, 21, 22.
ROSTER = {
    "China RTC": [R, R, N, H, A, R, R, R, R, R],
    "Fiji RTC": [R, R, N, N, R, R, R, R, A, N],
    "Hong Kong (China) RTC": [R, R, H, N, R, R, R, R, R, N],
    "India RTC": [R, R, N, N, R, R, R, R, R, H],
    "Japan RTC": [R, R, N, N, R, R, R, R, H, N],
    "Korea RTC": [R, R, N, N, H, R, R, R, R, N],
    "Malaysia RTC": [R, H, N, N, R, R, R, R, R, N],
    "Indonesia RTC": [A, A, A, A, OB, OB, R, R, R, N],
    "Iran RTC": [A, A, A, A, A, OB, OB, R, A, N],
    "Thailand RTC": [A, A, A, A, A, A, OB, H, R, N],
}


def test_the_rtc_roster_is_the_records_roster(client, public_record):
    response = client.get("/rtcs/")
    assert [meeting.number for meeting in response.context["meetings"]] == [
        11, 13, 14, 16, 17, 18, 19, 20, 21, 22
    ]  # fmt: skip
    roster = {row.rtc.name: row.cells for row in response.context["roster"]}
    assert roster == ROSTER


@pytest.mark.parametrize(
    ("rtc", "shown", "tag"),
    [
        ("korea-rtc", "Designated: May 2010, as the 6th Asia/Pacific RTC", "A1"),
        ("korea-rtc", "Opened: 8 September 2010", "A3"),
        ("iran-rtc", "Launched: 30 August 2022, as the 9th Asia/Pacific RTC", "A26"),
        ("thailand-rtc", "Accredited: 2022, as the 10th Asia/Pacific RTC", "S22"),
        ("thailand-rtc", "Agreement with the WCO approved: 30 August 2022", "A27"),
        ("japan-rtc", "Accredited: 2004", "A10"),
        ("indonesia-rtc", "Agreement with the WCO signed: 29 January 2021", "A24"),
        ("china-rtc", "Designated: 2004", "A13"),
    ],
)
def test_each_accreditation_fact_shows_on_its_rtc_page_with_its_source(
    client, public_record, rtc, shown, tag
):
    from sources.models import Source

    page = unmarked(client.get(f"/rtcs/{rtc}/").text)
    assert shown in page
    assert Source.objects.get(tag=tag).get_absolute_url() in page


def test_an_rtc_page_shows_its_institutions_names_over_time(client, public_record):
    page = client.get("/rtcs/hong-kong-china-rtc/").text
    assert "Customs and Excise Training School" in page
    assert 'Hong Kong Customs College <span class="meta">(from 2019)</span>' in page


def test_conflicting_dates_are_shown_as_such(client, public_record):
    page = client.get("/rtcs/korea-rtc/").text
    assert "Accounts differ: When the region&#x27;s heads of customs decided" in page
    assert "in Seoul in May 2010" in page
    assert "in Seoul in April 2010" in page


def test_an_rtc_page_shows_its_hosts_meetings_before_accreditation_apart(client, public_record):
    page = client.get("/rtcs/indonesia-rtc/").text
    attended = page.split("<dt>Meetings attended</dt>")[1].split("</dd>")[0]
    before = page.split("<dt>Before accreditation</dt>")[1].split("</dd>")[0]
    for number in ("17th", "18th"):
        assert f"{number} RTC Heads Meeting" not in attended
        assert f'{number} RTC Heads Meeting</a> <span class="meta">(as observer)</span>' in before
    assert "19th RTC Heads Meeting" in attended


# --- Where its facts come from ---------------------------------------------------------------


def test_an_initiative_only_an_aggregator_reports_says_so_and_lists_its_source(client, db):
    unconfirmed, _ = provenance.two_initiatives()
    page = client.get(unconfirmed.get_absolute_url()).text
    provenance.marks_the_aggregators_initiative_only(page)
    assert 'id="sources-heading"' in page
    assert "A rewrite of the meeting</a>" in page


def test_an_initiative_an_official_account_confirms_carries_no_mark(client, db):
    _, confirmed = provenance.two_initiatives()
    page = client.get(confirmed.get_absolute_url()).text
    assert "The meeting&#x27;s official account</a>" in page
    # The one mark is its neighbour's, under "More from", as it is on every page.
    assert provenance.marks(page) == 1
    more = page[page.index('id="more-heading"') :]
    assert provenance.MARK in more
    assert more.index("Only an aggregator tells it") < more.index(provenance.MARK)


def test_the_rtc_page_marks_its_initiatives_only_an_aggregator_reports(client, db):
    unconfirmed, _ = provenance.two_initiatives()
    page = client.get(unconfirmed.rtc.get_absolute_url()).text
    provenance.marks_the_aggregators_initiative_only(page)
