"""The whole-meeting spreadsheet in the admin (meetings.spreadsheet_admin): the buttons on a
meeting's page, the downloads, and an upload's dry run, confirmation and outcome."""

import io
import time
import zipfile

import openpyxl
import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from core.admin import admin_url
from core.models import SpreadsheetImport
from meetings.models import Body, Meeting, Person, Status
from meetings.spreadsheet import export
from meetings.spreadsheet.sheets import MAX_ROWS_PER_SHEET
from tests.core.test_resources import run_worker
from tests.meetings.test_spreadsheet import (
    as_new_meeting,
    edited,
    fixed,
    one_bad_row_per_kind,
    with_new_body_and_source,
)
from tests.support import factories, files

pytestmark = pytest.mark.engine


@pytest.fixture
def editor(client, editor_user, seeded):
    client.force_login(editor_user)
    return client


def nineteenth():
    return Meeting.objects.get(number=19)


def upload(client, meeting, data, name="meeting.xlsx"):
    """Upload, let the task worker run the dry run, and see the upload's page."""
    response = client.post(
        admin_url(Meeting, "whole_meeting_import", meeting.pk),
        {"import_file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 302, response.content
    run_worker()
    return client.get(response.url)


def confirm(client, page):
    response = client.post(page.wsgi_request.path)
    run_worker()
    return client.get(response.url)


def test_a_meetings_page_offers_the_whole_meeting_export_and_import(editor):
    meeting = nineteenth()
    page = editor.get(admin_url(Meeting, "change", meeting.pk))
    export_url = admin_url(Meeting, "whole_meeting_export", meeting.pk, "xlsx")
    import_url = admin_url(Meeting, "whole_meeting_import", meeting.pk)
    assert f'<a href="{export_url}">Export whole meeting</a>' in page.text
    assert f'<a href="{import_url}">Import whole meeting</a>' in page.text
    form = editor.get(import_url)
    assert form.status_code == 200
    for file_format in ("xlsx", "csv"):
        assert admin_url(Meeting, "whole_meeting_template", file_format) in form.text
        assert admin_url(Meeting, "whole_meeting_export", meeting.pk, file_format) in form.text


def test_the_export_comes_as_a_workbook_and_as_a_zip_of_csv_files(editor):
    meeting = nineteenth()
    xlsx = editor.get(admin_url(Meeting, "whole_meeting_export", meeting.pk, "xlsx"))
    assert xlsx["Content-Disposition"] == 'attachment; filename="19th-rtc-heads-meeting.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == [
        "Read me", "Meeting", "Participations", "Roles", "Speakers and remarks", "Points",
        "Sessions", "Presentations", "Silences", "Citations", "New bodies", "New sources",
    ]  # fmt: skip
    assert workbook["Participations"]["B2"].value == "ROCB A/P"
    archive = editor.get(admin_url(Meeting, "whole_meeting_export", meeting.pk, "csv"))
    assert archive["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(archive.content)) as files:
        assert sorted(files.namelist()) == [
            "citations.csv", "meeting.csv", "new-bodies.csv", "new-sources.csv",
            "participations.csv", "points.csv", "presentations.csv", "read-me.csv", "roles.csv",
            "sessions.csv", "silences.csv", "speakers-and-remarks.csv",
        ]  # fmt: skip
        roles = files.read("roles.csv").decode("utf-8-sig").splitlines()
    assert roles[0] == "ref,order,part,person,position,body,online"
    assert (
        roles[1]
        == "R1,1,Opening,Takashi Sato,WCO Regional Development Manager for Asia/Pacific,WCO,no"
    )


def test_the_blank_template_has_only_the_headings(editor):
    blank = editor.get(admin_url(Meeting, "whole_meeting_template", "xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(blank.content))
    assert list(workbook["Points"].values) == [("ref", "order", "kind", "text", "detail", "body")]
    assert editor.get(admin_url(Meeting, "whole_meeting_template", "pdf")).status_code == 404


def test_a_bad_file_imports_nothing_and_its_page_names_each_bad_row(editor):
    meeting = nineteenth()
    page = upload(editor, meeting, edited(meeting, "xlsx", one_bad_row_per_kind))
    pending = page.context["pending"]
    assert pending.state == SpreadsheetImport.State.FAILED
    assert "Nothing was imported: 9 problems to correct" in page.text
    assert "Participations, row 16, column “body”: Unknown administration or body" in page.text
    # The dry run's table still says which rows were fine and which were not.
    assert ">Error<br>Unknown administration or body &quot;Jpan&quot;" in page.text
    assert meeting.participations.count() == 14
    assert not Person.objects.filter(name="Amara Bold").exists()


def test_a_good_file_is_checked_then_imported_once_confirmed(editor):
    factories.make_body("Mongolia")
    meeting = nineteenth()
    data = edited(meeting, "csv", fixed)
    page = upload(editor, meeting, data, name="meeting.zip")
    assert page.context["pending"].state == SpreadsheetImport.State.CHECKED, page.context[
        "pending"
    ].problems
    assert "Nothing is saved yet: 9 new, 0 changed," in page.text
    assert "New people" in page.text and "Amara Bold" in page.text
    assert not meeting.participations.filter(body__name="Mongolia").exists()
    done = confirm(editor, page)
    assert "Import finished: 9 new, 0 changed," in done.text
    assert meeting.participations.filter(body__name="Mongolia").exists()
    # A second confirmation imports nothing more.
    again = editor.post(page.wsgi_request.path, follow=True)
    assert "imported at most once" in again.text


def test_a_file_someone_else_uploaded_is_not_shown(editor, client, reviewer_user):
    meeting = nineteenth()
    page = upload(editor, meeting, export.xlsx_bytes(meeting))
    client.force_login(reviewer_user)
    assert client.get(page.wsgi_request.path).status_code == 404


def test_someone_who_may_only_view_meetings_may_export_but_not_import(client, seeded):
    from django.contrib.auth.models import Permission

    viewer = factories.make_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(viewer)
    meeting = nineteenth()
    assert (
        client.get(admin_url(Meeting, "whole_meeting_export", meeting.pk, "xlsx")).status_code
        == 200
    )
    assert client.get(admin_url(Meeting, "whole_meeting_import", meeting.pk)).status_code == 403
    assert "Import whole meeting" not in client.get(admin_url(Meeting, "change", meeting.pk)).text


def test_a_file_too_large_is_refused_with_a_form_error(editor, settings):
    settings.IMPORT_MAX_BYTES = 100
    meeting = nineteenth()
    page = editor.post(
        admin_url(Meeting, "whole_meeting_import", meeting.pk),
        {"import_file": SimpleUploadedFile("big.xlsx", b"x" * 200)},
    )
    assert page.status_code == 200
    assert "the largest file the portal imports is 100" in page.text
    assert not SpreadsheetImport.objects.exists()


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_more_rows_in_a_sheet_than_a_meeting_can_have_are_refused_with_a_form_error(
    editor, file_format
):
    meeting = nineteenth()

    def add_points(sheets):
        heading = sheets["Points"][0]
        sheets["Points"] += [
            ["", "Challenge", f"Point {number}", "", ""][: len(heading)]
            for number in range(MAX_ROWS_PER_SHEET + 1)
        ]

    data = edited(meeting, file_format, add_points)
    page = editor.post(
        admin_url(Meeting, "whole_meeting_import", meeting.pk),
        {"import_file": SimpleUploadedFile(f"meeting.{file_format}", data)},
    )
    assert page.status_code == 200, "the form comes back with its error"
    assert f"over the {MAX_ROWS_PER_SHEET:,} one import may hold" in page.text
    assert not SpreadsheetImport.objects.exists()


def test_the_forms_and_the_template_say_how_many_rows_a_sheet_may_hold(editor):
    stated = f"at most {MAX_ROWS_PER_SHEET:,} rows"
    for url in [
        admin_url(Meeting, "whole_meeting_import", nineteenth().pk),
        admin_url(Meeting, "new_meeting_import"),
    ]:
        assert f"{stated} a sheet" in editor.get(url).text
    blank = editor.get(admin_url(Meeting, "whole_meeting_template", "xlsx"))
    read_me = openpyxl.load_workbook(io.BytesIO(blank.content))["Read me"]
    assert any(stated in (cell or "") for row in read_me.values for cell in row)


# A row of the crafted sheet is 59 bytes of XML (tests.support.files.xlsx_of_repeated_rows).
ROW_BYTES = 59


@pytest.mark.parametrize("into", ["a meeting", "the meetings list"])
@pytest.mark.parametrize(
    "rows, unpacked_limit, refusal",
    [
        (
            50 * 1024 * 1024 // ROW_BYTES,
            5 * 1024 * 1024,
            "This file unpacks to 50.0\xa0MB, 45.0\xa0MB over the 5.0\xa0MB a spreadsheet may "
            "unpack to (it may be a zip bomb).",
        ),
        (
            60_000,
            50 * 1024 * 1024,
            "times its size; real spreadsheets stay under 100 times (it may be a zip bomb).",
        ),
    ],
    ids=["ten-times-the-unpacked-limit", "past-the-compression-ratio"],
)
def test_a_zip_bomb_is_refused_at_the_upload_with_the_limit_and_by_how_much(
    editor, settings, into, rows, unpacked_limit, refusal
):
    settings.IMPORT_MAX_UNPACKED_BYTES = unpacked_limit
    # Far more rows than a meeting's sheet may hold, too: the archive is measured first.
    data = files.xlsx_of_repeated_rows(rows, sheet="Points")
    assert len(data) < 500 * 1024, "a small file, well within the upload's size limit"
    url = (
        admin_url(Meeting, "whole_meeting_import", nineteenth().pk)
        if into == "a meeting"
        else admin_url(Meeting, "new_meeting_import")
    )
    started = time.perf_counter()
    page = editor.post(url, {"import_file": SimpleUploadedFile("meeting.xlsx", data)})
    assert time.perf_counter() - started < 2
    assert page.status_code == 200, "the form comes back with its error"
    assert refusal in page.text
    assert not SpreadsheetImport.objects.exists()


def test_a_draft_meeting_stays_a_draft_whatever_the_file_says(editor):
    """Editors cannot publish through the spreadsheet: a status column is not read."""
    meeting = factories.make_meeting(20, status=Status.DRAFT)

    def publish(sheets):
        sheets["Meeting"][0].append("status")
        sheets["Meeting"][1].append("Published")

    page = upload(editor, meeting, edited(meeting, "xlsx", publish))
    confirm(editor, page)
    meeting.refresh_from_db()
    assert meeting.status == Status.DRAFT
    assert editor.get(meeting.get_absolute_url()).status_code == 404


def upload_new(client, data, name="meeting.xlsx"):
    """Upload from the meetings list, let the worker run the dry run, see the upload's page."""
    response = client.post(
        admin_url(Meeting, "new_meeting_import"), {"import_file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302, response.content
    run_worker()
    return client.get(response.url)


def test_the_meetings_list_offers_to_import_a_whole_meeting(editor):
    page = editor.get(admin_url(Meeting, "changelist"))
    import_url = admin_url(Meeting, "new_meeting_import")
    assert f'<a href="{import_url}">Import a whole meeting</a>' in page.text
    form = editor.get(import_url)
    assert form.status_code == 200
    assert "creates the meeting its Meeting sheet describes" in form.text
    assert admin_url(Meeting, "whole_meeting_template", "xlsx") in form.text


def test_a_file_imported_from_the_meetings_list_creates_the_meeting_once_confirmed(editor):
    data = edited(nineteenth(), "xlsx", as_new_meeting)
    page = upload_new(editor, data)
    pending = page.context["pending"]
    assert pending.state == SpreadsheetImport.State.CHECKED, pending.problems
    assert "It will create meeting 30, “Fictitious RTC Heads Meeting 30”, as a draft." in page.text
    assert not Meeting.objects.filter(number=30).exists()
    done = confirm(editor, page)
    meeting = Meeting.objects.get(number=30)
    assert "It created meeting 30" in done.text
    change_url = admin_url(Meeting, "change", meeting.pk)
    assert f'<a href="{change_url}">Open the new meeting</a>' in done.text
    assert meeting.status == Status.DRAFT
    assert meeting.participations.count() == 14
    entry = LogEntry.objects.get(object_id=str(meeting.pk), content_type__model="meeting")
    assert (entry.action_flag, entry.change_message) == (
        ADDITION,
        "Created from the whole-meeting spreadsheet meeting.xlsx.",
    )


def test_the_dry_run_lists_the_drafts_the_import_will_create(editor):
    meeting = nineteenth()
    page = upload(editor, meeting, edited(meeting, "csv", with_new_body_and_source), "m.zip")
    assert page.context["pending"].state == SpreadsheetImport.State.CHECKED
    assert "Will create draft administration or body “Atlantis Customs”" in page.text
    assert not Body.objects.filter(name="Atlantis Customs").exists()
    done = confirm(editor, page)
    assert "Created draft administration or body “Atlantis Customs”" in done.text
    assert Body.objects.get(name="Atlantis Customs").status == Status.DRAFT


@pytest.mark.parametrize(
    "data",
    [b"not a spreadsheet", b"PK\x03\x04 a damaged archive", export.xlsx_bytes()],
    ids=["text", "damaged-zip", "blank-template"],
)
def test_a_bad_file_from_the_meetings_list_fails_in_plain_words_and_creates_nothing(editor, data):
    page = upload_new(editor, data)
    assert page.status_code == 200
    pending = page.context["pending"]
    assert pending.state == SpreadsheetImport.State.FAILED
    assert pending.problems and all("Traceback" not in p for p in pending.problems)
    assert Meeting.objects.count() == 1


def test_someone_who_may_not_add_meetings_is_not_offered_the_list_import(client, seeded):
    from django.contrib.auth.models import Permission

    viewer = factories.make_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(viewer)
    assert "Import a whole meeting" not in client.get(admin_url(Meeting, "changelist")).text
    assert client.get(admin_url(Meeting, "new_meeting_import")).status_code == 403


def test_a_whole_meeting_file_the_worker_stopped_on_runs_again_from_its_page(editor):
    factories.make_body("Mongolia")
    meeting = nineteenth()
    page = upload(editor, meeting, edited(meeting, "csv", fixed), name="meeting.zip")
    pending = page.context["pending"]
    # As core.tasks.stopped leaves a file: failed with the reason, the file kept.
    SpreadsheetImport.objects.filter(pk=pending.pk).update(
        state=SpreadsheetImport.State.FAILED,
        problems=["The worker stopped while importing the file (its worker process ended)."],
    )
    stopped = editor.get(page.wsgi_request.path)
    assert 'value="Run it again"' in stopped.text
    response = editor.post(page.wsgi_request.path, {"run_again": "Run it again"})
    run_worker()
    checked = editor.get(response.url)
    assert checked.context["pending"].state == SpreadsheetImport.State.CHECKED
    assert "Nothing is saved yet: 9 new, 0 changed," in checked.text
    assert not meeting.participations.filter(body__name="Mongolia").exists()
