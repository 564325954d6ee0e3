"""The type comes from the content; images lose their metadata; archives are measured
before anything opens them."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from documents import filetypes
from documents.safety import check_upload
from tests.support import files


def check(content, name="upload.bin"):
    return check_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (lambda: files.pdf("Text"), filetypes.PDF),
        (lambda: files.pptx_file(("A", "B")), filetypes.PPTX),
        (lambda: files.docx_file("Text"), filetypes.DOCX),
        (lambda: files.xlsx_file(Sheet=[["A"]]), filetypes.XLSX),
        (files.jpeg_with_location, filetypes.JPEG),
        (files.png_file, filetypes.PNG),
    ],
    ids=["pdf", "pptx", "docx", "xlsx", "jpeg", "png"],
)
def test_each_allowed_type_is_recognised_whatever_the_name(content, expected):
    assert check(content(), name="renamed.txt").type is expected


def test_a_webp_image_is_accepted_and_re_encoded():
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="WEBP")
    assert check(out.getvalue()).type is filetypes.WEBP


def test_a_photo_loses_its_gps_location_and_camera(settings):
    original = files.jpeg_with_location()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    checked = check(original, "photo.jpg")
    stored = Image.open(io.BytesIO(checked.content))
    assert not stored.getexif().get_ifd(0x8825)
    assert 0x010F not in stored.getexif()
    assert stored.size == (64, 48)


def test_a_jpeg_loses_its_comment_segment():
    original = files.jpeg_with_comment(b"Taken by Jane Doe <script>alert(1)</script>")
    assert b"Jane Doe" in original
    checked = check(original, "photo.jpg")
    assert b"Jane Doe" not in checked.content
    assert b"<script>" not in checked.content
    assert "comment" not in Image.open(io.BytesIO(checked.content)).info


@pytest.mark.parametrize(
    "size",
    # Pillow warns above its own limit (89 million pixels) and fails above twice it.
    [(8_000, 7_000), (10_000, 10_000), (20_000, 20_000)],
    ids=["over-the-portal-limit", "pillow-warns", "pillow-refuses"],
)
def test_an_image_with_too_many_pixels_is_refused_as_such_with_the_limit(settings, size):
    settings.DOCUMENT_MAX_IMAGE_PIXELS = 50_000_000
    with pytest.raises(ValidationError, match="at most 50,000,000 pixels are accepted") as refused:
        check(files.png_declaring(*size))
    assert "damaged" not in str(refused.value)


def test_the_checksum_is_that_of_the_bytes_stored():
    checked = check(files.png_file())
    assert checked.sha256 == hashlib.sha256(checked.content).hexdigest()


def test_an_archive_with_too_many_entries_is_refused(settings):
    settings.DOCUMENT_MAX_ZIP_ENTRIES = 10
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(20):
            archive.writestr(f"word/media/{number}.xml", "<x/>")
    with pytest.raises(ValidationError, match="holds 22 parts; at most 10"):
        check(out.getvalue())


def test_a_plain_zip_archive_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ValidationError, match="ZIP archive, not a PowerPoint"):
        check(out.getvalue())


def test_an_html_page_is_refused():
    with pytest.raises(ValidationError, match="SVG, HTML or XML"):
        check(b"<!doctype html><script>alert(1)</script>", "page.pdf")


def test_a_damaged_image_is_refused():
    with pytest.raises(ValidationError, match="PNG image is damaged"):
        check(files.png_file()[:40])
