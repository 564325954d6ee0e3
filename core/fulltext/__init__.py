"""The full-text engine: ranked search over any model that names its weighted fields, with the
same results on PostgreSQL and SQLite.

It knows no app. A searchable model declares `fulltext_fields`, (field, weight) pairs with the
heaviest first, e.g. `(("title", "A"), ("summary", "B"))`, and gives its queryset
`SearchableQuerySet`. It may name the fields that name a record, `fulltext_name_fields`
(by default its fields of weight A): `matches()` tells, for the rows shown, whether the query
matches those alone, which is how the site search picks its best match. Each database keeps an
index of those fields, created by the model's app in its `search_index` migration
(`core.fulltext.index`):

- PostgreSQL: a `search_vector` column that a trigger keeps to the same fields and weights,
  with a GIN index (`stored_vector_operation()`). Without the column the vector is computed
  from the text, which reads every row: fine for the few RTCs, administrations and programmes,
  not for what grows.
- SQLite: an FTS5 table, `<table>_fts`, holding the same fields, kept by SQLite triggers
  (`sqlite_index_operation()`, and `stored_vector_operation()` for the tables that have a
  vector). A model that gains `fulltext_fields` later needs one such migration too.

One parser reads what people type, the way web search engines do (`core.fulltext.query`): plain
words must all match, "quoted phrases" match as written, `or` between two terms accepts either,
a leading `-` excludes a word or phrase. Everything else is a word separator, so no input can
cause a syntax error. The synonyms the secretariat keeps (core.models.Synonym) widen each term
to its group. The parsed query is then written for each engine (`to_tsquery()`, `to_fts5()`):
the rules of the query are ours, not the engines', and cannot drift apart.

What the engines do alike: English stemming ("trainings" finds "training"; PostgreSQL's
Snowball stemmer, FTS5's Porter stemmer), PostgreSQL's English stop words dropped from the
query ("the" alone finds nothing), case ignored, ranking by field weight (ts_rank; bm25() with
the same weights), the matching passage with the matched words marked (ts_headline; FTS5's
snippet()): `core.fulltext.search`. "Did you mean": `core.fulltext.suggest`. Where they still
differ, tests/core/test_fulltext_parity.py names the query and docs/search.md lists it.

The modules, lowest first: `index` (the SQL of the indexes, for migrations: imports no models),
`query` (the parser), `search` and `suggest` (querysets). This module imports none of them, so
a migration that imports `core.fulltext.index` loads no models.
"""
