"""Full-text search: /initiatives/?q= and the site-wide /search/?q=, on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.urls import reverse

from core.fulltext import (
    MAX_QUERY_LENGTH,
    clean_query,
    headlines,
    light_stem,
    search_snippet,
)
from initiatives.models import Initiative
from tests import factories

LIST = reverse("initiatives:list")
SEARCH = reverse("search")

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search only: Snowball stemming, phrases, ts_headline, triggers",
)


def titles(response):
    return [initiative.title for initiative in response.context["object_list"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("VR", {"VR simulation of customs enforcement scenarios"}),
        ("vr", {"VR simulation of customs enforcement scenarios"}),
        ("trainings", {"Online learning platform with personalised training recommendations"}),
        ("universities", {"Blended Master's programmes in customs administration"}),
        ("mobile", {"Mobile learning applications"}),
        ("tutoring", {"AI-powered tutoring and Q&A systems"}),
        ("blockchain", set()),
        ("the", set()),
    ],
)
def test_a_single_word_finds_the_same_initiatives_on_every_database(
    client, seeded, query, expected
):
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_every_word_of_a_query_must_match(client, seeded):
    assert titles(client.get(LIST, {"q": "mobile applications"})) == [
        "Mobile learning applications"
    ]
    assert titles(client.get(LIST, {"q": "mobile enforcement"})) == []


def test_search_combines_with_the_other_filters(client, seeded):
    response = client.get(LIST, {"q": "online", "rtc": "korea-rtc"})
    assert titles(response) == ["Accredited online courses with international organisations"]


def test_search_never_shows_drafts(client, seeded):
    factories.make_initiative(title="Draft VR pilot", status="draft")
    response = client.get(LIST, {"q": "VR"})
    assert "Draft VR pilot" not in response.text
    assert "VR simulation of customs enforcement scenarios" in response.text


@pytest.mark.parametrize(
    "query",
    [
        '"unterminated',
        "' OR 1=1 --",
        "%_%",
        "a & b | !c <-> (d",
        "!!! ??? ...",
        "-",
        "x" * 2000,
        "VR " * 700,
        "\\",
        "Robert'); DROP TABLE initiatives_initiative;--",
    ],
)
def test_hostile_or_odd_queries_get_a_normal_page(client, seeded, query):
    for url in (LIST, SEARCH):
        response = client.get(url, {"q": query})
        assert response.status_code == 200, url
    assert Initiative.objects.count() == 8


def test_a_nul_character_is_a_400_with_a_message_not_a_crash(client, seeded):
    response = client.get(SEARCH, {"q": "VR\x00"})
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.text


def test_queries_are_cut_to_a_bounded_length_and_lose_nul_characters():
    assert clean_query("x" * 2000) == "x" * MAX_QUERY_LENGTH
    assert clean_query(" VR\x00AI ") == "VR AI"


def test_the_light_stemmer_strips_plural_and_ing_endings():
    assert light_stem("trainings") == "train"
    assert light_stem("training") == "train"
    assert light_stem("courses") == "course"
    assert light_stem("class") == "class"
    assert light_stem("vr") == "vr"


def test_snippets_escape_stored_text_and_mark_only_the_match():
    html = search_snippet("<b>VR</b> training & more", "VR")
    assert html == "&lt;b&gt;<mark>VR</mark>&lt;/b&gt; training &amp; more"


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
    with django_assert_max_num_queries(14):
        response = client.get(SEARCH, {"q": "training"})
    assert "Training course 0" in response.text


def test_a_title_match_ranks_above_a_description_match(client, db):
    in_description = factories.make_initiative(
        title="Regional workshop", summary="A workshop.", description="Covers drones at length."
    )
    in_summary = factories.make_initiative(title="Border course", summary="Drones for patrol.")
    in_title = factories.make_initiative(title="Drones", summary="A course.")
    response = client.get(LIST, {"q": "drones"})
    assert titles(response) == [in_title.title, in_summary.title, in_description.title]


@postgres_only
def test_stemming_finds_other_forms_of_a_word(client, db):
    factories.make_initiative(title="Trained inspectors", summary="Inspection practice.")
    assert titles(client.get(LIST, {"q": "trainings"})) == ["Trained inspectors"]
    assert titles(client.get(LIST, {"q": "inspecting"})) == ["Trained inspectors"]


@postgres_only
def test_quotes_make_a_phrase_and_a_minus_excludes(client, seeded):
    assert titles(client.get(LIST, {"q": '"learning platform"'})) == [
        "Online learning platform with personalised training recommendations"
    ]
    assert "Mobile learning applications" not in titles(client.get(LIST, {"q": "learning -mobile"}))
    assert "Online learning platform with personalised training recommendations" in titles(
        client.get(LIST, {"q": "learning -mobile"})
    )


@postgres_only
def test_postgres_highlights_the_match_in_the_headline(db):
    factories.make_initiative(
        title="Scanner course", summary="Officers practise x-ray image interpretation daily."
    )
    hit = Initiative.objects.published().search("interpreting").get()
    passage = headlines([hit], "interpreting", ("summary", "description"))[hit.pk]
    assert "\x02interpretation\x03" in passage
    assert "<mark>interpretation</mark>" in search_snippet(passage, "interpreting")


@postgres_only
def test_the_stored_search_vector_follows_every_edit(db):
    initiative = factories.make_initiative(title="Drones", summary="Aerial patrol.")
    initiative.title = "Sniffer dogs"
    initiative.save()
    Initiative.objects.filter(pk=initiative.pk).update(summary="Canine units.")
    assert not Initiative.objects.search("drones").exists()
    assert list(Initiative.objects.search("dog")) == [initiative]
    assert list(Initiative.objects.search("canine")) == [initiative]


def test_the_fallback_snippet_shows_where_it_cut_the_text():
    text = "one two three four five six seven eight VR nine ten eleven twelve"
    assert (
        search_snippet(text, "vr", max_words=6) == "… four five six seven eight <mark>VR</mark> …"
    )


def test_a_trainer_is_not_a_training(client, db):
    factories.make_initiative(title="Trainer of trainers")
    factories.make_initiative(title="Training week")
    assert titles(client.get(LIST, {"q": "trainings"})) == ["Training week"]
