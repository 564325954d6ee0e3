"""Where a document's bytes live: Django's default storage (STORAGES["default"]), the local
file system or S3-compatible object storage (settings).

Invariant: a file is stored under its SHA-256 checksum, `documents/ab/abcd….pdf`, never
under the name it was uploaded with. The same bytes uploaded twice are one stored file, and
a stored file never changes. Files are not deleted with their document: a restored version
(history) or another document may still point to them.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

PREFIX = "documents"


def blob_name(checksum, extension):
    return f"{PREFIX}/{checksum[:2]}/{checksum}{extension}"


def store(checked):
    """Store a safety.CheckedFile unless the same bytes are already there; its name."""
    name = blob_name(checked.sha256, checked.type.extension)
    if default_storage.exists(name):
        if default_storage.size(name) == checked.size:
            return name
        # A write cut short (a crash mid-upload on the file system): replace it.
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(checked.content))
    if saved != name:
        # Another upload of the same bytes won the race; keep the one copy.
        default_storage.delete(saved)
    return name


def open_blob(name):
    return default_storage.open(name, "rb")
