"""The full-text engine: ranked search over any model that names its weighted fields, with the
same results on PostgreSQL and SQLite.

It knows no app. A searchable model declares `fulltext_fields`, (field, weight) pairs with the
heaviest first, e.g. `(("title", "A"), ("summary", "B"))`, and gives its queryset
`SearchableQuerySet`. Each database keeps an index of those fields, created by the model's
app in a migration:

- PostgreSQL: a `search_vector` column that a trigger keeps to the same fields and weights
  (`postgres_vector_sql()`), with a GIN index (initiatives/0005 and 0008, meetings/0003 and
  0006). Without the column the vector is computed from the text, which reads every row: fine
  for the few RTCs, administrations and programmes, not for what grows.
- SQLite: an FTS5 table, `<table>_fts`, holding the same fields, kept by SQLite triggers
  (`create_sqlite_index()`, from initiatives/0006 and 0007, meetings/0004 and 0005). A model
  that gains `fulltext_fields` later needs one such migration too.

One parser reads what people type, the way web search engines do (`parse()`): plain words must
all match, "quoted phrases" match as written, `or` between two terms accepts either, a leading
`-` excludes a word or phrase. Everything else is a word separator, so no input can cause a
syntax error. The synonyms the secretariat keeps (core.models.Synonym) widen each term to its
group. The parsed query is then written for each engine (`to_tsquery()`, `to_fts5()`): the
rules of the query are ours, not the engines', and cannot drift apart.

What the engines do alike: English stemming ("trainings" finds "training"; PostgreSQL's
Snowball stemmer, FTS5's Porter stemmer), PostgreSQL's English stop words dropped from the
query ("the" alone finds nothing), case ignored, ranking by field weight (ts_rank; bm25() with
the same weights), the matching passage with the matched words marked (ts_headline; FTS5's
snippet()). Where they still differ, tests/core/test_fulltext_parity.py names the query and
the README lists it.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import F, FloatField, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.models import Synonym

# PostgreSQL's text search configuration: 'english' (Snowball stemmer, stop words) with accents
# folded by unaccent first, as FTS5's remove_diacritics does on SQLite (migration core/0005).
CONFIG = "portal_english"
# Longer queries are cut: nobody types more, and the cost of a query grows with its terms.
MAX_QUERY_LENGTH = 200
# PostgreSQL's default weights for D, C, B, A (ts_rank), given to bm25() on SQLite too.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# Both engines mark matches with these; search_snippet() turns them into <mark> after escaping
# the text around them, so no stored text is ever trusted as HTML. Two Unicode noncharacters,
# which text fields never store (core.fields), so a stored text cannot pass for a match.
MARK_START, MARK_END = "\ufdd0", "\ufdd1"
# Words in a passage (ts_headline's MaxWords; FTS5 snippet() allows at most 64 tokens).
PASSAGE_WORDS = 40

# The column a trigger keeps a model's weighted vector in (core.models.stored_search_vector).
VECTOR_FIELD = "search_vector"
# Porter stemming over Unicode words, accents folded ("Viet" finds "Việt").
FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2"

# A word, as FTS5's unicode61 tokenizer sees it: letters and digits, nothing else.
WORD_RE = re.compile(r"[^\W_]+")
# What a query is made of: a quoted phrase (the closing quote may be missing), a bare word
# with its punctuation, each maybe after a "-".
TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# PostgreSQL's English stop words (tsearch_data/english.stop), dropped from queries on both
# databases: PostgreSQL never indexes them, so a query word among them would match nothing
# there and everything on SQLite. Laid out as that file reads, hence the split().
# fmt: off
STOP_WORDS = frozenset("""
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing a an the
and but if or because as until while of at by for with about against between into through
during before after above below to from up down in out on off over under again further then
once here there when where why how all any both each few more most other some such no nor not
only own same so than too very s t can will just don should now
""".split())  # noqa: SIM905
# fmt: on


def clean_query(query):
    """The query as the database will see it: no NUL characters, at most MAX_QUERY_LENGTH."""
    return (query or "").replace("\x00", " ").strip()[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class Term:
    """A word or phrase to find: `text` as typed, `words` as the engines will match them."""

    text: str
    words: tuple


@dataclass
class ParsedQuery:
    """Every group must match (each group: any of its terms); no excluded term may."""

    groups: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    def __bool__(self):
        # A query of exclusions alone would return nearly everything: it finds nothing.
        return bool(self.groups)


def words_of(text):
    """The words of `text` that a search can match: lower-case, stop words left out."""
    return tuple(word for word in WORD_RE.findall(text.lower()) if word not in STOP_WORDS)


def _term(text):
    words = tuple(WORD_RE.findall(text.lower()))
    if not words_of(text):
        return None
    return Term(text, words)


@dataclass
class _Token:
    term: Term
    negated: bool
    either: bool  # `or` came before it
    bare: bool  # typed without quotes: may make a synonym with the bare words next to it


def _tokens(query):
    tokens, either = [], False
    for negated, phrase, bare in TOKEN_RE.findall(clean_query(query)):
        if bare.lower() == "or":
            either = bool(tokens)
            continue
        if bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        term = _term(bare or phrase)
        if term is not None:
            tokens.append(_Token(term, bool(negated), either, bool(bare)))
            either = False
    return tokens


def _synonym_terms(tokens, synonyms):
    """The terms of the synonym that `tokens` spell together, or None."""
    if len(tokens) > 1 and any(t.negated or t.either or not t.bare for t in tokens[1:]):
        return None
    if len(tokens) > 1 and (tokens[0].negated or not tokens[0].bare):
        return None
    key = tuple(word for token in tokens for word in words_of(token.term.text))
    texts = synonyms.get(key)
    return [Term(text, tuple(WORD_RE.findall(text.lower()))) for text in texts] if texts else None


def synonym_index(groups):
    """{words of a term: every term of its groups}: a search for any term of a group finds
    all of them. `groups` as core.models.SynonymQuerySet.groups() gives them."""
    index = {}
    for group in groups:
        for term in group:
            if words_of(term):
                terms = index.setdefault(words_of(term), [])
                terms += [other for other in group if other not in terms and words_of(other)]
    return index


def parse(query, synonyms=()):
    """The query as a ParsedQuery, read as web search engines read it.

    "a b" needs both; "a or b" either (`or` binds tighter than the space: "x a or b" is x and
    one of a, b); '"a b"' the words together; "-a" excludes a. A word with punctuation inside
    ("e-learning", "A/P") is a phrase of its parts, as both engines index it.

    `synonyms` (groups of terms that mean the same) widen a term to its group: "VR" becomes
    "VR" or "virtual reality", and so do the two words "virtual reality" typed next to each
    other; the longest run of words that spells a synonym wins.
    """
    index = synonym_index(synonyms)
    tokens = _tokens(query)
    parsed = ParsedQuery()
    start = 0
    while start < len(tokens):
        first = tokens[start]
        end, terms = start + 1, [first.term]
        for stop in range(len(tokens), start, -1):
            expanded = _synonym_terms(tokens[start:stop], index)
            if expanded:
                end, terms = stop, expanded
                break
        if first.negated:
            parsed.excluded.extend(terms)
        elif first.either and parsed.groups:
            parsed.groups[-1].extend(terms)
        else:
            parsed.groups.append(terms)
        start = end
    return parsed


def to_fts5(parsed):
    """An FTS5 MATCH expression: every term a quoted string of plain words, so it is always
    valid; FTS5 stems the words with the table's tokenizer."""

    def phrase(words):
        # Stop words at either end go, as phraseto_tsquery drops them ("Master's" is "master",
        # and finds "Masters"); those inside stay, to keep the words' distance.
        start = next(i for i, word in enumerate(words) if word not in STOP_WORDS)
        end = max(i for i, word in enumerate(words) if word not in STOP_WORDS) + 1
        return '"' + " ".join(words[start:end]) + '"'

    def any_of(terms):
        return "(" + " OR ".join(phrase(term.words) for term in terms) + ")"

    expression = " AND ".join(any_of(group) for group in parsed.groups)
    if parsed.excluded:
        expression = f"({expression}) NOT {any_of(parsed.excluded)}"
    return expression


def to_tsquery(parsed):
    """A tsquery: each term through phraseto_tsquery, which stems the words, keeps their order
    and counts the stop words between them as PostgreSQL indexed them."""

    def term_query(term, invert=False):
        return SearchQuery(term.text, config=CONFIG, search_type="phrase", invert=invert)

    query = None
    for group in parsed.groups:
        either = term_query(group[0])
        for term in group[1:]:
            either = either | term_query(term)
        query = either if query is None else query & either
    for term in parsed.excluded:
        query = query & term_query(term, invert=True)
    return query


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
    """{pk: passage of `headline_fields` with the query's matches marked} for these rows.

    Computed for the rows shown only (one query): the passage re-reads the text, which costs
    too much to do for every match of a common word.
    """
    rows = list(rows)
    if not rows:
        return {}
    parsed = read_query(query)
    if not parsed:
        return {row.pk: "" for row in rows}
    model = type(rows[0])
    db = rows[0]._state.db
    matching = model._default_manager.using(db).filter(pk__in=[row.pk for row in rows])
    if connections[db].vendor == "postgresql":
        headline = SearchHeadline(
            _headline_source(headline_fields),
            to_tsquery(parsed),
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=PASSAGE_WORDS,
            min_words=PASSAGE_WORDS // 2,
        )
    else:
        headline = _sqlite_headline(model, headline_fields, to_fts5(parsed))
    passages = dict(matching.annotate(headline=headline).values_list("pk", "headline"))
    return {row.pk: passages.get(row.pk) or "" for row in rows}


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


# "Did you mean": a query word the portal does not hold is replaced by the nearest word it
# does hold: PostgreSQL finds it with pg_trgm's trigram similarity (migration core/0004),
# SQLite with difflib, over the same words. The words are split from the columns the caller
# names, at every call: name columns of tables that grow slowly (names, meeting titles), never
# the texts that grow with the records (0.7 s for the titles alone of 100,000 initiatives).
# Shorter words are left alone: "AI" or "VR" have too few letters to be told from a typo.
SUGGEST_MIN_LENGTH = 4
# difflib's similarity ratio a suggestion needs on SQLite; pg_trgm's `%` uses its own
# threshold (pg_trgm.similarity_threshold, 0.3).
SUGGEST_CUTOFF = 0.75


def suggest(query, sources):
    """The query with each word the portal does not hold replaced by the nearest word it does
    hold, or "" when no word changed. `sources` are (queryset, column names) pairs, querysets
    of what the public may see (`published()`), so a draft's words are never suggested; the
    synonyms' words always count."""
    query = clean_query(query)
    words = WORD_RE.findall(query.lower())
    unknown = [
        w for w in dict.fromkeys(words) if len(w) >= SUGGEST_MIN_LENGTH and w not in STOP_WORDS
    ]
    if not unknown or not sources:
        return ""
    columns = [(queryset, name) for queryset, names in sources for name in names]
    if connections[columns[0][0].db].vendor == "postgresql":
        nearest = _postgres_nearest(unknown, columns)
    else:
        nearest = _sqlite_nearest(unknown, columns)
    if all(nearest.get(word, word) == word for word in unknown):
        return ""
    # In place, so the quotes, `or` and `-` of the query stay as they were typed.
    return WORD_RE.sub(lambda match: nearest.get(match[0].lower(), match[0]), query)


def _synonym_words():
    return [
        word
        for group in Synonym.objects.groups()
        for term in group
        for word in WORD_RE.findall(term.lower())
    ]


def _sqlite_nearest(unknown, columns):
    vocabulary = set(_synonym_words())
    for queryset, name in columns:
        for text in queryset.values_list(name, flat=True).iterator():
            vocabulary.update(WORD_RE.findall((text or "").lower()))
    nearest = {}
    for word in unknown:
        if word not in vocabulary:
            matches = difflib.get_close_matches(word, vocabulary, n=1, cutoff=SUGGEST_CUTOFF)
            nearest[word] = matches[0] if matches else word
    return nearest


def _postgres_nearest(unknown, columns):
    """One query per unknown word over the words of every column, split in the database."""
    texts, params = [], []
    for queryset, name in columns:
        sql, column_params = queryset.order_by().values_list(name).query.sql_with_params()
        texts.append(f"SELECT text FROM ({sql}) AS column_{len(texts)}(text)")
        params += column_params
    texts.append("SELECT unnest(%s::text[])")
    params.append(_synonym_words())
    words = (
        "SELECT DISTINCT lower(word) AS word FROM "
        f"(SELECT regexp_split_to_table(text, '[^[:alnum:]]+') AS word "
        f"FROM ({' UNION ALL '.join(texts)}) AS texts(text)) AS split"
    )
    nearest = {}
    with connections[columns[0][0].db].cursor() as cursor:
        for word in unknown:
            cursor.execute(
                f"SELECT word FROM ({words}) AS vocabulary WHERE word %% %s "
                "ORDER BY similarity(word, %s) DESC, word LIMIT 1",
                (*params, word, word),
            )
            row = cursor.fetchone()
            nearest[word] = row[0] if row else word
    return nearest


def postgres_vector_sql(table, fields, config=CONFIG):
    """For a migration: the trigger function and trigger that keep `table`'s weighted
    `search_vector` to `fields` ((field, weight) pairs), and a statement that recomputes it for
    the rows already there. `CREATE OR REPLACE`, so a later migration can change the fields or
    the configuration; the GIN index is the first migration's business."""
    vector = "\n        || ".join(
        f"setweight(to_tsvector('{config}', coalesce(NEW.{name}, '')), '{weight}')"
        for name, weight in fields
    )
    return f"""
CREATE OR REPLACE FUNCTION {table}_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        {vector};
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS {table}_search_vector ON {table};
CREATE TRIGGER {table}_search_vector
    BEFORE INSERT OR UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_search_vector();
UPDATE {table} SET search_vector = NULL;
"""


# SQLite's index: an FTS5 table over the content table (it stores no copy of the text), kept
# by three triggers. Django rebuilds a SQLite table to alter it, dropping its triggers;
# `repair_sqlite_indexes()` puts them back after every migrate.


def fts_table(table):
    return f"{table}_fts"


def sqlite_index_sql(table, columns, pk="id"):
    """{name: CREATE statement} of the FTS5 table over `columns` of `table`, and its triggers."""
    fts = fts_table(table)
    names = ", ".join(f'"{column}"' for column in columns)
    new = ", ".join(f'new."{column}"' for column in columns)
    old = ", ".join(f'old."{column}"' for column in columns)
    delete = f'INSERT INTO "{fts}"("{fts}", rowid, {names}) VALUES (\'delete\', old."{pk}", {old});'
    insert = f'INSERT INTO "{fts}"(rowid, {names}) VALUES (new."{pk}", {new});'
    return {
        fts: (
            f"CREATE VIRTUAL TABLE \"{fts}\" USING fts5({names}, content='{table}', "
            f"content_rowid='{pk}', tokenize='{FTS5_TOKENIZER}')"
        ),
        f"{fts}_insert": (
            f'CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END'
        ),
        f"{fts}_delete": (
            f'CREATE TRIGGER "{fts}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END'
        ),
        # Only when a searched field changes: publishing a record leaves its index entry alone.
        f"{fts}_update": (
            f'CREATE TRIGGER "{fts}_update" AFTER UPDATE OF {names} ON "{table}" '
            f"BEGIN {delete} {insert} END"
        ),
    }


def create_sqlite_index(connection, table, columns, pk="id"):
    """For a migration (`schema_editor.connection`): index `columns` of `table` with FTS5, the
    rows already there included. Does nothing on other databases."""
    if connection.vendor != "sqlite":
        return
    fts = fts_table(table)
    with connection.cursor() as cursor:
        for statement in sqlite_index_sql(table, columns, pk).values():
            cursor.execute(statement)
        cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')


def drop_sqlite_index(connection, table):
    """For a migration: the reverse of create_sqlite_index()."""
    if connection.vendor != "sqlite":
        return
    fts = fts_table(table)
    with connection.cursor() as cursor:
        for trigger in ("insert", "delete", "update"):
            cursor.execute(f'DROP TRIGGER IF EXISTS "{fts}_{trigger}"')
        cursor.execute(f'DROP TABLE IF EXISTS "{fts}"')


def repair_sqlite_indexes(connection, searchable_models):
    """Put back what a table rebuild dropped: for each model whose FTS5 table a migration made,
    recreate the index if its table or triggers differ from what the model's
    `fulltext_fields` call for (missing, or other columns), and re-read the rows."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = dict(cursor.fetchall())
    for model in searchable_models:
        table = model._meta.db_table
        if fts_table(table) not in existing or table not in existing:
            continue
        columns = [name for name, _weight in model.fulltext_fields]
        wanted = sqlite_index_sql(table, columns, model._meta.pk.column)
        if all(existing.get(name) == sql for name, sql in wanted.items()):
            continue
        drop_sqlite_index(connection, table)
        create_sqlite_index(connection, table, columns, model._meta.pk.column)


def stored_vector_operation(vectors):
    """A migration operation that indexes each table of `vectors` ({table: fulltext_fields})
    for search on either database: on PostgreSQL a trigger-kept `search_vector` with a GIN
    index (the column is the model's, core.models.stored_search_vector); on SQLite an FTS5
    table kept by triggers. The GIN index stays out of Meta: SQLite rebuilds tables with
    every declared index and cannot build a GIN one."""
    from django.db import migrations

    def create(apps, schema_editor):
        connection = schema_editor.connection
        for table, fields in vectors.items():
            if connection.vendor == "postgresql":
                schema_editor.execute(postgres_vector_sql(table, fields))
                schema_editor.execute(
                    f"CREATE INDEX {table}_search_idx ON {table} USING gin (search_vector)"
                )
            create_sqlite_index(connection, table, [name for name, _weight in fields])

    def drop(apps, schema_editor):
        connection = schema_editor.connection
        for table in vectors:
            if connection.vendor == "postgresql":
                schema_editor.execute(
                    f"DROP INDEX IF EXISTS {table}_search_idx; "
                    f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}; "
                    f"DROP FUNCTION IF EXISTS {table}_search_vector();"
                )
            drop_sqlite_index(connection, table)

    return migrations.RunPython(create, drop, elidable=False)
