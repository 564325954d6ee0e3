"""/sitemap.xml: an index of one sitemap per kind of page, each in pages."""

import re
import xml.etree.ElementTree as ET

from core import downloads
from initiatives.models import RTC
from meetings.models import Meeting, Person, Topic
from rtcportal.sitemaps import InitiativeSitemap
from sources.models import Source
from tests.support import factories

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client):
    """Every address the sitemap index leads to, following each sitemap's pages."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    locations = []
    for sitemap in index.findall(f"{SITEMAP}sitemap"):
        address = sitemap.findtext(f"{SITEMAP}loc")
        assert address.startswith("http://testserver/sitemap-")
        part = client.get(address.removeprefix("http://testserver"))
        assert part.status_code == 200
        root = ET.fromstring(part.content)
        assert root.tag == f"{SITEMAP}urlset"
        locations += [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]
    return locations


def test_the_sitemap_index_leads_to_every_public_page(client, seeded):
    factories.make_initiative(
        rtc=RTC.objects.get(slug="japan-rtc"),
        meeting=Meeting.objects.get(number=19),
        title="Secret draft",
        slug="secret-draft",
        status="draft",
    )
    locations = sitemap_locations(client)
    assert "http://testserver/" in locations
    assert "http://testserver/meetings/19th-rtc-heads-meeting/" in locations
    assert "http://testserver/rtcs/hong-kong-china-rtc/" in locations
    assert "http://testserver/administrations/hong-kong-china/" in locations
    assert "http://testserver/initiatives/japan-rtc-ai-tutoring-and-qa/" in locations
    assert "http://testserver/rtcs/matrix/" in locations
    assert "http://testserver/initiatives/secret-draft/" not in locations
    assert "http://testserver/sources/disagreements/" in locations
    # 1 meeting, 8 RTCs, 8 initiatives, 14 bodies, the sources, the topics, the people, 15
    # site pages, 5 discussion-point kinds and the downloads of /data/, each once
    sources = Source.objects.published().count()
    assert sources > 10
    topics = Topic.objects.published().count()
    assert topics >= 4
    assert "http://testserver/topics/vr-training/" in locations
    files = len(downloads.registered())
    assert "http://testserver/data/initiatives.csv" in locations
    people = Person.objects.published().count()
    assert people >= 3
    assert "http://testserver/people/norikazu-kuramoto/" in locations
    assert "http://testserver/people/" in locations
    total = 1 + 8 + 8 + 14 + sources + topics + people + 15 + 5 + files
    assert len(locations) == len(set(locations)) == total
    assert all(location.startswith("http://testserver/") for location in locations)


def test_a_long_sitemap_comes_in_pages_that_the_index_lists(client, seeded, monkeypatch):
    monkeypatch.setattr(InitiativeSitemap, "limit", 3)
    index = client.get("/sitemap.xml").text
    for page in ("", "?p=2", "?p=3"):
        assert f"<loc>http://testserver/sitemap-initiatives.xml{page}</loc>" in index
    assert "sitemap-initiatives.xml?p=4" not in index
    detail_pages = [
        url
        for url in sitemap_locations(client)
        if re.fullmatch(r"http://testserver/initiatives/[\w-]+/", url)
    ]
    assert len(detail_pages) == 8


def test_the_sitemap_leads_to_every_kind_of_discussion_point(client, seeded):
    locations = sitemap_locations(client)
    for kind in ("challenges", "advantages", "priorities", "commitments"):
        address = f"http://testserver/discussion-points/{kind}/"
        assert address in locations
        assert client.get(address.removeprefix("http://testserver")).status_code == 200
