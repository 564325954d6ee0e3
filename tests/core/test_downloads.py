"""Whole exports made by the task worker once per content generation, served as files from
/data/ (core.downloads), and the cap on downloads going out at once (core.slots)."""

import gzip
import json
from datetime import timedelta

import brotli
import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import downloads, slots
from core.models import DownloadSlot, GeneratedFile
from tests.core.test_resources import run_worker
from tests.support import factories

CSV = "/data/initiatives.csv"


def body(response):
    return b"".join(response.streaming_content)


def builds_queued():
    return DBTaskResult.objects.filter(task_path="core.downloads.build_download").count()


def test_a_download_is_being_prepared_until_the_worker_has_made_it(client, db, caplog):
    factories.make_initiative(title="Tariff e-course")
    waiting = client.get(CSV)
    assert waiting.status_code == 503
    # An answer by design, not a server error: only the request's own log line records it.
    assert not [record for record in caplog.records if record.name == "django.request"]
    assert int(waiting["Retry-After"]) >= 5
    assert "Initiatives (CSV) is being prepared" in waiting.text
    assert f"Try again in {waiting['Retry-After']} seconds" in waiting.text
    run_worker()
    response = client.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="initiatives.csv"' in response["Content-Disposition"]
    assert "Tariff e-course" in body(response).decode("utf-8-sig")


def test_many_requests_for_a_file_being_made_ask_the_worker_once(client, db):
    factories.make_initiative()
    for _ in range(3):
        assert client.get(CSV).status_code == 503
    assert builds_queued() == 1


def test_a_build_asked_for_long_ago_and_never_done_is_asked_for_again(client, db, settings):
    factories.make_initiative()
    client.get(CSV)
    GeneratedFile.objects.filter(name="initiatives.csv").update(
        requested_at=timezone.now() - timedelta(seconds=settings.DOWNLOAD_BUILD_STALE_SECONDS + 1)
    )
    client.get(CSV)
    assert builds_queued() == 2


def test_the_file_carries_validators_and_a_client_that_has_it_gets_a_304(client, db):
    factories.make_initiative()
    client.get(CSV)
    run_worker()
    response = client.get(CSV)
    made = GeneratedFile.objects.get(name="initiatives.csv")
    assert response["ETag"] == f'"{made.sha256[:32]}"'
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"]
    assert int(response["Content-Length"]) == made.size == len(body(response))
    again = client.get(CSV, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    since = client.get(CSV, headers={"If-Modified-Since": response["Last-Modified"]})
    assert since.status_code == 304


def test_the_file_goes_out_precompressed_in_the_coding_the_client_takes(client, db):
    factories.make_initiative(title="Formation des douanières")
    client.get(CSV)
    run_worker()
    plain = body(client.get(CSV, headers={"Accept-Encoding": "identity"}))
    as_br = client.get(CSV, headers={"Accept-Encoding": "br, gzip"})
    as_gzip = client.get(CSV, headers={"Accept-Encoding": "gzip"})
    assert as_br["Content-Encoding"] == "br" and as_gzip["Content-Encoding"] == "gzip"
    assert brotli.decompress(body(as_br)) == plain
    assert gzip.decompress(body(as_gzip)) == plain
    assert "douanières" in plain.decode("utf-8-sig")
    assert len({as_br["ETag"], as_gzip["ETag"]}) == 2


def test_a_change_to_content_retires_the_file_and_the_worker_makes_a_new_one(client, db):
    factories.make_initiative(title="First initiative")
    client.get(CSV)
    run_worker()
    first = client.get(CSV)
    assert first.status_code == 200
    factories.make_initiative(title="Second initiative")
    # Never the older file, which no longer shows what the pages show.
    assert client.get(CSV).status_code == 503
    run_worker()
    response = client.get(CSV)
    text = body(response).decode("utf-8-sig")
    assert "First initiative" in text and "Second initiative" in text
    assert response["ETag"] != first["ETag"]
    assert client.get(CSV, headers={"If-None-Match": first["ETag"]}).status_code == 200


@pytest.mark.parametrize("coding", ["identity", "gzip", "br"])
def test_a_file_lost_from_storage_is_made_again(client, db, coding):
    """A media folder restored without its downloads, or a bucket emptied: the file is made
    again, not answered 503 until the content next changes."""
    factories.make_initiative(title="Tariff e-course")
    client.get(CSV)
    run_worker()
    row = GeneratedFile.objects.get(name="initiatives.csv")
    default_storage.delete(downloads.blob_name(row.sha256, row.name, coding))
    waiting = client.get(CSV, headers={"Accept-Encoding": coding})
    assert waiting.status_code == 503
    assert int(waiting["Retry-After"]) >= 5
    run_worker()
    response = client.get(CSV, headers={"Accept-Encoding": coding})
    assert response.status_code == 200
    content = body(response)
    plain = {"gzip": gzip.decompress, "br": brotli.decompress}.get(coding, bytes)(content)
    assert "Tariff e-course" in plain.decode("utf-8-sig")


def test_drafts_are_never_in_a_file(client, db):
    factories.make_initiative(title="Public initiative")
    factories.make_initiative(title="Secret draft", status="draft")
    factories.make_initiative(title="Awaiting review", status="review")
    client.get(CSV)
    client.get("/data/initiatives.json")
    run_worker()
    text = body(client.get(CSV)).decode("utf-8-sig")
    data = json.loads(body(client.get("/data/initiatives.json")))
    assert "Public initiative" in text
    assert "Secret draft" not in text and "Awaiting review" not in text
    assert [record["title"] for record in data["initiatives"]] == ["Public initiative"]
    assert data["count"] == 1


def test_an_edit_that_changes_no_public_record_gives_the_same_file(client, db):
    factories.make_initiative(title="Public initiative")
    client.get(CSV)
    run_worker()
    first = client.get(CSV)["ETag"]
    factories.make_initiative(title="Secret draft", status="draft")
    client.get(CSV)
    run_worker()
    assert client.get(CSV)["ETag"] == first


def test_the_data_page_lists_every_download_with_its_date_size_and_checksum(client, db):
    factories.make_initiative()
    page = client.get("/data/")
    assert page.status_code == 200
    for download in downloads.registered():
        assert f'id="{download.name}"' in page.text
    assert "Being prepared after the latest change" in page.text
    # Never kept by the page cache or a browser: the file's state changes without an edit.
    assert "no-store" in page["Cache-Control"]
    run_worker()
    page = client.get("/data/")
    made = GeneratedFile.objects.get(name="initiatives.csv")
    assert 'href="/data/initiatives.csv"' in page.text
    assert made.sha256 in page.text
    assert "Being prepared" not in page.text


def test_an_unknown_download_is_a_404(client, db):
    assert client.get("/data/everything.zip").status_code == 404


def test_a_download_beyond_the_cap_is_answered_503_with_retry_after(client, db, settings):
    settings.DOWNLOADS_AT_ONCE = 1
    factories.make_initiative()
    client.get(CSV)
    run_worker()
    going_out = client.get(CSV)
    assert going_out.status_code == 200
    refused = client.get(CSV)
    assert refused.status_code == 503
    assert refused["Retry-After"] == str(settings.DOWNLOAD_BUSY_RETRY_SECONDS)
    assert "Many downloads at once" in refused.text
    # Once the first has gone out (read to its end, then closed), its slot is free again.
    body(going_out)
    assert client.get(CSV).status_code == 200


def test_a_slot_whose_worker_died_is_free_again_after_its_time(db, settings):
    settings.DOWNLOADS_AT_ONCE = 1
    assert slots.take() is not None
    assert slots.take() is None
    DownloadSlot.objects.update(held_until=timezone.now() - timedelta(seconds=1))
    assert slots.take() is not None


@pytest.mark.parametrize("url", ["/initiatives/export.csv?q=Course", "/sources/export.csv?q=x"])
def test_a_burst_of_filtered_exports_beyond_the_cap_is_answered_503(client, db, settings, url):
    settings.DOWNLOADS_AT_ONCE = 2
    factories.make_initiative(title="Course")
    first, second = client.get(url), client.get(url)
    assert (first.status_code, second.status_code) == (200, 200)
    third = client.get(url)
    assert third.status_code == 503 and third["Retry-After"]
    body(first)
    assert client.get(url).status_code == 200
