"""The API over HTTP like the pages: validators and 304s, Cache-Control, compression and the
page cache; CORS for the API alone; a rate limit per client that answers 429 with
Retry-After."""

import brotli
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.throttling import AnonRateThrottle

from meetings.models import Meeting
from tests.support.caches import redis_page_cache

pytestmark = pytest.mark.django_db

ORIGIN = "https://rocb-ap.example.org"


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("address", ["/api/v1/", "/api/v1/meetings/", "/api/v1/schema/"])
def test_a_repeated_request_with_its_etag_is_answered_304(client, seeded, address):
    first = client.get(address)
    again = client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert "public" in directives(first)
    assert again.status_code == 304
    assert again.content == b""


def test_an_edit_changes_the_etag_of_the_records_it_shows(client, seeded):
    meeting = Meeting.objects.get(number=19)
    address = f"/api/v1/meetings/{meeting.pk}/"
    first = client.get(address)

    meeting.theme = "A new theme"
    meeting.save()
    again = client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again.json()["theme"] == "A new theme"


def test_an_error_is_kept_by_nobody(client, seeded):
    response = client.get("/api/v1/meetings/?since=soon")

    assert response.status_code == 400
    assert {"private", "no-store"} <= directives(response)


def test_json_is_compressed_for_a_client_that_takes_brotli(client, seeded):
    response = client.get("/api/v1/meetings/", HTTP_ACCEPT_ENCODING="br")

    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content).startswith(b'{"count":1,')


def test_the_page_cache_answers_a_repeated_api_request_without_the_database(
    client, seeded, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    first = client.get("/api/v1/meetings/")

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/meetings/")

    assert again.content == first.content
    assert len(queries) == 0
    cache.clear()


def test_any_site_may_read_the_api_from_a_browser(client, seeded):
    response = client.get("/api/v1/meetings/", HTTP_ORIGIN=ORIGIN)
    unchanged = client.get(
        "/api/v1/meetings/", HTTP_ORIGIN=ORIGIN, HTTP_IF_NONE_MATCH=response["ETag"]
    )

    assert response["Access-Control-Allow-Origin"] == "*"
    assert unchanged.status_code == 304
    assert unchanged["Access-Control-Allow-Origin"] == "*"


def test_a_browser_asking_first_may_only_read(client, seeded):
    response = client.options(
        "/api/v1/meetings/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize(
    "address", ["/meetings/", "/admin/login/", "/initiatives/export.json?rtc=japan-rtc"]
)
def test_pages_the_admin_and_downloads_say_nothing_to_other_sites(client, seeded, address):
    response = client.get(address, HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@pytest.fixture
def three_a_minute(monkeypatch):
    """The rate limit lowered to three requests a minute; each test's client its own address,
    so no other test's requests count."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    cache.clear()
    yield
    cache.clear()


def beyond_the_limit(client, address):
    answers = [client.get(address, REMOTE_ADDR="192.0.2.7") for _ in range(4)]
    other = client.get(address, REMOTE_ADDR="192.0.2.8")
    return answers, other


def test_a_client_beyond_the_limit_is_told_when_to_come_back(client, seeded, three_a_minute):
    answers, other = beyond_the_limit(client, "/api/v1/meetings/")

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert 0 < int(answers[-1]["Retry-After"]) <= 60
    assert "detail" in answers[-1].json()
    assert {"private", "no-store"} <= directives(answers[-1])
    assert other.status_code == 200


def test_the_limit_counts_in_redis_when_there_is_one(client, seeded, settings, three_a_minute):
    redis_page_cache(settings)
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()

    answers, _ = beyond_the_limit(client, "/api/v1/people/")

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert any("throttle_anon" in str(key) for key in cache.keys("*"))
    cache.clear()


def test_pages_have_no_rate_limit(client, seeded, three_a_minute):
    answers = [client.get("/meetings/", REMOTE_ADDR="192.0.2.9") for _ in range(5)]

    assert {answer.status_code for answer in answers} == {200}
