"""Uploading through the admin, the only way a file gets in: every refusal is a form error
that says why, and leaves nothing in storage or in the database."""

import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.admin import admin_url
from documents.models import Document, DocumentPage
from meetings.models import Meeting
from tests.support import factories, files
from tests.support.admin import logged_in


def stored_files(settings):
    return [
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(settings.MEDIA_ROOT)
        for name in names
    ]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def upload(client, secretariat_user, media):
    """POST a file to the admin's "add document" form, attached to a meeting."""
    meeting = factories.make_meeting()
    logged_in(client, secretariat_user)

    def post(name, content, **fields):
        data = {
            "title": "Japan RTC presentation",
            "kind": Document.Kind.PRESENTATION,
            "language": "en",
            "description": "",
            "status": "draft",
            "target_type": ContentType.objects.get_for_model(Meeting).pk,
            "target_id": meeting.pk,
            "upload": SimpleUploadedFile(name, content),
            **fields,
        }
        return client.post(admin_url(Document, "add"), data)

    return post


def assert_refused(response, settings, reason):
    assert response.status_code == 200, "the form comes back with its error"
    errors = response.context["adminform"].form.errors.get("upload", [])
    assert any(reason in error for error in errors), errors
    assert Document.objects.count() == 0
    assert stored_files(settings) == []


def test_a_pdf_is_stored_under_its_checksum_not_its_name(upload, media):
    response = upload("Our Slides (final).pdf", files.pdf("Blended learning"))
    assert response.status_code == 302, response.context and response.context["errors"]
    document = Document.objects.get()
    assert document.file.name == f"documents/{document.sha256[:2]}/{document.sha256}.pdf"
    assert document.original_name == "Our Slides (final).pdf"
    assert document.mime_type == "application/pdf"
    assert stored_files(media) == [os.path.join(media.MEDIA_ROOT, document.file.name)]


def test_an_executable_renamed_pdf_is_refused(upload, media):
    response = upload("agenda.pdf", files.windows_executable())
    assert_refused(response, media, "is a program (an executable, .exe), whatever its name says")


def test_an_svg_with_a_script_is_refused(upload, media):
    response = upload("logo.svg", files.svg_with_script())
    assert_refused(response, media, "SVG, HTML or XML text, which a browser could run scripts")


def test_a_small_docx_that_unpacks_to_a_gigabyte_is_refused_unopened(upload, media):
    bomb = files.docx_bomb()
    assert len(bomb) < 10 * 1024
    response = upload("report.docx", bomb)
    assert_refused(response, media, "would unpack to 1.0\xa0GB")


def test_an_oversize_file_is_refused_with_the_limit(upload, media):
    media.DOCUMENT_MAX_UPLOAD_MB = 0.001  # about 1 KB
    response = upload("report.pdf", files.pdf("x" * 2000))
    assert_refused(response, media, "files may be at most 1.0\xa0KB")


def test_an_empty_file_is_refused(upload, media):
    # Django's own FileField refuses an empty upload first, with its own words.
    response = upload("empty.pdf", b"")
    assert_refused(response, media, "empty")


def test_a_macro_enabled_office_file_is_refused(upload, media):
    response = upload("report.docx", files.macro_docx())
    assert_refused(response, media, "contains macros")


def test_a_pdf_that_fails_to_parse_is_stored_with_its_extraction_marked_failed(
    upload, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload("minutes.pdf", files.broken_pdf())
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.extraction == Document.Extraction.FAILED
    assert "could not be read" in document.extraction_error
    assert DocumentPage.objects.count() == 0
    assert len(stored_files(media)) == 1


def test_the_same_file_uploaded_twice_is_stored_once(upload, media):
    content = files.pdf("One report")
    upload("report.pdf", content)
    upload("copy of report.pdf", content, title="The same report again")
    assert Document.objects.count() == 2
    assert len(stored_files(media)) == 1


def test_a_meeting_admin_uploads_documents_in_its_inline(client, secretariat_user, media):
    meeting = factories.make_meeting()
    logged_in(client, secretariat_user)
    response = client.get(admin_url(Meeting, "change", meeting.pk))
    assert response.status_code == 200
    assert "documents-document-target_type-target_id-TOTAL_FORMS" in response.text


def test_the_document_list_shows_type_size_status_extraction_and_attachment(
    client, secretariat_user, media
):
    factories.make_document(title="Slides", attached_to=factories.make_initiative())
    logged_in(client, secretariat_user)
    response = client.get(admin_url(Document, "changelist"))
    assert "PDF" in response.text
    assert "Initiative: " in response.text
    assert "Waiting for the background worker" in response.text


@pytest.mark.engine
def test_the_document_list_costs_the_same_queries_for_3_and_30_documents(
    client, secretariat_user, media
):
    logged_in(client, secretariat_user)

    def add(count):
        for number in range(count):
            target = factories.make_meeting() if number % 2 else factories.make_rtc()
            factories.make_document(attached_to=target)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(admin_url(Document, "changelist")).status_code == 200
        return len(captured)

    add(3)
    few = queries()
    add(27)
    assert queries() == few


def upload_many(client, meeting, *named_contents):
    url = admin_url(Meeting, "upload_documents", meeting.pk)
    uploads = [SimpleUploadedFile(name, content) for name, content in named_contents]
    return client.post(url, {"files": uploads, "kind": "presentation", "language": "en"})


def test_several_files_are_uploaded_to_a_meeting_at_once_as_drafts(
    client, secretariat_user, media, django_capture_on_commit_callbacks
):
    meeting = factories.make_meeting()
    logged_in(client, secretariat_user)
    change_page = client.get(admin_url(Meeting, "change", meeting.pk))
    assert admin_url(Meeting, "upload_documents", meeting.pk) in change_page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_many(
            client,
            meeting,
            ("Japan_RTC_slides.pptx", files.pptx_file(("VR", "Headsets"))),
            ("Summary record.pdf", files.pdf("Record")),
        )
    assert response.status_code == 302
    documents = Document.objects.order_by("title")
    assert [d.title for d in documents] == ["Japan RTC slides", "Summary record"]
    assert all(d.attached_to == meeting and d.status == "draft" for d in documents)
    assert all(d.extraction == Document.Extraction.DONE for d in documents)


def test_one_refused_file_uploads_none_and_says_which_and_why(client, secretariat_user, media):
    meeting = factories.make_meeting()
    logged_in(client, secretariat_user)
    response = upload_many(
        client,
        meeting,
        ("good.pdf", files.pdf("Fine")),
        ("tool.pdf", files.windows_executable()),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["files"]
    assert any(error.startswith("tool.pdf: This file is a program") for error in errors)
    assert Document.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.parametrize("who", ["editor_user", "reviewer_user", "admin_user"])
def test_a_documents_own_change_page_opens_for_every_staff_role(client, who, request, media, db):
    document = factories.make_document(attached_to=factories.make_meeting())
    client.force_login(request.getfixturevalue(who))
    response = client.get(admin_url(Document, "change", document.pk))
    assert response.status_code == 200
    assert document.title in response.text
