"""The indexes each database keeps of a model's `fulltext_fields`, for the apps' migrations and
for core's post_migrate repair. Imports no models: a migration loads only this.

- PostgreSQL: a `search_vector` column (core.models.stored_search_vector) that a trigger keeps
  to the fields and weights, in the `portal_english` configuration (core's search_configuration
  migration), with a GIN index. The index stays out of Meta: SQLite rebuilds tables with every
  declared index and cannot build a GIN one.
- SQLite: an FTS5 table over the content table (it stores no copy of the text), kept by three
  triggers. Django rebuilds a SQLite table to alter it, dropping its triggers;
  `repair_sqlite_indexes()` puts them back after every migrate (core.apps).
"""

from django.db import migrations

# PostgreSQL's text search configuration: 'english' (Snowball stemmer, stop words) with accents
# folded by unaccent first, as FTS5's remove_diacritics does on SQLite (core's
# search_configuration migration).
CONFIG = "portal_english"
# The column a trigger keeps a model's weighted vector in (core.models.stored_search_vector).
VECTOR_FIELD = "search_vector"
# Porter stemming over Unicode words, accents folded ("Viet" finds "Việt").
FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2"


def postgres_vector_sql(table, fields):
    """The trigger function and trigger that keep `table`'s weighted `search_vector` to
    `fields` ((field, weight) pairs), and a statement that computes it for the rows already
    there."""
    vector = "\n        || ".join(
        f"setweight(to_tsvector('{CONFIG}', coalesce(NEW.{name}, '')), '{weight}')"
        for name, weight in fields
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


def drop_postgres_vector_sql(table):
    """The reverse of postgres_vector_sql(); the column itself is the model's."""
    return (
        f"DROP INDEX IF EXISTS {table}_search_idx; "
        f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}; "
        f"DROP FUNCTION IF EXISTS {table}_search_vector();"
    )


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
    on either database: on PostgreSQL a trigger-kept `search_vector` with a GIN index; on
    SQLite an FTS5 table kept by triggers."""

    def create(apps, schema_editor):
        connection = schema_editor.connection
        for table, fields in vectors.items():
            if connection.vendor == "postgresql":
                schema_editor.execute(postgres_vector_sql(table, fields))
            create_sqlite_index(connection, table, [name for name, _weight in fields])

    def drop(apps, schema_editor):
        connection = schema_editor.connection
        for table in vectors:
            if connection.vendor == "postgresql":
                schema_editor.execute(drop_postgres_vector_sql(table))
            drop_sqlite_index(connection, table)

    return migrations.RunPython(create, drop, elidable=False)


def sqlite_index_operation(indexes):
    """A migration operation that gives each table of `indexes` ({table: fulltext_fields}) an
    FTS5 index on SQLite. PostgreSQL searches these tables' few rows without a stored vector:
    there it does nothing."""

    def create(apps, schema_editor):
        for table, fields in indexes.items():
            create_sqlite_index(schema_editor.connection, table, [name for name, _ in fields])

    def drop(apps, schema_editor):
        for table in indexes:
            drop_sqlite_index(schema_editor.connection, table)

    return migrations.RunPython(create, drop, elidable=False)


def reindex_operation(vectors, previous, stored=True):
    """A migration operation for tables whose `fulltext_fields` changed: each table of
    `vectors` ({table: fulltext_fields}) is indexed again over its new fields, the rows
    already there included; reversed, over `previous`'s. `stored`: the tables keep a
    trigger-kept vector on PostgreSQL (as stored_vector_operation()); without it, only
    SQLite has an index to rebuild."""

    def index(fields_by_table):
        def run(apps, schema_editor):
            connection = schema_editor.connection
            for table, fields in fields_by_table.items():
                if connection.vendor == "postgresql" and stored:
                    schema_editor.execute(drop_postgres_vector_sql(table))
                    schema_editor.execute(postgres_vector_sql(table, fields))
                drop_sqlite_index(connection, table)
                create_sqlite_index(connection, table, [name for name, _weight in fields])

        return run

    return migrations.RunPython(index(vectors), index(previous), elidable=False)
