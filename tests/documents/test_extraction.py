"""What text extraction reads of a file is bounded, and what it leaves out is said: pages
drawn from one shared content stream are parsed once, a PDF's drawing instructions are read
up to a budget, and pages, characters per page and characters in all have their limits."""

import pypdf
import pytest

from documents import extraction
from documents.extraction import extract
from documents.filetypes import DOCX, PDF, XLSX
from tests.support import files

KB = 1024


@pytest.fixture
def parsed_pages(monkeypatch):
    """How many times pypdf parses a page's drawing instructions for its text."""
    calls = []
    original = pypdf.PageObject.extract_text

    def counted(page, *args, **kwargs):
        calls.append(page)
        return original(page, *args, **kwargs)

    monkeypatch.setattr(pypdf.PageObject, "extract_text", counted)
    return calls


def test_twenty_pages_sharing_one_content_stream_are_parsed_once(parsed_pages):
    # The probe's file, at 1/25 of its 5 MB stream: the same shape, parsed in a second.
    content = files.pdf_of_heavy_pages(20, 200 * KB, shared=True)
    extracted = extract(PDF, content)
    assert len(parsed_pages) == 1
    assert len(extracted.parts) == 20
    assert extracted.parts[19] == extracted.parts[0]
    assert "Customs modernisation report" in extracted.parts[19][1]
    assert extracted.note == ""


def test_a_pdf_drawing_more_than_the_budget_is_read_up_to_it(settings, parsed_pages):
    settings.DOCUMENT_MAX_PDF_CONTENT_MB = 0.5
    content = files.pdf_of_heavy_pages(20, 200 * KB, shared=False)
    extracted = extract(PDF, content)
    assert len(parsed_pages) == 2
    assert len(extracted.parts) == 2
    assert extracted.note == (
        "Text was read from the first 2 pages only: with page 3, the file draws more than "
        "the 0.5 MB of instructions the portal reads of one PDF."
    )


def test_only_so_many_pages_are_read(settings):
    settings.DOCUMENT_MAX_PARTS = 2
    extracted = extract(PDF, files.pdf("One", "Two", "Three"))
    assert [text.strip() for _, text in extracted.parts] == ["One", "Two"]
    assert extracted.note == (
        "Text was read from the first 2 pages only, as many as the portal reads of one file."
    )


def test_a_part_longer_than_the_search_keeps_is_cut_with_a_note(monkeypatch):
    monkeypatch.setattr(extraction, "PART_MAX_CHARS", 1000)
    extracted = extract(DOCX, files.docx_file("word " * 500))
    [(_, text)] = extracted.parts
    assert len(text) == 1000
    assert extracted.note == (
        "It held more text than the search keeps of one part (1,000 characters); the rest "
        "was left out."
    )


def test_a_long_sheet_is_read_no_further_than_it_is_kept(monkeypatch):
    monkeypatch.setattr(extraction, "PART_MAX_CHARS", 100)
    content = files.xlsx_file(Budget=[[f"Row {n}", n] for n in range(1000)], Notes=[["Done"]])
    extracted = extract(XLSX, content)
    assert [(name, len(text)) for name, text in extracted.parts] == [("Budget", 100), ("Notes", 4)]
    assert extracted.note.startswith("1 sheet held more text than the search keeps of one sheet")


def test_the_text_stored_in_all_stops_at_its_limit(settings):
    settings.DOCUMENT_MAX_TEXT_CHARS = 10
    extracted = extract(PDF, files.pdf("Customs", "Modernisation", "Report"))
    assert sum(len(text) for _, text in extracted.parts) == 10
    assert len(extracted.parts) == 2
    assert extracted.note == (
        "The text stops in page 2: it reached the 10 characters the search keeps of one file."
    )
