"""Background work on documents, through Django's tasks API (the django-tasks backport).

Text extraction runs after the upload is saved, never during it: the admin answers at once
and a file the parsers choke on stays stored, its failure shown in the admin. A deployment
runs `manage.py db_worker` beside the app servers (docs/operations.md).
"""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.worker import when_stopped

from .extraction import READERS, ExtractionError, extract
from .models import Document, DocumentPage
from .storage import open_blob

logger = logging.getLogger(__name__)


def schedule_extraction(document):
    """Extract `document`'s text once the transaction that saved it has committed, so the
    worker finds the row and the stored file."""
    transaction.on_commit(lambda: extract_text.enqueue(document.pk))


UNEXPECTED = (
    "The text could not be stored: an unexpected error, in the portal's log. Extract the "
    "text again from the documents' list; if it fails again, ask the site's administrators."
)


@task(queue_name="documents")
def extract_text(document_id):
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return  # deleted before the worker got to it
    file_type = document.file_type
    if file_type not in READERS:
        record(document, Document.Extraction.NOT_NEEDED, [])
        return
    sha256 = document.sha256
    try:
        with open_blob(document.file.name) as stored:
            extracted = extract(file_type, stored.read())
    except (ExtractionError, OSError) as error:
        logger.warning("Text extraction failed for document %s: %s", document.pk, error)
        record(document, Document.Extraction.FAILED, [], error=str(error), sha256=sha256)
        return
    try:
        record(
            document,
            Document.Extraction.DONE,
            extracted.parts,
            note=extracted.note,
            sha256=sha256,
        )
    except Exception:
        # Whatever failed, the document says so rather than waiting forever.
        logger.exception("Storing the text of document %s failed", document.pk)
        record(document, Document.Extraction.FAILED, [], error=UNEXPECTED, sha256=sha256)
        raise


@when_stopped(extract_text)
def stopped(reason, document_id):
    """The worker stopped before the text was stored (core.worker): the document says why,
    instead of waiting for the worker forever."""
    Document.objects.filter(pk=document_id, extraction=Document.Extraction.PENDING).update(
        extraction=Document.Extraction.FAILED,
        extraction_error=(
            f"The worker stopped while reading the text of this file ({reason}). Extract the "
            "text again from the documents' list — run it again."
        ),
        extracted_at=timezone.now(),
    )


@transaction.atomic
def record(document, state, parts, error="", note="", sha256=None):
    """Store the outcome, unless a new file replaced this one while it was being read."""
    locked = Document.objects.select_for_update().filter(pk=document.pk)
    if sha256 is not None:
        locked = locked.filter(sha256=sha256)
    current = locked.first()
    if current is None:
        return
    DocumentPage.objects.filter(document=current).delete()
    DocumentPage.objects.bulk_create(
        DocumentPage(document=current, number=number, name=name[:200], text=text)
        for number, (name, text) in enumerate(parts, start=1)
    )
    current.extraction = state
    current.extraction_error = error
    current.extraction_note = note
    current.extracted_at = timezone.now()
    current.page_count = len(parts) if current.file_type.part and parts else None
    # A save, so that post_save retires the cached pages (the search finds the new text);
    # without a history row: the outcome is the worker's, not an edit by the secretariat.
    current.save_without_historical_record(
        update_fields=[
            "extraction",
            "extraction_error",
            "extraction_note",
            "extracted_at",
            "page_count",
        ]
    )
