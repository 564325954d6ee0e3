"""The full-text engine: ranked search over any model that names its weighted fields.

It knows no app. A searchable model declares `fulltext_fields`, (field, weight) pairs with the
heaviest first, e.g. `(("title", "A"), ("summary", "B"))`, and gives its queryset
`SearchableQuerySet`; where the model also has a `search_vector` column (a PostgreSQL trigger
keeps it to the same fields and weights), the stored vector is read instead of the text.

On PostgreSQL it is the database's own text search (django.contrib.postgres):

- a weighted tsvector: the first field weighs A (the title), then B, C… (summary, description);
- the 'english' configuration, so "trainings" finds "training" (Snowball stemming, stop words);
- websearch_to_tsquery, which accepts anything people type: quotes make phrases, "or" and a
  leading "-" are operators, and stray punctuation never raises a syntax error;
- ts_rank ordering, and ts_headline snippets for the rows shown.
Each searched model's vector is stored (a trigger keeps it current) and indexed (GIN,
migrations initiatives/0005 and meetings/0003), so the index answers the match and ranking
reads the stored vector.

Elsewhere (SQLite, the embedded default) a simpler fallback with the same results for plain
single-word queries: every word of the query, lower-cased and lightly stemmed (a plural "s",
"ies", "ing(s)" or "ed" ending stripped), must appear as a whole word, give or take those
endings, in one of the fields; the rank is the sum of the weights of the fields that match. It
has no phrases or operators and knows only a short list of stop words.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIG = "english"
# Longer queries are cut: nobody types more, and the cost of a query grows with its terms.
MAX_QUERY_LENGTH = 200
# PostgreSQL's default weights for D, C, B, A (ts_rank), reused by the fallback.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# ts_headline marks matches with these; search_snippet() turns them into <mark> after escaping
# the text around them, so no stored text is ever trusted as HTML. Two Unicode noncharacters,
# which text fields never store (core.fields), so a stored text cannot pass for a match.
MARK_START, MARK_END = "\ufdd0", "\ufdd1"

# The column a trigger keeps a model's weighted vector in (core.models.stored_search_vector).
VECTOR_FIELD = "search_vector"

WORD_RE = re.compile(r"\w+")
# A few of PostgreSQL's English stop words, so "the" or "of" alone does not match everything.
# fmt: off
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "with",
})
# fmt: on
SUFFIXES = ("ings", "ing", "ies", "ed", "s")
# What may follow a stem in the fallback: the endings light_stem() strips, and a few more
# (not -er: PostgreSQL's stemmer keeps "trainer" apart from "training").
ENDINGS = r"(?:s|es|ies|y|e|ing|ings|ed)?"


def clean_query(query):
    """The query as the database will see it: no NUL characters, at most MAX_QUERY_LENGTH."""
    return (query or "").replace("\x00", " ").strip()[:MAX_QUERY_LENGTH]


def weighted_vector(fields):
    """SearchVector over (field, weight) pairs, e.g. a model's `fulltext_fields`."""
    vectors = [SearchVector(name, weight=weight, config=CONFIG) for name, weight in fields]
    vector = vectors[0]
    for other in vectors[1:]:
        vector = vector + other
    return vector


def light_stem(word):
    """The fallback's stemmer: strips one common English ending from a lower-case word."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def fallback_terms(query):
    words = (word for word in WORD_RE.findall(query.lower()) if word not in STOP_WORDS)
    return [light_stem(word) for word in words]


def term_pattern(term):
    return rf"\b{re.escape(term)}{ENDINGS}\b"


class SearchableQuerySet(models.QuerySet):
    """For models with `fulltext_fields`: `.search(query)`, best first."""

    def search(self, query):
        return search(self, query)


def search(queryset, query):
    """`queryset` narrowed to rows matching `query`, best first, each with a `search_rank`.

    The fields and weights are the model's `fulltext_fields`; on PostgreSQL a stored
    `search_vector` of those same fields, when the model has one, is used instead of computing
    the vector from the text of every row.
    """
    query = clean_query(query)
    fields = queryset.model.fulltext_fields
    if connections[queryset.db].vendor == "postgresql":
        stored = any(field.name == VECTOR_FIELD for field in queryset.model._meta.get_fields())
        return _postgres_search(queryset, query, fields, VECTOR_FIELD if stored else None)
    return _fallback_search(queryset, query, fields)


def headlines(rows, query, headline_fields):
    """{pk: passage of `headline_fields` with the query's matches marked} for these rows.

    Computed for the rows shown only (one query on PostgreSQL): ts_headline re-reads the text,
    which costs too much to do for every match of a common word.
    """
    rows = list(rows)
    if not rows:
        return {}
    model = type(rows[0])
    db = rows[0]._state.db
    if connections[db].vendor != "postgresql":
        return {
            row.pk: " ".join(getattr(row, name) for name in headline_fields if getattr(row, name))
            for row in rows
        }
    search_query = SearchQuery(clean_query(query), config=CONFIG, search_type="websearch")
    headline = SearchHeadline(
        _headline_source(headline_fields),
        search_query,
        config=CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=40,
        min_words=20,
    )
    return dict(
        model._default_manager.using(db)
        .filter(pk__in=[row.pk for row in rows])
        .annotate(headline=headline)
        .values_list("pk", "headline")
    )


def _headline_source(headline_fields):
    if len(headline_fields) == 1:
        return F(headline_fields[0])
    parts = []
    for name in headline_fields:
        parts += [F(name), Value(" ")]
    return Concat(*parts[:-1], output_field=TextField())


def _postgres_search(queryset, query, fields, vector_field):
    vector = F(vector_field) if vector_field else weighted_vector(fields)
    search_query = SearchQuery(query, config=CONFIG, search_type="websearch")
    return (
        queryset.alias(search_vector_match=vector)
        .filter(search_vector_match=search_query)
        .annotate(search_rank=SearchRank(vector, search_query))
        .order_by("-search_rank", *queryset.model._meta.ordering)
    )


def _fallback_search(queryset, query, fields):
    terms = fallback_terms(query)
    if not terms:
        return queryset.none()
    for term in terms:
        pattern = term_pattern(term)
        matches = Q()
        for name, _weight in fields:
            matches |= Q(**{f"{name}__iregex": pattern})
        queryset = queryset.filter(matches)
    any_term = "|".join(term_pattern(term) for term in terms)
    rank = Value(0.0)
    for name, weight in fields:
        rank = rank + Case(
            When(**{f"{name}__iregex": any_term}, then=Value(WEIGHTS[weight])),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return queryset.annotate(search_rank=rank).order_by(
        "-search_rank", *queryset.model._meta.ordering
    )


def search_snippet(text, query, max_words=40):
    """Safe HTML for a search result: `text` escaped, with the query's matches in <mark>.

    PostgreSQL has already chosen the passage and marked it (ts_headline); for the fallback,
    the passage starts a few words before the first match and matches are found here.
    """
    text = text or ""
    if MARK_START not in text:
        text = _fallback_headline(text, fallback_terms(clean_query(query)), max_words)
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # everything but our own markers was escaped above


def _fallback_headline(text, terms, max_words):
    words = text.split()
    if not terms:
        return " ".join(words[:max_words])
    pattern = re.compile("|".join(term_pattern(term) for term in terms), re.IGNORECASE)
    first = next((i for i, word in enumerate(words) if pattern.search(word)), 0)
    start = max(0, first - 5)
    passage = " ".join(words[start : start + max_words])
    passage = pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_END}", passage)
    before = "… " if start else ""
    after = " …" if start + max_words < len(words) else ""
    return f"{before}{passage}{after}"


def stored_vector_operation(vectors):
    """A migration operation that, on PostgreSQL, keeps each table's `search_vector` current
    with a trigger and indexes it (GIN), as meetings/0003 does by hand; `vectors` maps a
    table to its model's `fulltext_fields`. SQLite keeps the column empty (the fallback reads
    the text). The index stays out of Meta: SQLite rebuilds tables with every declared index
    and cannot build a GIN one."""
    from django.db import migrations

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table, fields in vectors.items():
                schema_editor.execute(_trigger_sql(table, fields))

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in vectors:
                schema_editor.execute(
                    f"DROP INDEX IF EXISTS {table}_search_idx; "
                    f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}; "
                    f"DROP FUNCTION IF EXISTS {table}_search_vector();"
                )

    return migrations.RunPython(create, drop)


def _trigger_sql(table, fields):
    vector = "\n        || ".join(
        f"setweight(to_tsvector('{CONFIG}', coalesce(NEW.{field}, '')), '{weight}')"
        for field, weight in fields
    )
    return f"""
CREATE FUNCTION {table}_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        {vector};
    RETURN NEW;
END
$$;
CREATE TRIGGER {table}_search_vector
    BEFORE INSERT OR UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_search_vector();
UPDATE {table} SET search_vector = NULL;
CREATE INDEX {table}_search_idx ON {table} USING gin (search_vector);
"""
