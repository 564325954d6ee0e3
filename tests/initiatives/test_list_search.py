"""Searching the initiatives list, /initiatives/?q=, on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from tests.support import factories

pytestmark = pytest.mark.engine

LIST = reverse("initiatives:list")


SEARCH = reverse("search")


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


def test_a_title_match_ranks_above_a_description_match(client, db):
    in_description = factories.make_initiative(
        title="Regional workshop", summary="A workshop.", description="Covers drones at length."
    )
    in_summary = factories.make_initiative(title="Border course", summary="Drones for patrol.")
    in_title = factories.make_initiative(title="Drones", summary="A course.")
    response = client.get(LIST, {"q": "drones"})
    assert titles(response) == [in_title.title, in_summary.title, in_description.title]


def test_stemming_finds_other_forms_of_a_word(client, db):
    factories.make_initiative(title="Trained inspectors", summary="Inspection practice.")
    assert titles(client.get(LIST, {"q": "trainings"})) == ["Trained inspectors"]
    assert titles(client.get(LIST, {"q": "inspecting"})) == ["Trained inspectors"]


def test_quotes_make_a_phrase_and_a_minus_excludes(client, seeded):
    assert titles(client.get(LIST, {"q": '"learning platform"'})) == [
        "Online learning platform with personalised training recommendations"
    ]
    assert "Mobile learning applications" not in titles(client.get(LIST, {"q": "learning -mobile"}))
    assert "Online learning platform with personalised training recommendations" in titles(
        client.get(LIST, {"q": "learning -mobile"})
    )


def test_a_trainer_is_not_a_training(client, db):
    factories.make_initiative(title="Trainer of trainers")
    factories.make_initiative(title="Training week")
    assert titles(client.get(LIST, {"q": "trainings"})) == ["Training week"]
