"""Compression of dynamic text: smaller on the wire, the same bytes once decoded, never a secret."""

import gzip

import brotli
import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.urls import reverse

from initiatives.models import RTC
from meetings.models import Meeting
from rtcportal.compression import CompressionMiddleware, content_coding
from tests.support.page_types import PAGE_TYPES

# One address per kind of text the portal writes.
TEXT_RESPONSES = {
    "HTML": lambda: RTC.objects.get(slug="japan-rtc").get_absolute_url(),
    # Filtered, so streamed as it is read (the whole lists are stored precompressed files:
    # tests/core/test_downloads.py).
    "JSON": lambda: reverse("initiatives:export-json") + "?meeting=19th-rtc-heads-meeting",
    "CSV": lambda: reverse("initiatives:export-csv") + "?meeting=19th-rtc-heads-meeting",
    "Atom": lambda: reverse("initiatives:feed"),
    "iCalendar": lambda: reverse("meetings:calendar"),
    "XML": lambda: reverse("sitemap-section", args=["initiatives"]),
    "participants CSV": lambda: reverse(
        "meetings:participants-csv", args=[Meeting.objects.get(number=19).slug]
    ),
}
DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress}


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("coding", list(DECODERS))
@pytest.mark.parametrize("kind", list(TEXT_RESPONSES))
def test_a_compressed_response_decodes_to_the_same_bytes(client, seeded, kind, coding):
    url = TEXT_RESPONSES[kind]()
    plain = client.get(url)
    compressed = client.get(url, HTTP_ACCEPT_ENCODING=coding)
    assert plain.status_code == compressed.status_code == 200
    assert not plain.has_header("Content-Encoding")
    assert compressed["Content-Encoding"] == coding
    assert compressed["Content-Type"] == plain["Content-Type"]
    assert "Accept-Encoding" in compressed["Vary"]
    wire, original = body(compressed), body(plain)
    assert len(wire) < len(original)
    assert DECODERS[coding](wire) == original


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_page_type_reaches_a_visitor_compressed_and_without_a_secret(client, seeded, name):
    response = client.get(PAGE_TYPES[name], HTTP_ACCEPT_ENCODING="gzip, br")
    # No page for visitors renders a CSRF token (it would set the cookie) or opens a session.
    assert not response.cookies
    assert response["Content-Encoding"] == "br"


def test_brotli_is_chosen_when_the_client_takes_both(client, seeded):
    response = client.get(reverse("home"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "br"


def test_the_same_page_compresses_to_the_same_bytes_as_its_strong_etag_says(client, seeded):
    url = reverse("initiatives:list")
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    second = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert first["ETag"] == second["ETag"]
    assert first.content == second.content


@pytest.mark.parametrize("coding", list(DECODERS))
def test_the_csv_export_still_streams_when_compressed(client, seeded, coding):
    url = TEXT_RESPONSES["CSV"]()
    plain = b"".join(client.get(url).streaming_content)
    response = client.get(url, HTTP_ACCEPT_ENCODING=coding)
    assert response.streaming
    assert not response.has_header("Content-Length")
    assert DECODERS[coding](b"".join(response.streaming_content)) == plain


@pytest.mark.parametrize("coding", list(DECODERS))
def test_compressed_blocks_leave_before_the_last_row_is_written(rf: RequestFactory, coding):
    rows_written = []

    def rows():
        for number in range(200_000):
            rows_written.append(number)
            yield f"{number},{number * 7919 % 104729},initiative {number * 31 % 997}\n".encode()

    def export(request):
        return StreamingHttpResponse(rows(), content_type="text/csv")

    request = rf.get("/", HTTP_ACCEPT_ENCODING=coding)
    stream = iter(CompressionMiddleware(export)(request).streaming_content)
    first = next(chunk for chunk in stream if chunk)
    assert first
    assert len(rows_written) < 200_000


def test_the_admin_is_never_compressed(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert len(response.content) > 1000
    assert not response.has_header("Content-Encoding")


def test_a_page_carrying_a_csrf_token_is_never_compressed(rf: RequestFactory, settings):
    def page_with_a_form(request):
        response = HttpResponse("<form>" + "<input> " * 500 + "</form>")
        response.set_cookie(settings.CSRF_COOKIE_NAME, "secret")
        return response

    request = rf.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    response = CompressionMiddleware(page_with_a_form)(request)
    assert not response.has_header("Content-Encoding")


def test_images_and_other_binary_responses_are_left_alone(rf: RequestFactory):
    def image(request):
        return HttpResponse(b"\x89PNG" + b"\0" * 5000, content_type="image/png")

    response = CompressionMiddleware(image)(rf.get("/", HTTP_ACCEPT_ENCODING="gzip, br"))
    assert not response.has_header("Content-Encoding")


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        ("br;q=0, gzip", "gzip"),
        ("gzip, br;q=0", "gzip"),
        ("BR ; Q=0.0, gzip;q=0.5", "gzip"),
        ("br;q=0, gzip;q=0", "identity"),
        ("gzip;q=0", "identity"),
        ("br;q=0.5, gzip;q=1", "gzip"),
        ("br;q=1, gzip;q=0.5", "br"),
        ("gzip, br", "br"),
        ("br;q=nonsense, gzip", "gzip"),
        ("identity", "identity"),
        ("", "identity"),
    ],
)
def test_the_content_coding_honours_the_clients_q_values(rf: RequestFactory, header, coding):
    assert content_coding(rf.get("/", HTTP_ACCEPT_ENCODING=header)) == coding


@pytest.mark.parametrize(
    ("header", "coding"),
    [("br;q=0, gzip", "gzip"), ("gzip;q=0, br;q=0", None), ("gzip;q=0, deflate", None)],
)
def test_a_coding_the_client_refuses_with_q_0_is_never_sent(rf: RequestFactory, header, coding):
    def page(request):
        return HttpResponse("<p>Regional training centres</p>" * 100)

    response = CompressionMiddleware(page)(rf.get("/", HTTP_ACCEPT_ENCODING=header))
    assert response.get("Content-Encoding") == coding
    assert "Accept-Encoding" in response["Vary"]
