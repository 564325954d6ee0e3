"""What a spreadsheet may unpack to, measured before any parser opens it; every import (the
admin's per-model imports and the whole-meeting one) checks its upload here.

An XLSX workbook, like a ZIP of CSV files, is a ZIP archive: a few megabytes may unpack to
gigabytes, which a parser would read in full. `check_unpacked` refuses, in this order and
with a message naming the limit and by how much:

1. an archive that unpacks to more than settings.IMPORT_MAX_UNPACKED_BYTES, or to more than
   MAX_COMPRESSION_RATIO times its size: both from the central directory, nothing inflated
   (zipfile stops inflating a member at its declared size, so the directory cannot lie);
2. a sheet with more rows below its heading than settings.IMPORT_MAX_ROWS (or fewer, when an
   import says so): counted by scanning each sheet's XML, or each CSV, as a stream, which (1)
   has bounded first.

A plain CSV file is its own unpacked size, which settings.IMPORT_MAX_BYTES bounds already.
"""

import csv
import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# Sheet XML compresses some 5 to 30 times; a run of one byte reaches about 1,000.
MAX_COMPRESSION_RATIO = 100
# A row element, with or without a namespace prefix: <row r="2">, <x:row>, <row/>.
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
CHUNK_BYTES = 1024 * 1024
# Longer than any row tag, namespace prefix included.
TAIL_BYTES = 64
WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SPLIT_ADVICE = "Split it into smaller files and import them one after the other."


def refuse(message):
    raise ValidationError(message, code="too_large")


def check_unpacked(file, *, max_rows=None):
    """Refuse (ValidationError) a spreadsheet past the limits above; `file` is a binary file
    (an upload), left at its start. `max_rows` lowers settings.IMPORT_MAX_ROWS for an
    import whose sheets cannot hold that many."""
    max_rows = min(settings.IMPORT_MAX_ROWS, max_rows or settings.IMPORT_MAX_ROWS)
    file.seek(0)
    try:
        if zipfile.is_zipfile(file):
            with zipfile.ZipFile(file) as archive:
                check_archive(archive, file.seek(0, io.SEEK_END), max_rows)
        else:
            file.seek(0)
            check_rows("the file", csv_rows(file), max_rows)
    except zipfile.BadZipFile:
        # A damaged archive is the reader's to report, in its own words.
        pass
    finally:
        file.seek(0)


def check_archive(archive, packed, max_rows):
    unpacked = sum(entry.file_size for entry in archive.infolist())
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    if unpacked > limit:
        refuse(
            f"This file unpacks to {filesizeformat(unpacked)}, "
            f"{filesizeformat(unpacked - limit)} over the {filesizeformat(limit)} a spreadsheet "
            f"may unpack to (it may be a zip bomb). {SPLIT_ADVICE}"
        )
    ratio = unpacked / max(packed, 1)
    if ratio > MAX_COMPRESSION_RATIO:
        refuse(
            f"This file unpacks to {ratio:,.0f} times its size; real spreadsheets stay under "
            f"{MAX_COMPRESSION_RATIO} times (it may be a zip bomb)."
        )
    titles = sheet_titles(archive)
    for entry in archive.infolist():
        if WORKSHEET.fullmatch(entry.filename):
            with archive.open(entry) as sheet:
                rows = xml_rows(sheet)
            title = titles.get(entry.filename, entry.filename)
            check_rows(f"the sheet “{title}”", rows, max_rows)
        elif entry.filename.lower().endswith(".csv"):
            with archive.open(entry) as sheet:
                check_rows(f"the sheet “{entry.filename}”", csv_rows(sheet), max_rows)


def check_rows(where, rows, max_rows):
    # The heading line is not a record.
    records = max(rows - 1, 0)
    if records > max_rows:
        refuse(
            f"{where[0].upper()}{where[1:]} has {records:,} rows, {records - max_rows:,} over "
            f"the {max_rows:,} one import may hold. {SPLIT_ADVICE}"
        )


def xml_rows(stream):
    rows = 0
    tail = b""
    while chunk := stream.read(CHUNK_BYTES):
        # A tag cut between two chunks is found whole in the tail kept from the first.
        text = tail + chunk
        rows += len(ROW_TAG.findall(text))
        tail = text[-TAIL_BYTES:]
        rows -= len(ROW_TAG.findall(tail))
    return rows + len(ROW_TAG.findall(tail))


def csv_rows(stream):
    lines = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    rows = 0
    try:
        for _row in csv.reader(lines):
            rows += 1
    except csv.Error:
        # A field past csv's own size limit: the reader refuses the file the same way.
        pass
    finally:
        # The wrapper would close the upload with it.
        lines.detach()
    return rows


def sheet_titles(archive):
    """{worksheet part: the title its tab shows}, for the messages; {} when unreadable."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {
        relation.get("Id"): relation.get("Target", "")
        for relation in relations
        if relation.get("Id")
    }
    titles = {}
    for sheet in workbook.iter(f"{MAIN_NS}sheet"):
        target = targets.get(sheet.get(RELATIONSHIP_ID), "")
        # Targets are relative to xl/, or absolute from the package's root.
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        titles[posixpath.normpath(part)] = sheet.get("name", part)
    return titles
