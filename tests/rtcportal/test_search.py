"""The site-wide search, /search/?q=, on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from core.fulltext.suggest import suggest
from documents.tasks import extract_text
from initiatives.models import RTC
from meetings.models import Meeting
from tests.support import factories, files, provenance

pytestmark = pytest.mark.engine

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
    # VR and its synonym "virtual reality" are both marked.
    assert "<mark>Virtual-reality</mark> (<mark>VR</mark>) scenes" in response.text


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
    # The synonyms once; per kind of record its page of rows (and for a full page its count
    # and prefetches), and the passages of the rows shown, which also tell whether the query
    # names each row (the best match): never per row. Documents and the text inside them are
    # two more kinds, sources and people two more, topics one more; the footer's date of the
    # record's last change one more.
    with django_assert_max_num_queries(27):
        response = client.get(SEARCH, {"q": "training"})
    assert "Training course 0" in response.text


@pytest.mark.parametrize("address", [SEARCH, reverse("initiatives:list")])
def test_control_characters_in_a_stored_text_never_become_marks(client, db, address):
    # The search engine once marked matches with \x02 and \x03 itself.
    factories.make_initiative(title="VR lab", summary="\x02Trap\x03 in a VR summary.")
    response = client.get(address, {"q": "VR"})
    assert "<mark>Trap" not in response.text
    assert "\x02" not in response.text


def section_titles(response, slug):
    sections = {section.slug: section for section in response.context["sections"]}
    return [hit.title for hit in sections[slug].hits]


def test_virtual_reality_finds_what_is_written_vr(client, seeded):
    response = client.get(SEARCH, {"q": "virtual reality"})
    assert section_titles(response, "initiatives") == [
        "VR simulation of customs enforcement scenarios"
    ]
    assert section_titles(response, "interventions") == ["VR training developments"]


def test_a_country_finds_its_rtc_and_its_administration(client, seeded):
    response = client.get(SEARCH, {"q": "Japan"})
    assert section_titles(response, "rtcs") == ["Japan RTC"]
    assert section_titles(response, "administrations") == ["Japan"]
    assert 'href="/rtcs/japan-rtc/"' in response.text or "Japan RTC" in response.text


def test_an_observer_administration_is_found_by_name_and_full_name(client, seeded):
    assert section_titles(client.get(SEARCH, {"q": "Iran"}), "administrations") == ["Iran"]
    assert section_titles(client.get(SEARCH, {"q": "Thailand Customs"}), "administrations") == [
        "Thailand"
    ]


def test_e_learning_finds_online_and_distance_learning_too(client, seeded):
    response = client.get(SEARCH, {"q": "e-learning"})
    assert section_titles(response, "programmes") == ["CLiKC!"]
    assert "New e-learning courses on CLiKC!" in section_titles(response, "interventions")
    assert "Online learning platform with personalised training recommendations" in (
        section_titles(response, "initiatives")
    )
    assert section_titles(response, "meetings") == ["19th RTC Heads Meeting"]  # distance learning


def test_rocb_finds_the_regional_office_and_what_it_committed_to(client, seeded):
    response = client.get(SEARCH, {"q": "ROCB"})
    assert section_titles(response, "administrations") == ["ROCB A/P"]
    assert "Enhanced cooperation among RTCs, WCO and ROCB A/P" in section_titles(
        response, "discussion-points"
    )
    assert section_titles(response, "meetings") == ["19th RTC Heads Meeting"]


def test_the_full_name_of_an_office_finds_its_abbreviation(client, seeded):
    response = client.get(SEARCH, {"q": "Regional Intelligence Liaison Office"})
    assert section_titles(response, "administrations") == ["RILO AP"]


def test_results_are_grouped_by_kind_with_counts(client, seeded):
    response = client.get(SEARCH, {"q": "Korea"})
    assert '<a href="#results-rtcs">RTCs (1)</a>' in response.text
    assert '<a href="#results-administrations">Administrations and bodies (1)</a>' in response.text
    assert "#results-meetings" not in response.text  # no meeting mentions Korea


def test_a_synonym_added_in_the_admin_widens_the_next_search(admin_client, client, seeded):
    assert section_titles(client.get(SEARCH, {"q": "CBT"}), "initiatives") == []
    response = admin_client.post(
        reverse("admin:core_synonym_add"),
        {"term": "CBT", "equivalents": "mobile learning\n\ncomputer-based training"},
    )
    assert response.status_code == 302
    assert section_titles(client.get(SEARCH, {"q": "CBT"}), "initiatives") == [
        "Mobile learning applications"
    ]


def test_a_typing_error_gets_a_did_you_mean_from_the_words_the_portal_holds(client, seeded):
    response = client.get(SEARCH, {"q": "simulaton"})
    assert response.context["total"] == 0
    assert response.context["suggestion"] == "simulation"
    assert 'Did you mean <a href="/search/?q=simulation">simulation</a>?' in response.text


def test_did_you_mean_keeps_the_known_words_and_the_operators(client, seeded):
    response = client.get(SEARCH, {"q": '"virtaul reality" -Scholarshp'})
    assert response.context["suggestion"] == '"virtual reality" -scholarship'


def test_did_you_mean_never_offers_a_word_only_a_draft_holds(client, seeded):
    factories.make_rtc(name="Hovercraft RTC", status="draft")
    response = client.get(SEARCH, {"q": "hovercraf"})
    assert response.context["suggestion"] == ""
    assert "Did you mean" not in response.text


def test_an_empty_result_offers_the_browse_pages(client, seeded):
    response = client.get(SEARCH, {"q": "zzzzqqq"})
    assert "Nothing matches" in response.text
    assert 'href="/rtcs/"' in response.text
    assert 'href="/meetings/"' in response.text


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


def test_site_search_finds_a_topic_by_its_name_and_summary(client, seeded):
    factories.make_topic("Pandemic drafts", slug="pandemic-drafts", status="draft")
    response = client.get(SEARCH, {"q": "pandemic"})
    assert section_titles(response, "topics") == ["Distance training under COVID-19"]
    assert 'href="/topics/distance-training-covid-19/"' in response.text
    # Found by its summary's words too, the match marked.
    response = client.get(SEARCH, {"q": "classrooms"})
    assert section_titles(response, "topics") == ["Distance training under COVID-19"]
    assert "<mark>classrooms</mark>" in response.text
    assert "Pandemic drafts" not in response.text


def test_a_search_result_only_an_aggregator_reports_is_marked_as_on_its_page(client, db):
    provenance.two_initiatives()
    response = client.get(SEARCH, {"q": "tells"})
    page = response.text
    # Marked in the list of initiatives and again as the best match, which it is here.
    assert response.context["answer"].hit.title == "Only an aggregator tells it"
    assert provenance.marks(page) == 2
    assert page.count('Only an aggregator tells it</a> <span class="unconfirmed">') == 2
    assert 'The official account tells it</a> <span class="unconfirmed">' not in page


def test_did_you_mean_writes_a_name_as_the_record_does(client, public_record):
    response = client.get(SEARCH, {"q": "Kuramotto"})
    assert response.context["suggestion"] == "Kuramoto"


def test_did_you_mean_never_turns_a_country_into_another_word(client, public_record):
    # The record holds no Viet Nam; "Vice" (of Vice-Chair) is no country.
    response = client.get(SEARCH, {"q": "Viet Nam"})
    assert response.context["total"] == 0
    assert "Vice" not in response.context["suggestion"]


def test_did_you_mean_leaves_a_word_held_with_accents_as_typed(client, db):
    factories.make_rtc(name="Việt Nam RTC")
    factories.make_rtc(name="Customs Training RTC")
    names = [(RTC.objects.all(), ("name",))]
    # "Viet" is "Việt" (never "vice"); the misspelt word comes back as the record writes it.
    assert suggest("Viet Nam trainning", names) == "Viet Nam Training"
