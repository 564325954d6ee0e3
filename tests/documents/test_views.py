"""Public files: their real type, a safe name, nosniff, a sandbox for what a browser renders,
a year's cache under the hashed address; drafts 404 whatever the address, on both storage
backends."""

import io

import pytest
from PIL import Image

from core.admin import admin_url
from documents.models import Document
from meetings.models import Status
from tests.support import factories, files


def get(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_a_published_pdf_is_served_with_its_type_and_safety_headers(client, storage_backend):
    content = files.pdf("Opening remarks")
    document = factories.make_document(content=content, title="Opening remarks: 19th <RTC>")
    response, body = get(client, document.get_absolute_url())
    assert response.status_code == 200
    assert body == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="opening-remarks-19th-rtc.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert document.sha256[:16] in document.get_absolute_url()


def test_an_office_file_downloads_without_a_page_policy(client, storage_backend):
    document = factories.make_document(
        content=files.pptx_file(("VR training", "Slides")), name="x.pptx", title="VR"
    )
    response, _body = get(client, document.get_absolute_url())
    assert response["Content-Disposition"] == 'attachment; filename="vr.pptx"'
    assert "sandbox" not in response.get("Content-Security-Policy", "")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_stable_address_leads_to_the_hashed_one(client, db):
    document = factories.make_document()
    response = client.get(document.stable_url)
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert response["Cache-Control"] == "public, max-age=300"


def test_an_old_hashed_address_leads_to_the_current_file(client, db):
    document = factories.make_document()
    stale = document.get_absolute_url().replace(document.sha256[:16], "0" * 16)
    response = client.get(stale)
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()


@pytest.mark.parametrize("address", ["get_absolute_url", "stable_url"])
def test_a_draft_document_is_404_to_the_public_whatever_the_address(
    client, storage_backend, address
):
    document = factories.make_document(status=Status.DRAFT)
    url = getattr(document, address)
    url = url() if callable(url) else url
    assert client.get(url).status_code == 404


def test_a_published_document_of_a_draft_meeting_is_404(client, storage_backend):
    meeting = factories.make_meeting(status=Status.DRAFT)
    document = factories.make_document(attached_to=meeting)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(document.stable_url).status_code == 404


def test_staff_download_drafts_from_the_admin(client, secretariat_user, db):
    document = factories.make_document(status=Status.DRAFT)
    client.force_login(secretariat_user)
    url = admin_url(Document, "download", document.pk)
    response, _body = get(client, url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_image_gets_webp_thumbnails_served_like_the_file(client, storage_backend):
    photo = factories.make_document(content=files.jpeg_with_location(size=(1200, 800)))
    assert [width for _url, width in photo.thumbnails] == [320, 640]
    assert photo.srcset.endswith("640w.webp 640w")
    response, body = get(client, photo.thumbnails[0][0])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert Image.open(io.BytesIO(body)).size == (320, 213)
    assert photo.thumbnail_height == 213


def test_a_small_image_has_no_thumbnail_larger_than_itself(db):
    icon = factories.make_document(content=files.png_file(size=(400, 300)), name="a.png")
    assert [width for _url, width in icon.thumbnails] == [320]


def test_a_draft_images_thumbnail_is_404(client, storage_backend):
    photo = factories.make_document(
        content=files.jpeg_with_location(size=(700, 500)), status=Status.DRAFT
    )
    assert client.get(photo.thumbnails[0][0]).status_code == 404
