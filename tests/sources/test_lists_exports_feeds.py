"""The sources list's filters, the sources CSV, the citation columns the other exports gain
at their end, the sources' Atom feed, and the site search over sources, people and venues."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from initiatives.exports import COLUMNS
from meetings.exports import PARTICIPANT_COLUMNS
from meetings.models import MeetingRole, Participation, Person
from tests.support import factories
from tests.support.glossary import unmarked

ATOM = "{http://www.w3.org/2005/Atom}"


def read_csv(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def sources(db):
    return {
        "wco": factories.make_source(
            "Heads of RTCs meet in Bangkok", publisher="WCO newsroom", language="en"
        ),
        "cti": factories.make_source(
            "CTI attends the virtual meeting", publisher="Japan CTI", language="ja"
        ),
        "blog": factories.make_source(
            "Distance learning in Customs", kind="aggregator", publisher="A blog", language="en"
        ),
        "draft": factories.make_source(
            "Unpublished account", publisher="Secret Wire", language="th", status="draft"
        ),
    }


def titles(page):
    return {
        title for title in ("Heads of RTCs", "CTI attends", "Distance learning") if title in page
    }


def test_the_sources_list_filters_by_kind_language_publisher_and_words(client, sources):
    assert titles(client.get("/sources/?kind=aggregator").text) == {"Distance learning"}
    assert titles(client.get("/sources/?language=ja").text) == {"CTI attends"}
    assert titles(client.get("/sources/?publisher=WCO+newsroom").text) == {"Heads of RTCs"}
    assert titles(client.get("/sources/?q=Bangkok").text) == {"Heads of RTCs"}
    page = client.get("/sources/?kind=official&language=en").text
    assert titles(page) == {"Heads of RTCs"}


def test_the_filters_offer_only_the_published_sources_publishers_and_languages(client, sources):
    page = client.get("/sources/").text
    assert "Japan CTI" in page
    assert "Secret Wire" not in page and "Unpublished account" not in page
    assert 'value="th"' not in page


@pytest.mark.parametrize(
    "query", ["kind=rumour", "language=xx", "publisher=Secret+Wire", "q=" + "x" * 201]
)
def test_a_filter_value_that_is_not_an_option_is_a_400_that_says_so(client, sources, query):
    response = client.get(f"/sources/?{query}")
    assert response.status_code == 400
    assert "Some filters could not be used" in response.text
    assert client.get(f"/sources/export.csv?{query}").status_code == 400


def test_no_source_matching_the_filters_says_so(client, sources):
    page = client.get("/sources/?q=nothingmatchesthis").text
    assert "No source matches these filters." in page


def test_the_sources_csv_has_the_filtered_published_sources_and_what_they_support(
    client, sources, tasks_at_once
):
    meeting = factories.make_meeting()
    factories.cite(meeting, sources["wco"], "dates")
    factories.cite(factories.make_meeting(status="draft"), sources["wco"])
    rows = read_csv(client.get("/sources/export.csv?language=en"))
    assert [row["title"] for row in rows] == [
        "Distance learning in Customs",
        "Heads of RTCs meet in Bangkok",
    ]
    wco = rows[1]
    assert wco["kind"] == "Official account"
    assert wco["address"] == sources["wco"].url
    # The draft meeting's citation is not a public fact.
    assert wco["facts_supported"] == "1"
    assert wco["url"].endswith(sources["wco"].get_absolute_url())
    assert "supports 1 fact</span>" in client.get("/sources/?q=Bangkok").text
    assert "Unpublished account" not in {
        row["title"] for row in read_csv(client.get("/sources/export.csv"))
    }


def test_the_initiatives_csv_gains_the_citation_columns_at_its_end(client, sources, tasks_at_once):
    assert COLUMNS[:14] == (
        "slug", "title", "rtc", "rtc_slug", "host", "meeting", "meeting_slug",
        "meeting_start_date", "categories", "category_slugs", "partners", "summary",
        "description", "url",
    )  # fmt: skip
    assert COLUMNS[14:] == (
        "sources",
        "source_addresses",
        "confirmed_by_official_account",
        "only_from_aggregators",
    )
    confirmed = factories.make_initiative(title="Confirmed")
    factories.cite(confirmed, sources["wco"])
    factories.cite(confirmed, sources["blog"])
    factories.cite(confirmed, sources["draft"])
    aggregator_only = factories.make_initiative(title="Only a blog says so")
    factories.cite(aggregator_only, sources["blog"])
    factories.make_initiative(title="Uncited")
    rows = {row["title"]: row for row in read_csv(client.get("/initiatives/export.csv"))}
    assert list(rows["Confirmed"])[-4:] == list(COLUMNS[14:])
    assert rows["Confirmed"]["sources"] == (
        "WCO newsroom: Heads of RTCs meet in Bangkok; A blog: Distance learning in Customs"
    )
    assert rows["Confirmed"]["source_addresses"] == f"{sources['wco'].url}; {sources['blog'].url}"
    assert rows["Confirmed"]["confirmed_by_official_account"] == "yes"
    assert rows["Only a blog says so"]["confirmed_by_official_account"] == "no"
    assert rows["Uncited"]["sources"] == rows["Uncited"]["confirmed_by_official_account"] == ""
    # The pages' "not confirmed" mark, as a column.
    assert rows["Confirmed"]["only_from_aggregators"] == "no"
    assert rows["Only a blog says so"]["only_from_aggregators"] == "yes"
    assert rows["Uncited"]["only_from_aggregators"] == ""
    data = json.loads(b"".join(client.get("/initiatives/export.json").streaming_content))
    by_title = {row["title"]: row for row in data["initiatives"]}
    assert by_title["Confirmed"]["source_addresses"] == [sources["wco"].url, sources["blog"].url]
    # The mark as a field of the JSON too.
    assert by_title["Confirmed"]["only_from_aggregators"] == "no"
    assert by_title["Only a blog says so"]["only_from_aggregators"] == "yes"


def test_the_participants_csv_gains_the_citation_columns_at_its_end(client, sources):
    assert PARTICIPANT_COLUMNS[:7] == (
        "body", "body_slug", "kind", "role", "note", "meeting", "meeting_slug",
    )  # fmt: skip
    meeting = factories.make_meeting()
    participation = Participation.objects.create(
        meeting=meeting, body=factories.make_body("Thailand"), role="observer"
    )
    factories.cite(participation, sources["cti"])
    rows = read_csv(client.get(f"/meetings/{meeting.slug}/participants.csv"))
    assert rows[0]["body"] == "Thailand"
    assert rows[0]["sources"] == "Japan CTI: CTI attends the virtual meeting"
    assert rows[0]["confirmed_by_official_account"] == "yes"


def test_the_sources_feed_lists_the_published_sources_newest_first(client, sources):
    response = client.get("/sources/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Distance learning in Customs",
        "CTI attends the virtual meeting",
        "Heads of RTCs meet in Bangkok",
    ]
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text == "A blog"
    assert entries[0].find(f"{ATOM}summary").get("type") == "text"
    assert "Aggregator" in entries[0].find(f"{ATOM}summary").text


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return unmarked(response.text)


def test_the_site_search_finds_sources_by_title_publisher_and_note(client, sources):
    sources["cti"].note = "Only the contents line could be read."
    sources["cti"].save()
    assert 'id="results-sources"' in search(client, "Bangkok")
    assert "CTI attends the virtual meeting" in search(client, "contents line")
    assert "Heads of RTCs meet in Bangkok" in search(client, "newsroom")
    assert "Unpublished account" not in search(client, "Unpublished")


def test_the_site_search_finds_people_by_name_and_post_and_leads_to_their_page(client, db):
    body = factories.make_body("Hong Kong (China)")
    person = Person.objects.create(
        honorific="Mr.",
        name="Chi Kong Fan",
        position="Commandant of the training school",
        body=body,
    )
    meeting = factories.make_meeting(title="14th RTC Heads Meeting")
    MeetingRole.objects.create(meeting=meeting, person=person, kind="chair", body=body)
    page = search(client, "Commandant")
    assert 'id="results-people"' in page
    assert "Mr. Chi Kong Fan" in page
    assert 'href="/people/chi-kong-fan/"' in page
    assert "Chair, 14th RTC Heads Meeting" in page
    hidden = factories.make_body("Unannounced Customs", status="draft")
    Person.objects.create(name="Hidden Person", position="Commandant", body=hidden)
    assert "Hidden Person" not in search(client, "Commandant")


def test_the_site_search_finds_a_meeting_by_its_venue_city_or_country(client, db):
    meeting = factories.make_meeting(
        title="20th RTC Heads Meeting", venue="Thai Customs Academy", city="Bangkok",
        country="Thailand",
    )  # fmt: skip
    for query in ("Bangkok", "Academy", "Thailand"):
        page = search(client, query)
        assert f'href="{meeting.get_absolute_url()}"' in page, query
        assert "Thai Customs Academy, Bangkok, Thailand" in page


def test_a_source_no_fact_cites_says_so_in_plain_words(client, sources):
    page = client.get("/sources/?q=Bangkok").text
    assert "no facts cited yet</span>" in page
    assert "supports 0 facts" not in page


def test_source_languages_show_as_names_not_codes(client, sources):
    listing = client.get("/sources/").text
    assert '<input type="checkbox" name="language" value="ja"' in listing
    assert re.search(r'value="ja"[^>]*>\s*Japanese</label>', listing)
    assert re.search(r'value="en"[^>]*>\s*English</label>', listing)
    detail = client.get(sources["cti"].get_absolute_url()).text
    assert "<dt>Language</dt><dd>Japanese</dd>" in detail
