"""The Atom feed of new initiatives: /initiatives/feed/."""

import xml.etree.ElementTree as ET

import feedparser
from django.urls import reverse

from tests.support import factories, provenance

FEED = reverse("initiatives:feed")
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_atom_feed_parses_and_lists_published_initiatives_newest_first(client, demo_meeting):
    factories.make_initiative(title="Secret draft", status="draft")
    response = client.get(FEED)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert len(titles) == 12
    assert titles[0] == "Fictional mobile platform"
    assert "Secret draft" not in titles
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href").startswith("http://testserver/initiatives/")
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "China RTC"
    assert {c.get("term") for c in first.findall(f"{ATOM}category")} == {
        "Mobile learning",
        "Online learning platform",
    }


def test_a_summary_reaches_feed_readers_as_the_plain_text_the_site_shows(client, db):
    # A reader renders a type="html" summary as markup: this text would become a live <img>.
    text = "<img src=x onerror=alert(1)> & 5 < 6"
    factories.make_initiative(summary=text)
    parsed = feedparser.parse(client.get(FEED).content)
    assert parsed.bozo == 0
    summary = parsed.entries[0].summary_detail
    assert summary.type == "text/plain"
    assert summary.value == text


def test_a_feed_entry_only_an_aggregator_reports_says_so_in_its_summary(client, db):
    unconfirmed, confirmed = provenance.two_initiatives(summary="What it does.")
    summaries = {
        entry.title: entry.summary for entry in feedparser.parse(client.get(FEED).content).entries
    }
    assert summaries[unconfirmed.title] == (
        "What it does. (Not confirmed: known only from aggregators, not from an official account.)"
    )
    assert summaries[confirmed.title] == "What it does."
