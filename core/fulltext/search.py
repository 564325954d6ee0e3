"""Ranked search and the matching passages, over any model with `fulltext_fields`, alike on
PostgreSQL (stored or computed vectors, ts_rank, ts_headline) and SQLite (FTS5, bm25(),
snippet())."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import BooleanField, Case, F, FloatField, Func, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.models import Synonym

from .index import CONFIG, VECTOR_FIELD, fts_table
from .query import ParsedQuery, parse, to_fts5, to_tsquery

# PostgreSQL's default weights for D, C, B, A (ts_rank), given to bm25() on SQLite too.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# Both engines mark matches with these; search_snippet() turns them into <mark> after escaping
# the text around them, so no stored text is ever trusted as HTML. Two Unicode noncharacters,
# which text fields never store (core.fields), so a stored text cannot pass for a match.
MARK_START, MARK_END = "\ufdd0", "\ufdd1"
# Words in a passage (ts_headline's MaxWords; FTS5 snippet() allows at most 64 tokens).
PASSAGE_WORDS = 40


def weighted_vector(fields):
    """SearchVector over (field, weight) pairs, e.g. a model's `fulltext_fields`."""
    vectors = [SearchVector(name, weight=weight, config=CONFIG) for name, weight in fields]
    vector = vectors[0]
    for other in vectors[1:]:
        vector = vector + other
    return vector


class SearchableQuerySet(models.QuerySet):
    """For models with `fulltext_fields`: `.search(query)`, best first."""

    def search(self, query):
        return search(self, query)


def read_query(query):
    """`query` parsed with the synonyms the secretariat keeps (one query), unless it already
    is a ParsedQuery: a page that searches several models reads the query once."""
    if isinstance(query, ParsedQuery):
        return query
    return parse(query, Synonym.objects.groups())


def search(queryset, query):
    """`queryset` narrowed to rows matching `query` (text or a ParsedQuery), best first, each
    with a `search_rank`."""
    parsed = read_query(query)
    if not parsed:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return _postgres_search(queryset, parsed)
    return _sqlite_search(queryset, parsed)


def _postgres_search(queryset, parsed):
    model = queryset.model
    stored = any(field.name == VECTOR_FIELD for field in model._meta.get_fields())
    vector = F(VECTOR_FIELD) if stored else weighted_vector(model.fulltext_fields)
    search_query = to_tsquery(parsed)
    return (
        queryset.alias(search_vector_match=vector)
        .filter(search_vector_match=search_query)
        .annotate(search_rank=SearchRank(vector, search_query))
        .order_by("-search_rank", *model._meta.ordering)
    )


class _FTS5(Func):
    """A value FTS5 computes for the row: `<select>` over `<table>_fts` where it MATCHes
    `<expression>`, for the row's primary key.

    With `every_match`, it is computed once for all the matches (a MATERIALIZED CTE, read by
    the key through an automatic index): for the rank, which orders every match. Asked row by
    row instead, FTS5 re-reads the query's whole posting lists for each row: 1.9 s against
    0.06 s for a word in 3,000 of 100,000 initiatives. Without it, row by row: for passages,
    wanted for the rows shown only.

    The row's primary key is compiled by Django, so the outer table's alias is right even
    when the queryset ends up inside another query (the list's facet counts)."""

    def __init__(self, model, select, expression, output_field, every_match=False):
        self.fts_table = fts_table(model._meta.db_table)
        self.select = select
        self.every_match = every_match
        super().__init__(Value(expression), F("pk"), output_field=output_field)

    def as_sql(self, compiler, connection, **extra_context):
        (expression_sql, expression_params), (pk_sql, pk_params) = (
            compiler.compile(source) for source in self.get_source_expressions()
        )
        table = connection.ops.quote_name(self.fts_table)
        select = self.select.format(table=table)
        if self.every_match:
            sql = (
                f"(WITH fts_matches AS MATERIALIZED (SELECT rowid AS id, {select} AS value "
                f"FROM {table} WHERE {table} MATCH {expression_sql}) "
                f"SELECT value FROM fts_matches WHERE id = {pk_sql})"
            )
        else:
            sql = (
                f"(SELECT {select} FROM {table} "
                f"WHERE {table} MATCH {expression_sql} AND {table}.rowid = {pk_sql})"
            )
        return sql, (*expression_params, *pk_params)


def _sqlite_search(queryset, parsed):
    model = queryset.model
    table = connections[queryset.db].ops.quote_name(fts_table(model._meta.db_table))
    expression = to_fts5(parsed)
    # bm25() is lower for better matches; negated, it sorts like ts_rank.
    weights = ", ".join(str(WEIGHTS[weight]) for _name, weight in model.fulltext_fields)
    rank = _FTS5(model, f"-bm25({{table}}, {weights})", expression, FloatField(), every_match=True)
    matching = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", (expression,))
    return (
        queryset.filter(pk__in=matching)
        .annotate(search_rank=rank)
        .order_by("-search_rank", *model._meta.ordering)
    )


def headlines(rows, query, headline_fields):
    """{pk: passage of `headline_fields` with the query's matches marked} for these rows."""
    return {pk: match.passage for pk, match in matches(rows, query, headline_fields).items()}


@dataclass(frozen=True)
class Match:
    """How a row shown matched: its passage, and whether the query matches its names alone
    (the model's `fulltext_name_fields`: its name, short name, acronyms, places) rather than
    only being mentioned in its text."""

    passage: str
    in_names: bool


def name_fields(model):
    """The fields that name a record: `fulltext_name_fields` if the model gives them, else its
    fields of weight A."""
    default = tuple(name for name, weight in model.fulltext_fields if weight == "A")
    return getattr(model, "fulltext_name_fields", default)


def matches(rows, query, headline_fields):
    """{pk: Match} for these rows: the passage of `headline_fields` with the query's matches
    marked, and whether the query matches the row's names.

    Computed for the rows shown only (one query): the passage re-reads the text, which costs
    too much to do for every match of a common word; the names are a few words a row.
    """
    rows = list(rows)
    if not rows:
        return {}
    parsed = read_query(query)
    if not parsed:
        return {row.pk: Match("", False) for row in rows}
    model = type(rows[0])
    db = rows[0]._state.db
    matching = model._default_manager.using(db).filter(pk__in=[row.pk for row in rows])
    names = name_fields(model)
    if connections[db].vendor == "postgresql":
        search_query = to_tsquery(parsed)
        headline = SearchHeadline(
            _headline_source(headline_fields),
            search_query,
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=PASSAGE_WORDS,
            min_words=PASSAGE_WORDS // 2,
        )
        if names:
            matching = matching.alias(names_vector=weighted_vector((n, "A") for n in names))
            in_names = Case(
                When(names_vector=search_query, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
    else:
        headline = _sqlite_headline(model, headline_fields, to_fts5(parsed))
        if names:
            # FTS5's column filter: the query's terms in the name columns (the exclusions were
            # checked by the search that found the row).
            named = f"{{{' '.join(names)}}} : ({to_fts5(ParsedQuery(parsed.groups))})"
            in_names = _FTS5(model, "1", named, BooleanField())
    if not names:
        in_names = Value(False, output_field=BooleanField())
    found = {
        pk: Match(passage or "", bool(named))
        for pk, passage, named in matching.annotate(
            headline=headline, in_names=in_names
        ).values_list("pk", "headline", "in_names")
    }
    return {row.pk: found.get(row.pk, Match("", False)) for row in rows}


def _headline_source(headline_fields):
    if len(headline_fields) == 1:
        return F(headline_fields[0])
    parts = []
    for name in headline_fields:
        parts += [F(name), Value(" ")]
    return Concat(*parts[:-1], output_field=TextField())


def _sqlite_headline(model, headline_fields, expression):
    """The passage of the first headline field that holds a match, else of the first one, as
    ts_headline chooses over the fields joined."""
    columns = [name for name, _weight in model.fulltext_fields]
    start, end = f"char({ord(MARK_START)})", f"char({ord(MARK_END)})"
    snippets = [
        f"snippet({{table}}, {columns.index(name)}, {start}, {end}, '…', {PASSAGE_WORDS})"
        for name in headline_fields
    ]
    marked = " ".join(f"WHEN instr({snippet}, {start}) THEN {snippet}" for snippet in snippets)
    select = f"CASE {marked} ELSE {snippets[0]} END"
    return _FTS5(model, select, expression, TextField())


# FTS5 marks a matched phrase as one span ("Virtual-reality"), ts_headline each of its words
# ("Virtual" and "reality"): marks split only by a space or a hyphen are joined, so a phrase
# reads as one match on both engines.
_ADJACENT_MARKS_RE = re.compile(MARK_END + r"([\s\-\u2010\u2011]{1,3})" + MARK_START)


def search_snippet(text):
    """Safe HTML for a search result: `text` escaped, with the engine's marks made <mark>."""
    text = _ADJACENT_MARKS_RE.sub(r"\1", text or "")
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # everything but our own markers was escaped above
