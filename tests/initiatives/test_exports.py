"""CSV and JSON exports of the filtered list, and of the whole list as files (tasks_at_once
runs the task worker's build as the request asks for it; tests/core/test_downloads.py has
the files' life with a real worker)."""

import csv
import io
import json

import pytest
from django.db import OperationalError
from django.db.models.query import QuerySet
from django.test import Client
from django.urls import reverse

from initiatives.exports import COLUMNS
from initiatives.models import Initiative
from sources.models import Source
from tests.support import factories

LIST = reverse("initiatives:list")
CSV = reverse("initiatives:export-csv")
JSON = reverse("initiatives:export-json")

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


def body(response):
    return b"".join(response.streaming_content)


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = body(response)
    # The BOM tells Excel the file is UTF-8; the csv module is told with utf-8-sig.
    assert content.startswith("\N{BYTE ORDER MARK}".encode())
    text = content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("filters", FILTERS)
def test_csv_rows_are_the_filtered_list_in_the_same_order(
    client, demo_meeting, tasks_at_once, filters
):
    rows = read_csv(client.get(CSV, filters))
    assert [row["slug"] for row in rows] == list_slugs(client, filters)


@pytest.mark.parametrize("filters", FILTERS)
def test_json_records_are_the_filtered_list_in_the_same_order(
    client, demo_meeting, tasks_at_once, filters
):
    data = json.loads(body(client.get(JSON, filters)).decode("utf-8"))
    assert [record["slug"] for record in data["initiatives"]] == list_slugs(client, filters)
    assert data["count"] == len(data["initiatives"])


def test_csv_has_the_documented_columns_and_values(client, seeded):
    # Its only source is an aggregator's rewrite (the seed text), known here by its address.
    aggregator = Source.objects.get(publisher="en.56ok.com", url__contains="detail-886942")
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
        "sources": f"en.56ok.com: {aggregator.title}",
        "source_addresses": aggregator.url,
        "confirmed_by_official_account": "no",
        "only_from_aggregators": "yes",
    }


def test_texts_that_look_like_formulas_reach_the_csv_as_quoted_text(client, db, tasks_at_once):
    title, summary = "=1+1", "@SUM(A1:A9)"
    factories.make_initiative(title=title, summary=summary, description="-2+3")
    (row,) = read_csv(client.get(CSV))
    assert (row["title"], row["summary"], row["description"]) == ("'=1+1", "'@SUM(A1:A9)", "'-2+3")


def test_json_keeps_lists_as_lists_and_non_ascii_as_utf8(client, db, tasks_at_once):
    factories.make_initiative(title="Formation des douanières", slug="formation")
    response = client.get(JSON)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    content = body(response)
    assert "douanières".encode() in content
    record = json.loads(content)["initiatives"][0]
    assert list(record.keys()) == list(COLUMNS)
    assert record["categories"] == [] and record["partners"] == []


def test_exports_refuse_unknown_filters_with_a_400_that_names_them(client, seeded):
    for url in (CSV, JSON):
        response = client.get(url, {"rtc": "atlantis-rtc"})
        assert response.status_code == 400
        assert "atlantis-rtc is not one of the available choices" in response.content.decode()


def test_exports_leave_out_drafts(client, seeded, tasks_at_once):
    factories.make_initiative(title="Secret draft", status="draft")
    for filters in ({}, {"q": "Secret"}):
        assert "Secret draft" not in body(client.get(CSV, filters)).decode()
        assert "Secret draft" not in body(client.get(JSON, filters)).decode()


def test_the_list_links_to_its_exports_with_the_same_filters(client, seeded):
    response = client.get(LIST, {"rtc": "japan-rtc"})
    assert 'href="/initiatives/export.csv?rtc=japan-rtc"' in response.text
    assert 'href="/initiatives/export.json?rtc=japan-rtc"' in response.text


def database_failing_after(monkeypatch, settings, rows):
    """Make the export's reads of initiatives fail after `rows` rows (read two at a time), as
    a database that goes away mid-export does."""
    settings.EXPORT_CHUNK_ROWS = 2
    real_fetch_all = QuerySet._fetch_all
    # The ids first, then a query for each chunk of two.
    reads = {"left": 1 + rows // 2}

    def failing_fetch_all(self):
        if self.model is Initiative and self._result_cache is None:
            if reads["left"] == 0:
                raise OperationalError("server closed the connection unexpectedly")
            reads["left"] -= 1
        real_fetch_all(self)

    monkeypatch.setattr(QuerySet, "_fetch_all", failing_fetch_all)


FILTERED = {"meeting": "19th-rtc-heads-meeting"}


def test_a_database_failing_before_the_first_row_is_an_error_page_not_a_csv(
    demo_meeting, monkeypatch, settings
):
    database_failing_after(monkeypatch, settings, rows=0)
    response = Client(raise_request_exception=False).get(CSV, FILTERED)
    # A database error is the portal's "try again shortly" page (rtcportal/errors.py).
    assert response.status_code == 503
    assert response["Retry-After"]
    assert response["Content-Type"].startswith("text/html")
    assert "<h1>The portal is briefly unavailable</h1>" in response.content.decode()


def test_a_database_failing_mid_stream_cuts_the_download_as_an_error_and_logs_it(
    client, demo_meeting, monkeypatch, settings, caplog
):
    database_failing_after(monkeypatch, settings, rows=2)
    response = client.get(CSV, FILTERED)
    assert response.status_code == 200
    # Raised from the stream: the WSGI server then drops the connection without the last
    # chunk, which a client reads as an incomplete download rather than a short file.
    with pytest.raises(OperationalError):
        body(response)
    logged = [record for record in caplog.records if record.name == "core.exports"]
    assert [record.levelname for record in logged] == ["ERROR"]
    assert logged[0].exc_info is not None
    assert "initiatives.csv" in logged[0].getMessage()


def test_the_whole_export_is_the_file_the_task_worker_made_for_data(client, db, tasks_at_once):
    factories.make_initiative(title="Tariff e-course")
    for export, data in ((CSV, "/data/initiatives.csv"), (JSON, "/data/initiatives.json")):
        whole, file = client.get(export), client.get(data)
        assert whole["ETag"] == file["ETag"]
        assert body(whole) == body(file)


def test_a_filtered_export_beyond_its_bound_is_refused_and_names_the_whole_file(
    client, db, settings
):
    settings.EXPORT_MAX_ROWS = 2
    for number in range(3):
        factories.make_initiative(title=f"Course {number}")
    for url in (CSV, JSON):
        response = client.get(url, {"q": "Course"})
        assert response.status_code == 400
        assert "This selection holds 3 initiatives, more than the 2" in response.text
        assert f"http://testserver{url}" in response.text
    assert client.get(CSV, {"q": "Course 1"}).status_code == 200
