"""A copy of the public record's files (data/record/) to break, and small edits to it."""

import shutil

from public_record import reader


def copy_record(tmp_path, monkeypatch):
    """A copy of data/record/, which the reader, the loader and the command then read."""
    folder = tmp_path / "record"
    shutil.copytree(reader.RECORD_DIR, folder)
    monkeypatch.setattr(reader, "RECORD_DIR", folder)
    return folder


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, text):
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1
