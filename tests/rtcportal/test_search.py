"""The site-wide search, /search/?q=, on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from documents.tasks import extract_text
from meetings.models import Meeting
from tests.support import factories, files

SEARCH = reverse("search")


def test_site_search_finds_initiatives_interventions_and_discussion_points(client, seeded):
    response = client.get(SEARCH, {"q": "training"})
    assert response.status_code == 200
    assert "Online learning platform with personalised training recommendations" in response.text
    assert "VR training developments" in response.text  # Dr. Kang Taeil's intervention
    assert "Joint development of training materials" in response.text  # a priority
    assert "19th RTC Heads Meeting" in response.text  # the meeting's report mentions training


def test_site_search_marks_the_matching_words(client, seeded):
    response = client.get(SEARCH, {"q": "VR"})
    assert "Implemented <mark>VR</mark> technology" in response.text


def test_site_search_links_to_the_filtered_list(client, seeded):
    response = client.get(SEARCH, {"q": "online"})
    assert 'href="/initiatives/?q=online"' in response.text


def test_site_search_without_a_query_shows_just_the_form(client, seeded):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert response.context["sections"] == []
    assert 'name="q"' in response.text


def test_site_search_makes_a_fixed_number_of_queries(client, seeded, django_assert_max_num_queries):
    # One RTC and meeting for all: the equal-ranked courses then come out in title order,
    # whatever names and dates the factories' sequence would give their RTCs and meetings.
    rtc, meeting = factories.make_rtc(), factories.make_meeting()
    for number in range(30):
        factories.make_initiative(title=f"Training course {number}", rtc=rtc, meeting=meeting)
    # Two more sections (documents and the text inside them), a list and a count each.
    with django_assert_max_num_queries(18):
        response = client.get(SEARCH, {"q": "training"})
    assert "Training course 0" in response.text


@pytest.mark.parametrize("address", [SEARCH, reverse("initiatives:list")])
def test_control_characters_in_a_stored_text_never_become_marks(client, db, address):
    # The search engine once marked matches with \x02 and \x03 itself.
    factories.make_initiative(title="VR lab", summary="\x02Trap\x03 in a VR summary.")
    response = client.get(address, {"q": "VR"})
    assert "<mark>Trap" not in response.text
    assert "\x02" not in response.text


def extracted_document(content, name, **fields):
    meeting = Meeting.objects.get(slug="19th-rtc-heads-meeting")
    document = factories.make_document(attached_to=meeting, content=content, name=name, **fields)
    extract_text.call(document.pk)
    return document


def test_site_search_finds_a_word_only_the_slides_contain_naming_document_and_slide(client, seeded):
    slides = files.pptx_file(("Opening", "Welcome"), ("Simulators", "Holographic inspections"))
    document = extracted_document(slides, "japan.pptx", title="Japan RTC presentation")
    response = client.get(SEARCH, {"q": "holographic"})
    hits = response.context["sections"][-1].hits
    assert [hit.title for hit in hits] == ["Japan RTC presentation"]
    assert hits[0].url == document.get_absolute_url()
    assert hits[0].context.startswith("Slide 2 · PowerPoint")
    assert "<mark>Holographic</mark>" in response.text


def test_a_pdf_hit_opens_at_its_page(client, seeded):
    document = extracted_document(files.pdf("Nothing", "Quarantine procedures"), "r.pdf")
    response = client.get(SEARCH, {"q": "quarantine"})
    hit = response.context["sections"][-1].hits[0]
    assert hit.url == f"{document.get_absolute_url()}#page=2"
    assert hit.context.startswith("Page 2 · PDF")


def test_site_search_finds_a_document_by_its_title(client, seeded):
    extracted_document(files.pdf("Text"), "r.pdf", title="Summary record of the 19th meeting")
    response = client.get(SEARCH, {"q": "summary record"})
    documents = next(
        section for section in response.context["sections"] if section.slug == "documents"
    )
    assert [hit.title for hit in documents.hits] == ["Summary record of the 19th meeting"]
