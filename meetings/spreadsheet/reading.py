"""An uploaded whole-meeting file read back into rows: an XLSX workbook or a ZIP of CSV files,
one per sheet, each sheet as numbered rows of raw cells. Nothing is checked here beyond whether
the file can be read at all."""

import csv
import io
import zipfile

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from core.import_limits import check_unpacked

from .sheets import MAX_ROWS_PER_SHEET, SHEETS


class UnreadableFile(ValueError):
    pass


def read_book(data):
    """{sheet: [(row number, [cells])]} with the heading line as row 1; sheets not in the
    file are left out. XLSX, or a ZIP of CSV files named after the sheets."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFile(
            "The file is neither an XLSX workbook nor a ZIP of CSV files. Export the template "
            "from the meeting's page and fill that in."
        )
    try:
        # The upload form checked the file already; a stored file is never parsed unbounded.
        check_unpacked(io.BytesIO(data), max_rows=MAX_ROWS_PER_SHEET)
    except ValidationError as error:
        raise UnreadableFile(error.messages[0]) from None
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        if "[Content_Types].xml" not in names:
            return read_csv_zip(archive, names)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise UnreadableFile(f"The workbook could not be read ({type(error).__name__}).") from error
    by_slug = {sheet.slug: sheet for sheet in SHEETS}
    book = {}
    for worksheet in workbook.worksheets:
        sheet = by_slug.get(slugify(worksheet.title))
        if sheet:
            book[sheet] = [
                (number, list(values))
                for number, values in enumerate(worksheet.iter_rows(values_only=True), 1)
            ]
    workbook.close()
    return book


def read_csv_zip(archive, names):
    by_slug = {sheet.slug: sheet for sheet in SHEETS}
    book = {}
    for name in names:
        stem = name.rsplit("/", 1)[-1].removesuffix(".csv").removesuffix(".CSV")
        sheet = by_slug.get(slugify(stem))
        if sheet is None:
            continue
        try:
            content = archive.read(name).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableFile(f"{name} is not saved as UTF-8: save it as “CSV UTF-8”.") from None
        book[sheet] = list(enumerate(csv.reader(io.StringIO(content, newline="")), 1))
    if not book:
        expected = ", ".join(f"{sheet.slug}.csv" for sheet in SHEETS)
        raise UnreadableFile(f"The ZIP holds none of the sheets' CSV files ({expected}).")
    return book
