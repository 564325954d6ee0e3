"""A document is public when it is published and what it is attached to is public."""

import pytest

from documents.models import Document, DocumentPage, attachable_models
from initiatives.models import RTC, Initiative
from meetings.models import Intervention, Meeting, Programme, Status
from tests.support import factories, files


def test_documents_attach_to_meetings_interventions_programmes_initiatives_and_rtcs():
    assert set(attachable_models()) == {Meeting, Intervention, Programme, Initiative, RTC}


@pytest.mark.parametrize(
    "make_target",
    [
        lambda: factories.make_meeting(status=Status.DRAFT),
        lambda: factories.make_initiative(status=Status.DRAFT),
        lambda: factories.make_rtc(status=Status.DRAFT),
        lambda: Intervention.objects.create(
            meeting=factories.make_meeting(status=Status.DRAFT),
            body=factories.make_body(),
            topic="Opening remarks",
        ),
        lambda: Programme.objects.create(name="BACUDA", slug="bacuda", kind="project"),
    ],
    ids=["meeting", "initiative", "rtc", "intervention", "programme"],
)
def test_a_published_document_of_a_hidden_record_is_hidden(db, make_target):
    document = factories.make_document(attached_to=make_target())
    assert document not in Document.objects.published()


def test_a_published_document_of_a_published_record_is_public(db):
    document = factories.make_document(attached_to=factories.make_initiative())
    assert list(Document.objects.published()) == [document]


def test_a_draft_document_is_hidden(db):
    factories.make_document(status=Status.DRAFT)
    assert not Document.objects.published().exists()


def test_pages_are_public_with_their_document(db):
    public = factories.make_document()
    hidden = factories.make_document(status=Status.DRAFT)
    for document in (public, hidden):
        DocumentPage.objects.create(document=document, number=1, text="Text")
    assert [page.document for page in DocumentPage.objects.published()] == [public]


def test_a_link_says_type_size_and_pages(db):
    document = factories.make_document(content=files.pdf("One", "Two"))
    document.page_count = 18
    assert document.file_summary == f"PDF, {document.size}\xa0bytes, 18 pages"
    document.size = 2_400_000
    assert document.file_summary == "PDF, 2.3\xa0MB, 18 pages"


def test_a_presentation_counts_slides_and_a_word_file_nothing(db):
    slides = factories.make_document(content=files.pptx_file(("A", "B")), name="a.pptx")
    slides.page_count = 1
    assert slides.file_summary.endswith(", 1 slide")
    word = factories.make_document(content=files.docx_file("Text"), name="a.docx")
    word.page_count = 1
    assert word.file_summary.count(",") == 1
