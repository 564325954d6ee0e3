"""Text extraction in the background: per page, slide or sheet; failures recorded, never
losing the file; the database backend's worker runs it."""

import pytest
from django.core.management import call_command
from django.db.models.signals import post_save

from documents.models import Document, DocumentPage
from documents.tasks import extract_text, schedule_extraction
from tests.support import factories, files

pytestmark = pytest.mark.engine


def extracted(content, name):
    document = factories.make_document(content=content, name=name)
    extract_text.call(document.pk)
    document.refresh_from_db()
    return document


def test_a_pdf_is_read_page_by_page(db):
    document = extracted(files.pdf("Pandemic response", "Environmental Scan"), "a.pdf")
    assert document.extraction == Document.Extraction.DONE
    assert document.page_count == 2
    pages = list(document.pages.all())
    assert [page.label for page in pages] == ["page 1", "page 2"]
    assert "Environmental Scan" in pages[1].text


def test_a_presentation_is_read_slide_by_slide(db):
    content = files.pptx_file(("Opening", "Welcome"), ("VR training", "Headsets for inspectors"))
    document = extracted(content, "a.pptx")
    assert document.page_count == 2
    slide = document.pages.get(number=2)
    assert slide.label == "slide 2"
    assert "Headsets for inspectors" in slide.text


def test_a_word_file_is_read_whole(db):
    document = extracted(files.docx_file("Scholarship programme", "Five months in Korea"), "a.docx")
    assert document.page_count is None
    assert "Five months in Korea" in document.pages.get().text


def test_a_workbook_is_read_sheet_by_sheet(db):
    content = files.xlsx_file(Budget=[["Item", "Cost"], ["Headsets", 1200]], Notes=[["Done"]])
    document = extracted(content, "a.xlsx")
    assert [page.label for page in document.pages.all()] == ["sheet Budget", "sheet Notes"]
    assert "Headsets 1200" in document.pages.get(number=1).text


def test_an_image_has_no_text_to_extract(db):
    document = extracted(files.png_file(), "a.png")
    assert document.extraction == Document.Extraction.NOT_NEEDED


def test_a_pdf_that_fails_to_parse_keeps_its_file_and_says_why(db):
    document = extracted(files.broken_pdf(), "a.pdf")
    assert document.extraction == Document.Extraction.FAILED
    assert document.extraction_error.startswith("The PDF file could not be read")
    assert document.file.name


@pytest.mark.django_db(transaction=True)
def test_the_database_backends_worker_extracts_the_text(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    document = factories.make_document(content=files.pdf("Queued text"), name="a.pdf")
    schedule_extraction(document)  # outside a transaction: enqueued at once
    document.refresh_from_db()
    assert document.extraction == Document.Extraction.PENDING
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
    document.refresh_from_db()
    assert document.extraction == Document.Extraction.DONE
    assert "Queued text" in document.pages.get().text


def test_the_outcome_is_saved_with_its_signal_but_no_history_row(db):
    # post_save is what retires the cached public pages (rtcportal/apps.py), so a search
    # finds the new text at once.
    document = factories.make_document(content=files.pdf("Cached"))
    versions = document.history.count()
    saved = []

    def record(sender, instance, **kwargs):
        saved.append(instance.pk)

    post_save.connect(record, sender=Document, dispatch_uid="test-extraction-save")
    try:
        extract_text.call(document.pk)
    finally:
        post_save.disconnect(sender=Document, dispatch_uid="test-extraction-save")
    assert saved == [document.pk]
    assert document.history.count() == versions


def test_text_past_postgresqls_search_vector_limit_is_stored_cut_with_a_note(db):
    # 720,000 characters of distinct five-letter words: a search vector of about 1.6 MB,
    # which PostgreSQL refuses (1 MB at most), leaving the document pending for ever.
    words = " ".join(f"{number:05x}" for number in range(0x10000, 0x10000 + 120_000))
    document = extracted(files.docx_file(words), "long.docx")
    assert document.extraction == Document.Extraction.DONE
    assert document.extraction_note == (
        "It held more text than the search keeps of one part (400,000 characters); the rest "
        "was left out."
    )
    assert len(document.pages.get().text) == 400_000
    assert DocumentPage.objects.search("10005").filter(document=document).exists()


def test_the_heavy_pdf_of_the_probe_is_read_once_and_its_text_kept_within_bounds(db, settings):
    settings.DOCUMENT_MAX_TEXT_CHARS = 150_000  # a page and a half of its text
    content = files.pdf_of_heavy_pages(20, 200 * 1024, shared=True)
    document = extracted(content, "heavy.pdf")
    assert document.extraction == Document.Extraction.DONE
    assert document.page_count == 2
    assert document.extraction_note.startswith("The text stops in page 2")


def test_a_document_whose_worker_stopped_says_why_instead_of_waiting(db):
    from documents.tasks import stopped

    document = factories.make_document(content=files.pdf("Slow"), name="slow.pdf")
    stopped("it ran past the 10 minutes a task may take", document.pk)
    document.refresh_from_db()
    assert document.extraction == Document.Extraction.FAILED
    assert document.extraction_error == (
        "The worker stopped while reading the text of this file (it ran past the 10 minutes a "
        "task may take). Extract the text again from the documents' list — run it again."
    )


def test_the_documents_list_extracts_the_text_again(
    admin_client, tasks_at_once, django_capture_on_commit_callbacks
):
    document = factories.make_document(content=files.pdf("Second try"), name="a.pdf")
    Document.objects.filter(pk=document.pk).update(
        extraction=Document.Extraction.FAILED, extraction_error="The worker stopped."
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/documents/document/",
            {"action": "extract_again", "_selected_action": [document.pk]},
            follow=True,
        )
    assert "will be extracted again" in response.text
    document.refresh_from_db()
    assert document.extraction == Document.Extraction.DONE
    assert document.extraction_error == ""
    assert "Second try" in document.pages.get().text
