"""Spreadsheets in and out through the admin: a dry run first, nothing written unless every row
is valid, errors in plain words, any text surviving intact."""

import csv
import io
from datetime import timedelta
from unittest import mock

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from core.admin import admin_url
from core.models import SpreadsheetImport
from initiatives.models import Initiative
from initiatives.resources import InitiativeResource
from meetings.models import DiscussionPoint, Meeting, Participation, Status
from tests.support import factories

HEADER = "title,rtc,meeting,summary,categories,partners\r\n"
CSV_INDEX, XLSX_INDEX = "0", "1"


@pytest.fixture
def editor(client, editor_user, seeded):
    client.force_login(editor_user)
    return client


def upload(client, model, content, name="rows.csv", file_format=CSV_INDEX, worker=True):
    """The first step: upload, let the task worker check the file, and see its page (the
    preview, or every problem); or the form again with its errors."""
    data = {
        "import_file": SimpleUploadedFile(name, content),
        "format": file_format,
        "resource": "0",
    }
    response = client.post(admin_url(model, "import"), data)
    if response.status_code != 302:
        return response
    if worker:
        run_worker()
    return client.get(response.url)


def post_confirmation(client, model, preview):
    data = {"import_file_name": preview.context["pending"].name}
    return client.post(admin_url(model, "process_import"), data)


def confirm(client, model, preview):
    """Confirm the dry run, let the task worker run the import, and see its page."""
    queued = post_confirmation(client, model, preview)
    run_worker()
    return client.get(queued.url, follow=True)


def problems(page):
    return page.context["pending"].problems


def run_worker():
    """What `manage.py db_worker` does beside the server: run every queued task, then stop.

    The worker closes "old" database connections as it wakes; inside a test's transaction
    that would close the test's own connection (on PostgreSQL), so, as Django's test client
    does around its requests, that one call is switched off here."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def import_rows(client, model, content, **kwargs):
    preview = upload(client, model, content, **kwargs)
    assert preview.status_code == 200
    assert preview.context["pending"].state == SpreadsheetImport.State.CHECKED, problems(preview)
    return preview, confirm(client, model, preview)


def test_a_valid_file_lands_every_row_as_a_draft(editor):
    content = (
        HEADER
        + 'Customs VR lab,Japan RTC,19,A lab.,"VR simulation; Mobile learning",'
        + "Local universities\r\n"
        + "Tariff e-course,Korea RTC,19th,An e-course.,Accredited online course,\r\n"
    ).encode()
    before = Initiative.objects.count()
    preview, done = import_rows(editor, Initiative, content)
    assert preview.text.count(">New<") == 2
    assert Initiative.objects.count() == before + 2
    lab = Initiative.objects.get(title="Customs VR lab")
    assert lab.rtc.name == "Japan RTC"
    assert lab.meeting.number == 19
    assert lab.status == Status.DRAFT
    assert sorted(lab.categories.values_list("name", flat=True)) == [
        "Mobile learning",
        "VR simulation",
    ]
    assert list(lab.partners.values_list("name", flat=True)) == ["Local universities"]
    assert "Import finished: 2 new, 0 changed, 0 unchanged." in done.text


def test_an_import_stores_text_without_control_characters(editor):
    content = (
        HEADER + "Customs \x02VR\x03 lab,Japan RTC,19,A\x00 lab.,VR simulation,\r\n"
    ).encode()
    import_rows(editor, Initiative, content)
    lab = Initiative.objects.get(title="Customs VR lab")
    assert lab.summary == "A lab."


def test_an_import_reads_the_formula_guard_of_an_export_back_as_the_text(editor):
    # What the portal's exports write for "=SUM(1)" and "-5 officers" (core.exports).
    content = (HEADER + "'=SUM(1),Japan RTC,19,'-5 officers,VR simulation,\r\n").encode()
    import_rows(editor, Initiative, content)
    assert Initiative.objects.get(title="=SUM(1)").summary == "-5 officers"


def test_the_dry_run_writes_nothing(editor):
    before = Initiative.objects.count()
    upload(editor, Initiative, (HEADER + "A,Japan RTC,19,S.,VR simulation,\r\n").encode())
    assert Initiative.objects.count() == before


def test_an_invalid_file_writes_nothing_and_names_every_bad_row(editor):
    content = (
        HEADER
        + "Good row,Japan RTC,19,Fine.,VR simulation,\r\n"
        + "Bad RTC,Jpan RTC,19,Typo.,VR simulation,\r\n"
        + "Bad meeting,Japan RTC,42,No such meeting.,VR simulation,\r\n"
        + "Bad category,Japan RTC,19,Typo.,VR simulaton,\r\n"
        + "No summary,Japan RTC,19,,VR simulation,\r\n"
    ).encode()
    before = Initiative.objects.count()
    page = upload(editor, Initiative, content)
    assert page.context["pending"].state == SpreadsheetImport.State.FAILED
    assert problems(page) == [
        'Row 3, column “rtc”: Unknown RTC "Jpan RTC" — did you mean "Japan RTC"?',
        "Row 4, column “meeting”: Unknown meeting number 42. Known: 19.",
        'Row 5, column “categories”: Unknown category "VR simulaton" — did you mean '
        '"VR simulation"?',
        "Row 6, column “summary”: This field cannot be blank.",
    ]
    assert "Unknown RTC &quot;Jpan RTC&quot; — did you mean &quot;Japan RTC&quot;?" in page.text
    assert "Nothing was imported: 4 problems to correct" in page.text
    assert "Confirm import" not in page.text
    assert Initiative.objects.count() == before


def test_posting_an_invalid_file_straight_to_the_confirm_step_writes_nothing(editor):
    good = upload(editor, Initiative, (HEADER + "Fine,Japan RTC,19,S.,VR simulation,\r\n").encode())
    # Swap the stored file for a bad one: the real import checks every row again.
    bad = HEADER + "Fine,Japan RTC,19,S.,VR simulation,\r\nOops,Jpan RTC,19,S.,VR simulation,\r\n"
    SpreadsheetImport.objects.filter(pk=good.context["pending"].pk).update(data=bad.encode())
    before = Initiative.objects.count()
    response = confirm(editor, Initiative, good)
    assert Initiative.objects.count() == before
    assert "Nothing was imported" in response.text
    assert "Row 3, column “rtc”: Unknown RTC &quot;Jpan RTC&quot;" in response.text


def test_a_second_import_of_the_same_file_shows_rows_unchanged_or_changed(editor):
    row = "Customs VR lab,Japan RTC,19,A lab.,VR simulation,\r\n"
    import_rows(editor, Initiative, (HEADER + row).encode())
    again = upload(
        editor,
        Initiative,
        (HEADER + row + "Customs VR lab,Korea RTC,19,Moved.,VR simulation,\r\n").encode(),
    )
    # Same title, other RTC: a new record. Same row again: unchanged.
    assert ">Unchanged<" in again.text
    assert ">New<" in again.text
    slug = Initiative.objects.get(title="Customs VR lab").slug
    changed_row = f"{slug},Customs VR lab,Japan RTC,19,New words.,VR simulation,\r\n"
    changed = upload(editor, Initiative, ("slug," + HEADER + changed_row).encode())
    assert ">Changed<" in changed.text


def test_a_row_without_a_slug_updates_the_initiative_with_that_rtc_meeting_and_title(editor):
    existing = Initiative.objects.get(title="AI-powered tutoring and Q&A systems")
    row = "AI-powered tutoring and Q&A systems,Japan RTC,19,New summary.,AI tutoring / Q&A,\r\n"
    preview, _ = import_rows(editor, Initiative, (HEADER + row).encode())
    assert ">Changed<" in preview.text
    existing.refresh_from_db()
    assert existing.summary == "New summary."
    assert existing.status == Status.PUBLISHED


def test_bom_windows_line_endings_and_asian_scripts_survive(editor):
    rows = [
        ("中国海关在线学习平台", "China RTC", "面向海关人员的在线学习平台。"),
        ("관세 교육 모바일 앱", "Korea RTC", "세관 직원을 위한 모바일 학습."),
        ("หลักสูตรออนไลน์ศุลกากร", "Malaysia RTC", "หลักสูตรสำหรับเจ้าหน้าที่ศุลกากร"),
    ]
    body = "".join(
        f"{title},{rtc},19,{summary},Mobile learning,\r\n" for title, rtc, summary in rows
    )
    content = "\ufeff".encode() + (HEADER + body).encode("utf-8")
    import_rows(editor, Initiative, content)
    for title, rtc, summary in rows:
        initiative = Initiative.objects.get(title=title)
        assert initiative.summary == summary
        assert initiative.rtc.name == rtc
        assert initiative.slug.startswith(rtc.lower().replace(" ", "-"))
    slugs = {Initiative.objects.get(title=title).slug for title, _, _ in rows}
    assert len(slugs) == 3


def test_an_xlsx_file_imports_too(editor):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["title", "rtc", "meeting", "summary", "categories", "partners"])
    sheet.append(["ศูนย์ฝึกอบรมเสมือนจริง", "Japan RTC", 19, "VR 训练", "VR simulation", None])
    buffer = io.BytesIO()
    book.save(buffer)
    import_rows(editor, Initiative, buffer.getvalue(), name="rows.xlsx", file_format=XLSX_INDEX)
    assert Initiative.objects.get(title="ศูนย์ฝึกอบรมเสมือนจริง").summary == "VR 训练"


def test_participations_import_with_roles_by_label(editor):
    meeting = Meeting.objects.get(number=19)
    Participation.objects.filter(meeting=meeting, body__name="Iran").delete()
    content = b"meeting,body,role,note\r\n19,Iran,Observer,Iran Customs delegation\r\n"
    import_rows(editor, Participation, content)
    participation = Participation.objects.get(meeting=meeting, body__name="Iran")
    assert participation.role == Participation.Role.OBSERVER
    assert participation.note == "Iran Customs delegation"


def test_a_participation_with_an_unknown_role_and_body_is_explained(editor):
    content = b"meeting,body,role,note\r\n19,Irn,Watcher,\r\n"
    page = upload(editor, Participation, content)
    assert problems(page) == [
        'Row 2, column “body”: Unknown administration or body "Irn" — did you mean "Iran"?'
    ]


def test_discussion_points_import(editor):
    content = (
        b"meeting,kind,text,detail,body,order\r\n"
        b"19,Challenge,Power cuts during live sessions,,,\r\n"
        b"19,commitment,Shared question bank,,WCO,3\r\n"
    )
    import_rows(editor, DiscussionPoint, content)
    assert DiscussionPoint.objects.get(text="Power cuts during live sessions").kind == "challenge"
    assert DiscussionPoint.objects.get(text="Shared question bank").body.name == "WCO"


@pytest.mark.parametrize("model", [Initiative, Participation, DiscussionPoint])
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_each_import_has_a_template_to_download(editor, model, extension):
    url = admin_url(model, "import_template", extension)
    response = editor.get(url)
    assert response.status_code == 200
    assert f"import-template.{extension}" in response["Content-Disposition"]
    assert url in editor.get(admin_url(model, "import")).text
    if extension == "csv":
        header = next(csv.reader(io.StringIO(response.content.decode())))
        assert "meeting" in header


def test_an_unknown_template_format_is_a_404(editor):
    assert editor.get(admin_url(Initiative, "import_template", "pdf")).status_code == 404


def test_the_initiative_list_exports_as_csv_with_names_not_ids(editor):
    response = editor.post(
        admin_url(Initiative, "export"),
        {
            "format": CSV_INDEX,
            "resource": "0",
            **{f"initiativeresource_{f}": "on" for f in InitiativeResource._meta.fields},
        },
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "AI-powered tutoring and Q&A systems,Japan RTC,19" in text


def test_every_admin_list_offers_export(editor):
    from django.apps import apps

    for model in apps.get_app_config("meetings").get_models():
        if model._meta.model_name.startswith("historical"):
            continue
        page = editor.get(admin_url(model, "changelist"))
        assert admin_url(model, "export") in page.text, model


def test_an_editor_cannot_hide_a_published_initiative_by_importing_it_to_a_draft_meeting(
    editor,
):
    initiative = Initiative.objects.published().filter(rtc__name="Japan RTC").first()
    factories.make_meeting(number=20, status=Status.DRAFT)
    categories = "; ".join(category.name for category in initiative.categories.all())
    row = f"{initiative.slug},{initiative.title},Japan RTC,20,Moved.,{categories},\r\n"
    page = upload(editor, Initiative, ("slug," + HEADER + row).encode())
    assert page.context["pending"].state == SpreadsheetImport.State.FAILED
    [problem] = problems(page)
    assert problem.startswith("Row 2, column “meeting”")
    assert "would take it off the public site: ask a reviewer" in problem
    initiative.refresh_from_db()
    assert initiative.meeting.number == 19


def xlsx(*rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_empty_optional_cells_of_an_xlsx_are_stored_as_empty_text(editor):
    initiatives = xlsx(
        ["title", "rtc", "meeting", "summary", "description", "categories", "partners"],
        ["Customs VR lab", "Japan RTC", 19, "A lab.", None, "VR simulation", None],
    )
    import_rows(editor, Initiative, initiatives, name="i.xlsx", file_format=XLSX_INDEX)
    assert Initiative.objects.get(title="Customs VR lab").description == ""
    Participation.objects.filter(body__name="Iran").delete()
    participations = xlsx(["meeting", "body", "role", "note"], [19, "Iran", "Observer", None])
    import_rows(editor, Participation, participations, name="p.xlsx", file_format=XLSX_INDEX)
    assert Participation.objects.get(body__name="Iran").note == ""
    points = xlsx(
        ["meeting", "kind", "text", "detail", "body", "order"],
        [19, "Challenge", "Power cuts", None, None, None],
    )
    import_rows(editor, DiscussionPoint, points, name="d.xlsx", file_format=XLSX_INDEX)
    assert DiscussionPoint.objects.get(text="Power cuts").detail == ""


def test_a_file_above_the_size_limit_is_refused_with_a_form_error(editor, settings):
    settings.IMPORT_MAX_BYTES = 1024
    content = (HEADER + "A,Japan RTC,19,S.,VR simulation,\r\n" * 40).encode()
    page = upload(editor, Initiative, content)
    assert page.status_code == 200
    assert page.context["form"].errors["import_file"] == [
        "This file is 1.4\xa0KB; the largest file the portal imports is 1.0\xa0KB. Split it into "
        "smaller files and import them one after the other."
    ]
    assert not SpreadsheetImport.objects.exists()


def test_a_nul_byte_and_control_characters_are_removed_and_named_in_the_preview(editor):
    content = (
        HEADER + "Customs\x00 VR lab,Japan\x00 RTC,19,A\x07 lab.,VR simulation,\r\n"
    ).encode()
    preview, done = import_rows(editor, Initiative, content)
    assert "Row 2, column “title”" in preview.text
    assert "Row 2, column “rtc”" in preview.text
    assert "Row 2, column “summary”" in preview.text
    assert Initiative.objects.get(title="Customs VR lab").summary == "A lab."
    assert "Import finished: 1 new" in done.text


def test_confirming_twice_imports_once_and_says_so(editor):
    preview = upload(
        editor, Initiative, (HEADER + "Once,Japan RTC,19,S.,VR simulation,\r\n").encode()
    )
    confirm(editor, Initiative, preview)
    again = confirm(editor, Initiative, preview)
    assert again.status_code == 200
    assert "This file was confirmed already; it is imported once." in again.text
    assert "Import finished: 1 new" in again.text
    assert Initiative.objects.filter(title="Once").count() == 1


def test_a_confirmation_after_the_file_expired_is_answered_with_a_message(editor):
    preview = upload(
        editor, Initiative, (HEADER + "Late,Japan RTC,19,S.,VR simulation,\r\n").encode()
    )
    SpreadsheetImport.objects.update(created_at=timezone.now() - timedelta(days=2))
    late = confirm(editor, Initiative, preview)
    assert late.status_code == 200
    assert "waited too long for confirmation" in late.text
    assert late.request["PATH_INFO"] == admin_url(Initiative, "import")
    assert not Initiative.objects.filter(title="Late").exists()


def test_a_confirmation_naming_no_pending_file_is_answered_with_a_message(editor):
    data = {
        "import_file_name": "nothing-by-this-name",
        "original_file_name": "rows.csv",
        "format": CSV_INDEX,
        "resource": "0",
    }
    response = editor.post(admin_url(Initiative, "process_import"), data, follow=True)
    assert response.status_code == 200
    assert "waited too long for confirmation" in response.text


def test_the_import_page_says_checking_then_queued_until_the_worker_runs_it(editor):
    checking = upload(
        editor,
        Initiative,
        (HEADER + "Queued,Japan RTC,19,S.,VR simulation,\r\n").encode(),
        worker=False,
    )
    assert "<strong>Checking the file</strong>" in checking.text
    assert '<meta http-equiv="refresh" content="2">' in checking.text
    run_worker()
    preview = editor.get(checking.request["PATH_INFO"])
    assert "Confirm import" in preview.text
    assert '<meta http-equiv="refresh"' not in preview.text
    queued = post_confirmation(editor, Initiative, preview)
    page = editor.get(queued.url)
    assert "<strong>Queued</strong>" in page.text
    assert '<meta http-equiv="refresh" content="2">' in page.text
    assert not Initiative.objects.filter(title="Queued").exists()
    run_worker()
    assert "Import finished: 1 new" in editor.get(queued.url).text


def test_another_editors_import_page_is_not_shown(editor, client, reviewer_user):
    preview = upload(
        editor, Initiative, (HEADER + "Mine,Japan RTC,19,S.,VR simulation,\r\n").encode()
    )
    queued = post_confirmation(editor, Initiative, preview)
    client.force_login(reviewer_user)
    assert client.get(queued.url).status_code == 403
