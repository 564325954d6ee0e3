"""The text inside a stored file, part by part: the pages of a PDF, the slides of a
presentation, the sheets of a workbook, the whole text of a Word file.

Only files that passed documents.safety are read here: the Office ones were checked for zip
bombs before they were stored. Each reader returns [(name, text), ...], one per part in order;
a part's name is empty but for a sheet.
"""

import io

import docx
import openpyxl
import pptx
import pypdf

from .filetypes import DOCX, PDF, PPTX, XLSX


class ExtractionError(Exception):
    """The file is stored, but its text could not be read; the message says why."""


def pdf_parts(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ExtractionError("The PDF is encrypted; its text cannot be read.")
    return [("", page.extract_text() or "") for page in reader.pages]


def pptx_parts(data):
    presentation = pptx.Presentation(io.BytesIO(data))
    parts = []
    for slide in presentation.slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        for shape in slide.shapes:
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        parts.append(("", "\n".join(text for text in texts if text)))
    return parts


def docx_parts(data):
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    # Word files have no stored pages (the layout decides them): one part, the whole text.
    return [("", "\n".join(text for text in texts if text))]


def xlsx_parts(data):
    # read_only streams the rows; data_only reads the values formulas last computed.
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [
            (
                sheet.title,
                "\n".join(
                    " ".join(str(value) for value in row if value is not None)
                    for row in sheet.iter_rows(values_only=True)
                ),
            )
            for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()


READERS = {PDF: pdf_parts, PPTX: pptx_parts, DOCX: docx_parts, XLSX: xlsx_parts}


def extract(file_type, data):
    """[(name, text), ...] for a file of `file_type`, or ExtractionError saying why not."""
    reader = READERS[file_type]
    try:
        return reader(data)
    except ExtractionError:
        raise
    except Exception as error:
        # The parsers raise anything from ValueError to KeyError on a damaged file: whatever
        # it is, the file stays stored and the admin shows the reason.
        raise ExtractionError(
            f"The {file_type.label} file could not be read: {type(error).__name__}: {error}"
        ) from error
