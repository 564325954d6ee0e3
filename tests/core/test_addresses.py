"""Absolute addresses and ids come from the site's one configured address (DJANGO_SITE_URL),
never from the Host a request happened to use: the same page, event or feed entry has one
address however the site was reached."""

import csv
import io
import json
import re

import feedparser
import pytest
from django.test import Client

from core.addresses import absolute_url
from meetings.models import Meeting

SITE_URL = "https://rtc.example.org"
HOSTS = ["portal-a.example:8443", "portal-b.example"]


@pytest.fixture
def canonical_site(settings, seeded, tasks_at_once):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = ["portal-a.example", "portal-b.example"]


def feed_ids(response):
    feed = feedparser.parse(response.content)
    return [feed.feed.id, feed.feed.link, *(entry.id for entry in feed.entries)]


def calendar_uids_and_urls(response):
    return re.findall(r"^(?:UID|URL):(.*?)\r$", response.text, flags=re.MULTILINE)


def sitemap_locations(response):
    return re.findall(r"<loc>(.*?)</loc>", response.text)


def json_ld_urls(response):
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text)
    return [json.loads(script.group(1))["url"]]


def export_urls(response):
    rows = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    return [row["url"] for row in rows]


def robots_sitemap(response):
    return re.findall(r"^Sitemap: (.*)$", response.text, flags=re.MULTILINE)


def open_graph_url(response):
    return re.findall(r'<meta property="og:url" content="(.*?)">', response.text)


ADDRESSES = {
    "feed": ("/initiatives/feed/", feed_ids),
    "calendar": ("/meetings/calendar.ics", calendar_uids_and_urls),
    "sitemap index": ("/sitemap.xml", sitemap_locations),
    "sitemap": ("/sitemap-initiatives.xml", sitemap_locations),
    "JSON-LD": (lambda: Meeting.objects.get(number=19).get_absolute_url(), json_ld_urls),
    "export": ("/initiatives/export.csv?rtc=japan-rtc", export_urls),
    # The whole list, a file the task worker made (tasks_at_once: as it was asked for).
    "whole export": ("/initiatives/export.csv", export_urls),
    "robots.txt": ("/robots.txt", robots_sitemap),
    "Open Graph": (lambda: Meeting.objects.get(number=19).get_absolute_url(), open_graph_url),
}


@pytest.mark.parametrize(("path", "extract"), ADDRESSES.values(), ids=ADDRESSES.keys())
def test_every_absolute_address_is_the_configured_one_whatever_the_host(
    canonical_site, path, extract
):
    path = path() if callable(path) else path
    seen = []
    for host in HOSTS:
        response = Client(HTTP_HOST=host).get(path)
        assert response.status_code == 200, host
        seen.append(extract(response))
    assert seen[0] == seen[1]
    assert seen[0]
    for value in seen[0]:
        assert value.startswith(f"{SITE_URL}/") or value.endswith("@rtc.example.org"), value


def test_without_a_configured_address_development_uses_the_request(rf, settings):
    settings.SITE_URL = ""
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["localhost"]
    request = rf.get("/", HTTP_HOST="localhost:8000")
    assert absolute_url(request, "/meetings/") == "http://localhost:8000/meetings/"


def test_a_configured_address_wins_in_development_too(rf, settings):
    settings.SITE_URL = SITE_URL
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["localhost"]
    request = rf.get("/", HTTP_HOST="localhost:8000")
    assert absolute_url(request, "/meetings/") == f"{SITE_URL}/meetings/"
