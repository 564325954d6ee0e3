"""Every spreadsheet import is bounded by what the file unpacks to, before anything parses it:
unpacked size, compression ratio and rows a sheet (core.import_limits), refused at the upload
with a form error saying which limit and by how much."""

import io
import time

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.import_limits import check_unpacked
from core.models import SpreadsheetImport
from initiatives.models import Initiative
from tests.core.test_resources import HEADER, XLSX_INDEX, import_rows, upload, xlsx
from tests.support import files

# A row of the crafted sheet is 59 bytes of XML.
ROW_BYTES = 59


def refusal(content, **kwargs):
    with pytest.raises(ValidationError) as refused:
        check_unpacked(SimpleUploadedFile("rows.xlsx", content), **kwargs)
    return refused.value.messages[0]


def workbook(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Initiatives"
    sheet.append(["title", "rtc"])
    for number in range(rows):
        sheet.append([f"Initiative {number}", "Japan RTC"])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_a_small_xlsx_unpacking_to_ten_times_the_limit_is_refused_at_once(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    bomb = files.xlsx_of_repeated_rows(50 * 1024 * 1024 // ROW_BYTES)
    assert len(bomb) < 500 * 1024
    started = time.perf_counter()
    message = refusal(bomb)
    assert time.perf_counter() - started < 0.5
    assert "This file unpacks to 50.0\xa0MB, 45.0\xa0MB over the 5.0\xa0MB" in message


def test_a_file_unpacking_to_a_hundred_times_its_size_and_more_is_refused(settings):
    bomb = files.xlsx_of_repeated_rows(60_000)
    assert 60_000 * ROW_BYTES < 5 * 1024 * 1024, "within the unpacked size"
    message = refusal(bomb)
    assert "times its size; real spreadsheets stay under 100 times" in message


def test_a_sheet_with_more_rows_than_the_limit_is_refused_naming_the_sheet(settings):
    settings.IMPORT_MAX_ROWS = 1_000
    message = refusal(workbook(1_250))
    assert "The sheet “Initiatives” has 1,250 rows, 250 over the 1,000 one import may hold" in (
        message
    )


def test_an_import_may_lower_the_rows_a_sheet_may_hold(settings):
    message = refusal(workbook(30), max_rows=20)
    assert "has 30 rows, 10 over the 20 one import may hold" in message


def test_a_csv_with_more_rows_than_the_limit_is_refused(settings):
    settings.IMPORT_MAX_ROWS = 100
    content = (HEADER + "Lab,Japan RTC,19,,,\r\n" * 101).encode()
    with pytest.raises(ValidationError, match="The file has 101 rows, 1 over the 100"):
        check_unpacked(SimpleUploadedFile("rows.csv", content))


def test_a_real_workbook_of_twenty_thousand_rows_is_within_every_limit():
    upload = SimpleUploadedFile("rows.xlsx", workbook(20_000))
    check_unpacked(upload)
    assert upload.tell() == 0, "the form reads the file from its start afterwards"


@pytest.mark.engine
def test_the_admin_import_refuses_a_zip_bomb_with_a_form_error_and_stores_nothing(
    client, editor_user, seeded, settings
):
    settings.IMPORT_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    client.force_login(editor_user)
    bomb = files.xlsx_of_repeated_rows(50 * 1024 * 1024 // ROW_BYTES)
    started = time.perf_counter()
    page = upload(client, Initiative, bomb, "rows.xlsx", XLSX_INDEX, worker=False)
    assert time.perf_counter() - started < 2
    assert page.status_code == 200, "the form comes back with its error"
    assert "This file unpacks to 50.0\xa0MB, 45.0\xa0MB over the 5.0\xa0MB" in page.text
    assert not SpreadsheetImport.objects.exists()


@pytest.mark.engine
def test_the_admin_import_still_takes_a_workbook_of_as_many_rows_as_the_limit(
    client, editor_user, seeded, settings
):
    settings.IMPORT_MAX_ROWS = 5
    client.force_login(editor_user)
    rows = [[f"Lab {number}", "Japan RTC", 19, "A lab.", "", ""] for number in range(5)]
    content = xlsx(HEADER.strip().split(","), *rows)
    _preview, done = import_rows(
        client, Initiative, content, name="rows.xlsx", file_format=XLSX_INDEX
    )
    assert "Import finished: 5 new, 0 changed, 0 unchanged." in done.text
