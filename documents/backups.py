"""Copying the stored files to a folder and back, through the storage API, so one pair of
commands backs up either backend (docs/operations.md, Backups).

Every file a document or an earlier version of one (history) points to is copied, with the
images' thumbnails. A file is named by its checksum, so a restore checks each original's
bytes against its name and refuses a damaged copy, and a copy already in place is skipped.
"""

import hashlib
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .models import Document
from .thumbnails import thumbnail_name, widths_for


class DamagedCopy(Exception):
    pass


def stored_names():
    """The names in storage that the database refers to, originals first."""
    rows = {
        (name, sha256, width)
        for model in (Document, Document.history.model)
        for name, sha256, width in model.objects.values_list("file", "sha256", "width")
        if name
    }
    originals = sorted(name for name, _sha256, _width in rows)
    thumbnails = sorted(
        {
            thumbnail_name(sha256, size)
            for _name, sha256, width in rows
            for size in widths_for(width)
        }
    )
    return originals + thumbnails


def back_up(folder):
    """Copy every stored file into `folder` (kept under its storage name); how many copied."""
    copied = 0
    for name in stored_names():
        target = Path(folder) / name
        if target.exists() and target.stat().st_size == default_storage.size(name):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as stored:
            target.write_bytes(stored.read())
        copied += 1
    return copied


def restore(folder):
    """Put back into storage every file of `folder` that storage lacks; how many restored."""
    restored = 0
    for name in stored_names():
        source = Path(folder) / name
        if default_storage.exists(name) or not source.exists():
            continue
        content = source.read_bytes()
        checksum = Path(name).stem
        if "thumbnails" not in name and hashlib.sha256(content).hexdigest() != checksum:
            raise DamagedCopy(f"{source} does not match its checksum: not restored.")
        default_storage.save(name, ContentFile(content))
        restored += 1
    return restored
