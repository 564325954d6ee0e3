"""Several files in one upload: refused up front, before any image is decoded, when their
pixels together would take longer to re-encode than a request may last."""

import time

from django.core.files.uploadedfile import SimpleUploadedFile

from documents.forms import UploadDocumentsForm
from tests.support import files


def form_with(*uploads):
    return UploadDocumentsForm({"kind": "other", "language": "en"}, {"files": list(uploads)})


def test_too_many_megapixels_at_once_are_refused_before_any_is_decoded(settings):
    settings.DOCUMENT_MAX_UPLOAD_PIXELS = 100_000_000
    # Each declares 24 megapixels, as a phone photo does, in a few hundred bytes: decoding
    # one would fail, so only the header can have been read.
    photos = [
        SimpleUploadedFile(f"photo{n}.png", files.png_declaring(6000, 4000)) for n in range(25)
    ]
    started = time.perf_counter()
    form = form_with(*photos)
    assert not form.is_valid()
    assert time.perf_counter() - started < 1
    [error] = form.errors["files"]
    assert error == (
        "These images hold 600 megapixels together; one upload may hold at most 100 (about 4 "
        "phone photos). Nothing was uploaded: upload them in smaller groups."
    )


def test_images_within_the_budget_are_each_checked_as_usual(settings):
    settings.DOCUMENT_MAX_UPLOAD_PIXELS = 100_000_000
    form = form_with(
        SimpleUploadedFile("a.png", files.png_file()), SimpleUploadedFile("b.pdf", files.pdf("x"))
    )
    assert form.is_valid(), form.errors
    assert len(form.checked) == 2
