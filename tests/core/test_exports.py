"""CSV downloads: a leading UTF-8 BOM for spreadsheets, and no cell a spreadsheet would run."""

import csv
import io

import pytest

from core.exports import csv_response, spreadsheet_cell, streaming_csv_response, unguarded_cell

# OWASP's "CSV Injection" list: what a spreadsheet reads as the start of a formula.
FORMULAS = [
    '=HYPERLINK("http://evil.example","Click")',
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
ORDINARY = ["Japan RTC", "a=b", "", "2021-10-27", "Hong Kong (China)", "'quoted"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote(value):
    assert spreadsheet_cell(value) == "'" + value


@pytest.mark.parametrize("value", [*ORDINARY, 19, None])
def test_ordinary_cells_are_left_as_they_are(value):
    assert spreadsheet_cell(value) == value


@pytest.mark.parametrize("value", [*FORMULAS, *ORDINARY])
def test_a_guarded_cell_reads_back_as_the_text_it_was(value):
    assert unguarded_cell(spreadsheet_cell(value)) == value


def read(content):
    assert content.startswith("\N{BYTE ORDER MARK}".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_csv_download_starts_with_a_bom_and_guards_every_cell(db):
    response = csv_response("x.csv", ["a", "b"], [[FORMULAS[0], "plain"], [19, "-5"]])
    assert read(response.content) == [["a", "b"], ["'" + FORMULAS[0], "plain"], ["19", "'-5"]]


def test_a_streamed_csv_download_starts_with_a_bom_and_guards_every_cell(db):
    response = streaming_csv_response("x.csv", ["a"], iter([["@cmd"], ["plain"]]))
    content = b"".join(response.streaming_content)
    assert read(content) == [["a"], ["'@cmd"], ["plain"]]
