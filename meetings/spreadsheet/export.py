"""A meeting's records (or a blank template) written out as the whole-meeting spreadsheet: an XLSX
workbook, or a ZIP of CSV files, one per sheet, each with a read-me."""

import csv
import io
import re
import zipfile

import openpyxl
from openpyxl.styles import Font

from core.exports import spreadsheet_cell
from sources.models import Citation, records_filter

from .sheets import (
    CITATIONS,
    MAX_ROWS_PER_SHEET,
    MEETING,
    RECORD_SHEETS,
    SHEETS,
    cited_records,
    records,
    shown,
    source_label,
)


def filled_sheets(meeting=None):
    """{sheet: rows (lists of cells, heading first)}; only headings without a meeting."""
    tables = {sheet: [sheet.headings] for sheet in SHEETS}
    if meeting is None:
        return tables
    by_record = {}
    for sheet in RECORD_SHEETS:
        for number, record in enumerate(records(meeting, sheet), 1):
            ref = "M" if sheet is MEETING else f"{sheet.ref_prefix}{number}"
            by_record[(sheet.model, record.pk)] = ref
            values = [shown(column, getattr(record, column.attr)) for column in sheet.columns]
            tables[sheet].append([ref, *values])
    citations = Citation.objects.filter(records_filter(cited_records(meeting))).select_related(
        "source", "content_type"
    )
    cited = sorted(
        (
            (by_record[(c.content_type.model_class(), c.object_id)], c)
            for c in citations
            if (c.content_type.model_class(), c.object_id) in by_record
        ),
        key=lambda pair: (ref_order(pair[0]), pair[1].fact, source_label(pair[1].source)),
    )
    for ref, citation in cited:
        tables[CITATIONS].append(
            [
                ref,
                source_label(citation.source),
                shown(CITATIONS.columns[2], citation.fact),
                citation.locator,
                citation.note,
            ]
        )
    return tables


def ref_order(ref):
    """M, then P1, P2 ... R1 ... in the sheets' order, numbers as numbers."""
    prefixes = [sheet.ref_prefix for sheet in RECORD_SHEETS]
    match = re.fullmatch(r"([A-Z]+)(\d*)", ref)
    if not match or match[1] not in prefixes:
        return (len(prefixes), 0, ref)
    return (prefixes.index(match[1]), int(match[2] or 0), ref)


def read_me_lines():
    """The Read-me sheet: what to do, then every sheet's every column, from the same column
    definitions the reader reads by (sheets.Sheet.notes)."""
    lines = [
        ["RTC Portal: a whole meeting in one spreadsheet"],
        [
            "To record a new meeting, import the file from the meetings list in the admin "
            "(Import a whole meeting): it creates the meeting its Meeting sheet describes, as a "
            "draft. To add to a meeting on record, import it from that meeting's page (Import "
            "whole meeting)."
        ],
        [
            "A dry run shows every row as new, changed, unchanged or an error before anything is "
            "saved; nothing is saved unless every row is right."
        ],
        [
            "Bodies, programmes and sources are named as on record; people are added if new. A "
            "body or source not on record is added as a draft when the New bodies or New "
            "sources sheet has a row for it."
        ],
        ["Rows the file leaves out are kept: delete them in the admin if they should go."],
        [
            f"Each sheet holds at most {MAX_ROWS_PER_SHEET:,} rows below its heading; a file "
            "with more is refused before it is read."
        ],
        [
            "A row's ref (P1, R2, S3 ...) is what the Citations sheet points at; give new rows "
            "any ref not used elsewhere in the file."
        ],
        ["Cells marked Required must be filled in; any other cell may be left empty."],
        [],
        ["Sheet", "Column", "Required?", "What it holds", "What it accepts"],
    ]
    for sheet in SHEETS:
        lines.append([sheet.name, "", "", sheet.help])
        if sheet.ref_prefix:
            lines.append(
                [
                    "",
                    "ref",
                    "Optional.",
                    "The row's name for the Citations sheet, unique in the file.",
                    f"{sheet.ref_prefix} and a number, e.g. {sheet.ref_prefix}1"
                    if sheet is not MEETING
                    else "M",
                ]
            )
        lines += [["", *sheet.notes(column)] for column in sheet.columns]
    return lines


def xlsx_bytes(meeting=None):
    workbook = openpyxl.Workbook()
    read_me = workbook.active
    read_me.title = "Read me"
    for line in read_me_lines():
        read_me.append(line)
    read_me.column_dimensions["B"].width = 60
    for sheet, rows in filled_sheets(meeting).items():
        worksheet = workbook.create_sheet(sheet.name)
        for row in rows:
            worksheet.append([spreadsheet_cell(value) for value in row])
        for heading_cell in worksheet[1]:
            heading_cell.font = Font(bold=True)
        worksheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_zip_bytes(meeting=None):
    """One CSV per sheet (UTF-8 with a byte order mark, for Excel), and a read-me."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet, rows in filled_sheets(meeting).items():
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
            archive.writestr(f"{sheet.slug}.csv", "\N{BYTE ORDER MARK}" + buffer.getvalue())
        read_me = io.StringIO()
        csv.writer(read_me).writerows(read_me_lines())
        archive.writestr("read-me.csv", "\N{BYTE ORDER MARK}" + read_me.getvalue())
    return output.getvalue()
