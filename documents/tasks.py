"""Background work on documents, through Django's tasks API (the django-tasks backport).

Text extraction runs after the upload is saved, never during it: the admin answers at once
and a file the parsers choke on stays stored, its failure shown in the admin. A deployment
runs `manage.py db_worker` beside the app servers (docs/operations.md).
"""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .extraction import READERS, ExtractionError, extract
from .models import Document, DocumentPage
from .storage import open_blob

logger = logging.getLogger(__name__)


def schedule_extraction(document):
    """Extract `document`'s text once the transaction that saved it has committed, so the
    worker finds the row and the stored file."""
    transaction.on_commit(lambda: extract_text.enqueue(document.pk))


@task()
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
            parts = extract(file_type, stored.read())
    except (ExtractionError, OSError) as error:
        logger.warning("Text extraction failed for document %s: %s", document.pk, error)
        record(document, Document.Extraction.FAILED, [], error=str(error), sha256=sha256)
        return
    record(document, Document.Extraction.DONE, parts, sha256=sha256)


@transaction.atomic
def record(document, state, parts, error="", sha256=None):
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
    current.extracted_at = timezone.now()
    current.page_count = len(parts) if current.file_type.part and parts else None
    # A save, so that post_save retires the cached pages (the search finds the new text);
    # without a history row: the outcome is the worker's, not an edit by the secretariat.
    current.save_without_historical_record(
        update_fields=["extraction", "extraction_error", "extracted_at", "page_count"]
    )
