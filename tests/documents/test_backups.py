"""The files' backup: copied out through the storage API and back, byte for byte, on both
backends; a damaged copy is refused."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from tests.support import factories, files


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_files_come_back_byte_for_byte_after_storage_is_lost(client, storage_backend, tmp_path):
    report = factories.make_document(content=files.pdf("Restored report"))
    photo = factories.make_document(content=files.jpeg_with_location((800, 600)), name="p.jpg")
    before = {
        url: fetch(client, url) for url in (report.get_absolute_url(), photo.thumbnails[0][0])
    }
    call_command("backup_documents", str(tmp_path / "backup"), stdout=io.StringIO())

    for name in storage_backend():
        default_storage.delete(name)
    assert storage_backend() == []

    out = io.StringIO()
    call_command("restore_documents", str(tmp_path / "backup"), stdout=out)
    assert "4 file(s) restored" in out.getvalue()  # two originals, the photo's two thumbnails
    assert {url: fetch(client, url) for url in before} == before


def test_a_damaged_copy_is_refused(storage_backend, tmp_path):
    document = factories.make_document(content=files.pdf("Original"))
    call_command("backup_documents", str(tmp_path), stdout=io.StringIO())
    (tmp_path / document.file.name).write_bytes(b"%PDF-1.4 tampered")
    default_storage.delete(document.file.name)
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore_documents", str(tmp_path), stdout=io.StringIO())
    assert not default_storage.exists(document.file.name)
