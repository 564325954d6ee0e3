"""The full-text engine: query cleaning and parsing, headlines and snippets, and the indexes
that each database keeps current (PostgreSQL's stored vectors, SQLite's FTS5 tables)."""

import pytest
from django.apps import apps
from django.db import connection

from core.fulltext.index import fts_table, repair_sqlite_indexes
from core.fulltext.query import MAX_QUERY_LENGTH, Term, clean_query, parse, to_fts5
from core.fulltext.search import MARK_END, MARK_START, headlines, search_snippet
from core.fulltext.suggest import suggest
from initiatives.models import Initiative
from tests.support import factories

pytestmark = pytest.mark.engine

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored search vector is PostgreSQL's"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the FTS5 tables are SQLite's"
)


def words(terms):
    return [term.words for term in terms]


def test_queries_are_cut_to_a_bounded_length_and_lose_nul_characters():
    assert clean_query("x" * 2000) == "x" * MAX_QUERY_LENGTH
    assert clean_query(" VR\x00AI ") == "VR AI"


def test_every_plain_word_is_a_group_of_its_own():
    parsed = parse("VR training")
    assert [words(group) for group in parsed.groups] == [[("vr",)], [("training",)]]


def test_or_joins_the_words_either_side_into_one_group():
    parsed = parse("simulation VR or AI")
    assert [words(group) for group in parsed.groups] == [[("simulation",)], [("vr",), ("ai",)]]


def test_quotes_and_inner_punctuation_make_phrases_or_one_word():
    parsed = parse('"learning platform" e-learning A/P Tae-il 2021-2024')
    assert [words(group) for group in parsed.groups] == [
        [("learning", "platform")],
        [("e", "learning"), ("elearning",)],
        [("a", "p"), ("ap",)],
        [("tae", "il"), ("taeil",)],
        [("2021", "2024")],  # two years, never one number
    ]


def test_a_leading_minus_excludes_a_word_or_a_phrase():
    parsed = parse('learning -mobile -"case studies"')
    assert words(parsed.excluded) == [("mobile",), ("case", "studies")]
    assert to_fts5(parsed) == '(("learning")) NOT ("mobile" OR "case studies")'


def test_stop_words_and_stray_operators_are_dropped():
    parsed = parse("the or VR or - -- of")
    assert parsed.groups == [[Term("VR", ("vr",))]]
    assert not parse("the of and")
    assert not parse('"" - or')


def test_exclusions_alone_find_nothing(db):
    factories.make_initiative(title="Mobile learning")
    assert not parse("-mobile")
    assert not Initiative.objects.search("-mobile").exists()


def test_odd_input_always_makes_a_valid_fts5_expression():
    parsed = parse('a"b "c AND NOT( d* ^e NEAR(f) col:g')
    # FTS5's operators, brackets, stars and column filters are read as plain words.
    assert to_fts5(parsed) == '("b" OR "ab") AND ("c and not d e near f col g")'


def test_snippets_escape_stored_text_and_mark_only_the_match():
    html = search_snippet(f"<b>{MARK_START}VR{MARK_END}</b> training & more")
    assert html == "&lt;b&gt;<mark>VR</mark>&lt;/b&gt; training &amp; more"


def test_the_characters_that_once_marked_matches_mark_nothing():
    html = search_snippet(f"\x02Trap\x03 {MARK_START}VR{MARK_END}")
    assert "<mark>Trap" not in html
    assert "<mark>VR</mark>" in html


def test_the_words_of_a_phrase_read_as_one_match():
    # ts_headline marks each word of a phrase; FTS5 marks the phrase.
    html = search_snippet(
        f"{MARK_START}Virtual{MARK_END}-{MARK_START}reality{MARK_END} ({MARK_START}VR{MARK_END})"
    )
    assert html == "<mark>Virtual-reality</mark> (<mark>VR</mark>)"
    listed = search_snippet(f"{MARK_START}VR{MARK_END}, {MARK_START}AR{MARK_END}")
    assert listed == "<mark>VR</mark>, <mark>AR</mark>"


def test_headlines_mark_the_stemmed_match_on_every_database(db):
    factories.make_initiative(
        title="Scanner course", summary="Officers practise x-ray image interpretation daily."
    )
    hit = Initiative.objects.published().search("interpreting").get()
    passage = headlines([hit], "interpreting", ("summary", "description"))[hit.pk]
    assert f"{MARK_START}interpretation{MARK_END}" in passage
    assert "<mark>interpretation</mark>" in search_snippet(passage)


def test_a_headline_shows_the_field_that_matched(db):
    factories.make_initiative(
        title="Scanner course", summary="Officers practise daily.", description="Drones too."
    )
    hit = Initiative.objects.search("drones").get()
    assert (
        f"{MARK_START}Drones{MARK_END} too."
        in headlines([hit], "drones", ("summary", "description"))[hit.pk]
    )


def test_the_index_follows_every_edit(db):
    initiative = factories.make_initiative(title="Drones", summary="Aerial patrol.")
    initiative.title = "Sniffer dogs"
    initiative.save()
    Initiative.objects.filter(pk=initiative.pk).update(summary="Canine units.")
    assert not Initiative.objects.search("drones").exists()
    assert list(Initiative.objects.search("dog")) == [initiative]
    assert list(Initiative.objects.search("canine")) == [initiative]
    initiative.delete()
    assert not Initiative.objects.search("canine").exists()


@postgres_only
def test_postgres_fills_the_stored_vector(db):
    initiative = factories.make_initiative(title="Drones")
    initiative.refresh_from_db()
    assert "'drone':1A" in str(initiative.search_vector)


@sqlite_only
def test_sqlite_puts_back_triggers_that_a_table_rebuild_dropped(db):
    initiative = factories.make_initiative(title="Drones")
    table = fts_table(Initiative._meta.db_table)
    with connection.cursor() as cursor:
        for trigger in ("insert", "delete", "update"):
            cursor.execute(f'DROP TRIGGER "{table}_{trigger}"')
        cursor.execute(f'INSERT INTO "{table}"("{table}") VALUES (\'delete-all\')')
    assert not Initiative.objects.search("drones").exists()

    searchable = [model for model in apps.get_models() if hasattr(model, "fulltext_fields")]
    repair_sqlite_indexes(connection, searchable)

    assert list(Initiative.objects.search("drones")) == [initiative]
    factories.make_initiative(title="Drones again")
    assert Initiative.objects.search("drones").count() == 2


def test_nothing_is_suggested_when_every_word_is_known_or_too_short(db):
    factories.make_initiative(title="Drones for patrol")
    published = [(Initiative.objects.published(), ("title",))]
    assert suggest("drones patrol", published) == ""
    assert suggest("VX drones", published) == ""  # "VX" too short to tell from a typo
    assert suggest("dronse", published) == "Drones"  # as the record writes it


def test_a_suggestion_is_lower_case_where_the_record_writes_it_so_anywhere(db):
    factories.make_initiative(title="Drones for patrol", summary="Patrol drones at sea.")
    published = [(Initiative.objects.published(), ("title", "summary"))]
    assert suggest("dronse", published) == "drones"
