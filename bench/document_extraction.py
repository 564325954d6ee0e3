"""Upload-to-searchable time for a 20-page PDF and a 40-slide PowerPoint file.

Runs in a scratch test database on DATABASE_URL's server (SQLite without it), created and
dropped here. For each file it times what the admin's request waits for (the checks, the
store by checksum, the save) and then the background task (extraction into pages), and checks
that the site search finds a word only the last page or slide holds. The worker's polling
interval (`db_worker --interval`, 1 s by default) comes on top of the task in production.

    DJANGO_SECRET_KEY=bench .venv/bin/python bench/document_extraction.py
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from documents.forms import set_file  # noqa: E402
from documents.models import Document, DocumentPage  # noqa: E402
from documents.safety import check_upload  # noqa: E402
from documents.tasks import extract_text  # noqa: E402
from tests.support import factories, files  # noqa: E402

# fmt: off
WORDS = [
    "customs", "officers", "trained", "remotely", "through", "the", "regional", "centre",
    "blended", "courses", "assessment", "mentors", "scholarship", "programme", "virtual",
    "reality", "inspection", "simulators",
]
# fmt: on


def page_text(number, lines=40):
    """About 400 words, as a page of a report holds."""
    return "\n".join(
        " ".join(WORDS[(number + line + word) % len(WORDS)] for word in range(10))
        for line in range(lines)
    )


def measure(label, name, content, marker):
    started = time.perf_counter()
    checked = check_upload(SimpleUploadedFile(name, content))
    document = Document(attached_to=factories.make_meeting(), title=label, status="published")
    set_file(document, checked)
    document.save()
    saved = time.perf_counter()
    extract_text.call(document.pk)
    extracted = time.perf_counter()
    found = DocumentPage.objects.published().search(marker).filter(document=document).exists()
    searchable = time.perf_counter()
    document.refresh_from_db()
    print(
        f"| {label} | {len(content) / 1024:.0f} KB | {document.page_count} | "
        f"{(saved - started) * 1000:.0f} ms | {(extracted - saved) * 1000:.0f} ms | "
        f"{(searchable - started) * 1000:.0f} ms | {'yes' if found else 'NO'} |"
    )


def main():
    from django.conf import settings

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="rtcportal-bench-media-"))
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"Database: {connection.vendor}")
        print("| file | size | pages | upload (request) | extraction (task) | total | found |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        pages = [page_text(number) for number in range(19)] + ["zqlastpage " + page_text(19)]
        measure("20-page PDF", "report.pdf", files.pdf(*pages), "zqlastpage")
        slides = [(f"Slide {n}", page_text(n, lines=8)) for n in range(39)]
        slides.append(("Closing", "zqlastslide " + page_text(39, lines=8)))
        measure("40-slide PPTX", "slides.pptx", files.pptx_file(*slides), "zqlastslide")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
