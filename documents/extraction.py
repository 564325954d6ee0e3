"""The text inside a stored file, part by part: the pages of a PDF, the slides of a
presentation, the sheets of a workbook, the whole text of a Word file.

Only files that passed documents.safety are read here: the Office ones were checked for zip
bombs before they were stored. Each reader yields (name, text), one per part in order; a
part's name is empty but for a sheet.

What is read and kept is bounded, whatever the file holds, and `extract` says what it left
out in a note the admin shows:
- at most settings.DOCUMENT_MAX_PARTS parts;
- at most PART_MAX_CHARS characters of one part: each part is a row whose search vector
  PostgreSQL keeps under 1 MB, and text of short distinct words takes up to 2.3 bytes of
  vector per character (measured with to_tsvector, docs/operations.md);
- at most settings.DOCUMENT_MAX_TEXT_CHARS characters in all;
- in a PDF, at most settings.DOCUMENT_MAX_PDF_CONTENT_MB of drawing instructions parsed,
  which is what reading its text costs (seconds per megabyte); pages that draw from the same
  content stream are parsed once.
"""

import io
from dataclasses import dataclass, field

import docx
import openpyxl
import pptx
import pypdf
from django.conf import settings
from pypdf.generic import ArrayObject, IndirectObject

from .filetypes import DOCX, PDF, PPTX, XLSX

# 400,000 characters: under 1 MB of search vector at the worst measured ratio, with room.
PART_MAX_CHARS = 400_000


class ExtractionError(Exception):
    """The file is stored, but its text could not be read; the message says why."""


class ReadingStopped(Exception):
    """A reader stopped before the end of the file; the message says why, for the note."""


@dataclass
class Extracted:
    parts: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def note(self):
        return " ".join(self.notes)


def content_key(page):
    """What a page draws from, when it is stored once and may be shared between pages: its
    content stream(s) and resources by object number; None when they are inline."""
    contents = page.raw_get("/Contents") if "/Contents" in page else None
    if isinstance(contents, IndirectObject):
        refs = (contents.idnum,)
    elif isinstance(contents, ArrayObject) and all(
        isinstance(item, IndirectObject) for item in contents
    ):
        refs = tuple(item.idnum for item in contents)
    else:
        return None
    resources = page.raw_get("/Resources") if "/Resources" in page else None
    return refs, resources.idnum if isinstance(resources, IndirectObject) else None


def pdf_parts(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ExtractionError("The PDF is encrypted; its text cannot be read.")
    budget = settings.DOCUMENT_MAX_PDF_CONTENT_MB * 1024 * 1024
    parsed = 0
    texts = {}
    for number, page in enumerate(reader.pages, start=1):
        key = content_key(page)
        if key is None or key not in texts:
            contents = page.get_contents()
            parsed += len(contents.get_data()) if contents is not None else 0
            if parsed > budget:
                raise ReadingStopped(
                    f"Text was read from the first {number - 1} pages only: with page "
                    f"{number}, the file draws more than the "
                    f"{settings.DOCUMENT_MAX_PDF_CONTENT_MB:g} MB of instructions the portal "
                    "reads of one PDF."
                )
            text = page.extract_text() or ""
            if key is not None:
                texts[key] = text
        else:
            text = texts[key]
        yield "", text


def pptx_parts(data):
    presentation = pptx.Presentation(io.BytesIO(data))
    for slide in presentation.slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        for shape in slide.shapes:
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        yield "", "\n".join(text for text in texts if text)


def docx_parts(data):
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    # Word files have no stored pages (the layout decides them): one part, the whole text.
    yield "", "\n".join(text for text in texts if text)


def xlsx_parts(data):
    # read_only streams the rows; data_only reads the values formulas last computed.
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            rows = (
                " ".join(str(value) for value in row if value is not None)
                for row in sheet.iter_rows(values_only=True)
            )
            yield sheet.title, lines_up_to(rows, PART_MAX_CHARS)
    finally:
        workbook.close()


def lines_up_to(lines, limit):
    """The lines joined, read no further than just past `limit` characters: a sheet of a
    million rows is not all read to keep its first few thousand (extract() cuts the rest)."""
    kept, size = [], 0
    for line in lines:
        kept.append(line)
        size += len(line) + 1
        if size > limit:
            break
    return "\n".join(kept)


READERS = {PDF: pdf_parts, PPTX: pptx_parts, DOCX: docx_parts, XLSX: xlsx_parts}


def extract(file_type, data):
    """Extracted(parts=[(name, text), ...], notes=[...]) for a file of `file_type`, within the
    limits above, or ExtractionError saying why its text cannot be read."""
    unit = file_type.part or "part"
    most_parts = settings.DOCUMENT_MAX_PARTS
    room = settings.DOCUMENT_MAX_TEXT_CHARS
    extracted = Extracted()
    cut_parts = 0
    try:
        for name, text in READERS[file_type](data):
            if len(extracted.parts) == most_parts:
                extracted.notes.append(
                    f"Text was read from the first {most_parts:,} {unit}s only, as many as "
                    "the portal reads of one file."
                )
                break
            if len(text) > PART_MAX_CHARS:
                text = text[:PART_MAX_CHARS]
                cut_parts += 1
            if len(text) > room:
                extracted.parts.append((name, text[:room]))
                extracted.notes.append(
                    f"The text stops in {unit} {len(extracted.parts)}: it reached the "
                    f"{settings.DOCUMENT_MAX_TEXT_CHARS:,} characters the search keeps of one "
                    "file."
                )
                break
            extracted.parts.append((name, text))
            room -= len(text)
    except ReadingStopped as stopped:
        extracted.notes.append(str(stopped))
    except ExtractionError:
        raise
    except Exception as error:
        # The parsers raise anything from ValueError to KeyError on a damaged file: whatever
        # it is, the file stays stored and the admin shows the reason.
        raise ExtractionError(
            f"The {file_type.label} file could not be read: {type(error).__name__}: {error}"
        ) from error
    if cut_parts:
        which = f"{cut_parts} {unit}{'s' if cut_parts > 1 else ''}" if file_type.part else "It"
        extracted.notes.insert(
            0,
            f"{which} held more text than the search keeps of one {unit} "
            f"({PART_MAX_CHARS:,} characters); the rest was left out.",
        )
    return extracted
