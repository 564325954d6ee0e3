"""The whole public record as one ZIP at /data/ (api/archive.py, made by the task worker through
core.downloads): it round-trips with the read API, holds no draft, describes every field it
holds and is the same file for the same public record."""

import csv
import io
import json
import zipfile

import pytest

from api.archive import NAME
from api.records import RECORD_KINDS
from core import downloads
from meetings.models import Meeting
from tests.core.test_resources import run_worker
from tests.support import factories

ZIP = f"/data/{NAME}"
SITE = "https://rtc.example.org"


@pytest.fixture
def site(settings):
    # The API and the worker's file both start every address with the site's one address.
    settings.SITE_URL = SITE


def fetch_archive(client):
    """The ZIP as a visitor gets it: asked for (which asks the worker), made, downloaded."""
    client.get(ZIP)
    run_worker()
    response = client.get(ZIP)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def etag(client):
    """The ZIP's ETag. The file is read to its end, which gives back its download slot (the
    test client closes a streamed response there)."""
    response = client.get(ZIP)
    b"".join(response.streaming_content)
    return response["ETag"]


def api_list(client, kind):
    """Every record the API lists for `kind`, following `next` to the last page."""
    records, url = [], f"/api/v1/{kind}/"
    while url:
        response = client.get(url)
        assert response.status_code == 200, (kind, response.status_code)
        page = response.json()
        records += page["results"]
        url = page["next"]
    return records


def field_names(value, prefix=""):
    """Every key of `value` as the README writes it: `participations[].role`."""
    names = set()
    if isinstance(value, dict):
        for key, item in value.items():
            names.add(prefix + key)
            names |= field_names(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for item in value:
            names |= field_names(item, f"{prefix[:-1]}[]." if prefix else "")
    return names


@pytest.mark.engine
def test_each_kinds_json_file_holds_what_the_api_lists_for_it(client, seeded_with_documents, site):
    archive = fetch_archive(client)
    for kind in RECORD_KINDS:
        assert json.loads(archive.read(f"{kind}.json")) == api_list(client, kind), kind
    # The round trip means something: the record's kinds are there, not empty lists.
    for kind in ("meetings", "administrations", "rtcs", "initiatives", "sources", "documents"):
        assert json.loads(archive.read(f"{kind}.json")), kind


def test_the_archive_holds_every_csv_of_data_as_its_own_download_makes_it(client, db, site):
    factories.make_initiative(title="Tariff e-course")
    archive = fetch_archive(client)
    csvs = [item for item in downloads.registered() if item.content_type.startswith("text/csv")]
    assert {"initiatives.csv", "sources.csv"} <= {item.name for item in csvs}
    for item in csvs:
        client.get(f"/data/{item.name}")
    run_worker()
    for item in csvs:
        own = b"".join(client.get(f"/data/{item.name}").streaming_content)
        assert archive.read(item.name) == own, item.name
    rows = list(csv.DictReader(io.StringIO(archive.read("initiatives.csv").decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["Tariff e-course"]


def test_drafts_and_records_in_review_are_in_no_file_of_the_archive(client, db, site):
    meeting = factories.make_meeting(title="Public meeting")
    factories.make_meeting(title="Draft meeting", status="draft")
    factories.make_initiative(title="Public initiative", meeting=meeting)
    factories.make_initiative(title="Secret draft", meeting=meeting, status="draft")
    factories.make_initiative(title="Awaiting review", meeting=meeting, status="review")
    archive = fetch_archive(client)
    every_file = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8")
    assert "Public initiative" in every_file and "Public meeting" in every_file
    for hidden in ("Secret draft", "Awaiting review", "Draft meeting"):
        assert hidden not in every_file
    assert [m["title"] for m in json.loads(archive.read("meetings.json"))] == ["Public meeting"]


def test_the_readme_names_every_field_of_every_file(client, seeded_with_documents, site):
    archive = fetch_archive(client)
    readme = archive.read("README.md").decode()
    for kind in RECORD_KINDS:
        assert f"## {kind}.json" in readme
        section = readme.split(f"## {kind}.json", 1)[1].split("\n## ", 1)[0]
        # Every key the records actually hold, nested ones by their path.
        for name in field_names(json.loads(archive.read(f"{kind}.json"))):
            assert f"- `{name}`" in section, (kind, name)
    for name in ("initiatives.csv", "sources.csv"):
        section = readme.split(f"## {name}", 1)[1].split("\n## ", 1)[0]
        header = next(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        for column in header:
            assert f"- `{column}`" in section, (name, column)


def test_the_readme_and_manifest_give_the_version_the_date_and_the_licence(
    client, seeded, site, settings
):
    settings.DATA_LICENCE = "Reuse freely, naming the ROCB A/P secretariat."
    archive = fetch_archive(client)
    readme = archive.read("README.md").decode()
    manifest = json.loads(archive.read("manifest.json"))
    assert "Schema version: v1" in readme
    assert "Reuse freely, naming the ROCB A/P secretariat." in readme
    assert manifest["schema_version"] == "v1"
    assert manifest["licence"] == "Reuse freely, naming the ROCB A/P secretariat."
    latest = max(Meeting.objects.published().values_list("updated_at", flat=True))
    assert manifest["record_changed"] >= latest.isoformat()[:19]
    assert f"Content version: {manifest['content_version']}" in readme
    for entry in manifest["files"]:
        data = archive.read(entry["name"])
        assert len(data) == entry["bytes"]
        if entry["name"].endswith(".json"):
            assert len(json.loads(data)) == entry["records"]
    assert {entry["name"] for entry in manifest["files"]} | {"README.md", "manifest.json"} == set(
        archive.namelist()
    )


def test_a_content_change_retires_the_old_file_and_an_unseen_edit_keeps_it(client, db, site):
    meeting, rtc = factories.make_meeting(), factories.make_rtc()
    factories.make_initiative(title="First initiative", meeting=meeting, rtc=rtc)
    fetch_archive(client)
    first = etag(client)
    # A draft changes no public record: the same bytes, the same ETag.
    factories.make_initiative(title="Draft", meeting=meeting, rtc=rtc, status="draft")
    client.get(ZIP)
    run_worker()
    assert etag(client) == first
    factories.make_initiative(title="Second initiative", meeting=meeting, rtc=rtc)
    # Never the older file, which no longer holds what the pages show.
    assert client.get(ZIP).status_code == 503
    archive = fetch_archive(client)
    titles = [item["title"] for item in json.loads(archive.read("initiatives.json"))]
    assert sorted(titles) == ["First initiative", "Second initiative"]
    assert client.get(ZIP, headers={"If-None-Match": first}).status_code == 200


def test_the_data_page_offers_the_whole_record_first(client, db, site):
    factories.make_initiative()
    client.get(ZIP)
    run_worker()
    page = client.get("/data/")
    assert page.status_code == 200
    assert page.text.index(f'id="{NAME}"') < page.text.index('id="initiatives.csv"')
    assert f'href="{ZIP}"' in page.text
