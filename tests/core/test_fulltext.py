"""The full-text engine: query cleaning, the fallback's stemmer and snippets, PostgreSQL's
headlines and stored vectors."""

import pytest
from django.db import connection

from core.fulltext import (
    MARK_END,
    MARK_START,
    MAX_QUERY_LENGTH,
    clean_query,
    headlines,
    light_stem,
    search_snippet,
)
from initiatives.models import Initiative
from tests.support import factories

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search only: Snowball stemming, phrases, ts_headline, triggers",
)


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


def test_the_characters_that_once_marked_matches_mark_nothing():
    html = search_snippet("\x02Trap\x03 VR", "VR")
    assert "<mark>Trap" not in html
    assert "<mark>VR</mark>" in html


@postgres_only
def test_postgres_highlights_the_match_in_the_headline(db):
    factories.make_initiative(
        title="Scanner course", summary="Officers practise x-ray image interpretation daily."
    )
    hit = Initiative.objects.published().search("interpreting").get()
    passage = headlines([hit], "interpreting", ("summary", "description"))[hit.pk]
    assert f"{MARK_START}interpretation{MARK_END}" in passage
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
