"""CSV and JSON exports of the filtered list, and the Atom feed of new initiatives."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from initiatives.exports import COLUMNS
from tests.support import factories

LIST = reverse("initiatives:list")
CSV = reverse("initiatives:export-csv")
JSON = reverse("initiatives:export-json")
ATOM = "{http://www.w3.org/2005/Atom}"

FILTERS = [
    {},
    {"rtc": ["japan-rtc", "hong-kong-china-rtc"]},
    {"category": "vr-simulation"},
    {"meeting": "fictional-demonstration-meeting", "sort": "title"},
    {"q": "VR"},
    {"rtc": "china-rtc", "category": ["mobile-learning", "online-learning-platform"]},
]


def list_slugs(client, filters):
    response = client.get(LIST, {**filters})
    return [initiative.slug for initiative in response.context["object_list"]]


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("filters", FILTERS)
def test_csv_rows_are_the_filtered_list_in_the_same_order(client, demo_meeting, filters):
    rows = read_csv(client.get(CSV, filters))
    assert [row["slug"] for row in rows] == list_slugs(client, filters)


@pytest.mark.parametrize("filters", FILTERS)
def test_json_records_are_the_filtered_list_in_the_same_order(client, demo_meeting, filters):
    data = json.loads(client.get(JSON, filters).content.decode("utf-8"))
    assert [record["slug"] for record in data["initiatives"]] == list_slugs(client, filters)
    assert data["count"] == len(data["initiatives"])


def test_csv_has_the_documented_columns_and_values(client, seeded):
    response = client.get(CSV, {"rtc": "fiji-rtc"})
    assert 'filename="initiatives.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert tuple(rows[0].keys()) == COLUMNS
    assert rows[0] == {
        "slug": "fiji-rtc-blended-masters-programmes",
        "title": "Blended Master's programmes in customs administration",
        "rtc": "Fiji RTC",
        "rtc_slug": "fiji-rtc",
        "host": "Fiji",
        "meeting": "19th RTC Heads Meeting",
        "meeting_slug": "19th-rtc-heads-meeting",
        "meeting_start_date": "2021-10-27",
        "categories": "Blended degree programme; University partnership",
        "category_slugs": "blended-degree-programme; university-partnership",
        "partners": "Local universities",
        "summary": (
            "Master's degrees in customs administration, taught partly online and partly in "
            "class with local universities."
        ),
        "description": "",
        "url": "http://testserver/initiatives/fiji-rtc-blended-masters-programmes/",
    }


def test_json_keeps_lists_as_lists_and_non_ascii_as_utf8(client, db):
    factories.make_initiative(title="Formation des douanières", slug="formation")
    response = client.get(JSON)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "douanières".encode() in response.content
    record = json.loads(response.content)["initiatives"][0]
    assert list(record.keys()) == list(COLUMNS)
    assert record["categories"] == [] and record["partners"] == []


def test_exports_refuse_unknown_filters_with_a_400_that_names_them(client, seeded):
    for url in (CSV, JSON):
        response = client.get(url, {"rtc": "atlantis-rtc"})
        assert response.status_code == 400
        assert "atlantis-rtc is not one of the available choices" in response.content.decode()


def test_exports_leave_out_drafts(client, seeded):
    factories.make_initiative(title="Secret draft", status="draft")
    assert "Secret draft" not in b"".join(client.get(CSV).streaming_content).decode()
    assert "Secret draft" not in client.get(JSON).content.decode()


def test_the_list_links_to_its_exports_with_the_same_filters(client, seeded):
    response = client.get(LIST, {"rtc": "japan-rtc", "page": "1"})
    assert 'href="/initiatives/export.csv?rtc=japan-rtc"' in response.text
    assert 'href="/initiatives/export.json?rtc=japan-rtc"' in response.text


def test_the_atom_feed_parses_and_lists_published_initiatives_newest_first(client, demo_meeting):
    factories.make_initiative(title="Secret draft", status="draft")
    response = client.get(reverse("initiatives:feed"))
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
