"""Files are stored by checksum through Django's storage API, on the file system and on an
S3-compatible server (moto's, over real HTTP)."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from documents import storage
from documents.models import Document
from tests.support import factories, files


def test_a_file_is_stored_under_its_checksum(storage_backend):
    document = factories.make_document(content=files.pdf("Strategic Plan"), name="plan.pdf")
    assert storage_backend() == [f"documents/{document.sha256[:2]}/{document.sha256}.pdf"]
    with storage.open_blob(document.file.name) as stored:
        assert stored.read() == files.pdf("Strategic Plan")


def test_the_same_bytes_uploaded_twice_are_one_stored_file(storage_backend):
    content = files.pdf("Environmental Scan")
    first = factories.make_document(content=content, name="scan.pdf")
    second = factories.make_document(content=content, name="scan (1).pdf")
    assert first.file.name == second.file.name
    assert len(storage_backend()) == 1
    assert Document.objects.count() == 2


def test_a_write_cut_short_is_replaced_by_the_whole_file(storage_backend):
    content = files.pdf("Hybrid meetings")
    document = factories.make_document(content=content)
    default_storage.delete(document.file.name)
    default_storage.save(document.file.name, ContentFile(content[:10]))
    factories.make_document(content=content)
    with storage.open_blob(document.file.name) as stored:
        assert stored.read() == content
