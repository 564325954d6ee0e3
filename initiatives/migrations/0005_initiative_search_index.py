"""The initiatives' weighted search vector, stored and indexed, on PostgreSQL.

A trigger keeps `search_vector` current on every insert and update (title A, summary B,
description C, the 'english' configuration, as core/fulltext.py expects), and a GIN index
on it answers `@@` matches. Storing the vector, rather than indexing an expression, spares
PostgreSQL from re-parsing every matching initiative's text to rank it.

SQLite has neither triggers of this kind nor GIN indexes, and its fallback search does not read
the column: there it is added and stays empty. The index is not declared in Initiative.Meta on
purpose: on SQLite, Django rebuilds a table with all declared indexes whenever a later migration
alters it, and a GIN index would make those rebuilds fail.
"""

import django.contrib.postgres.search
from django.db import migrations

CREATE = """
CREATE FUNCTION initiatives_initiative_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B')
        || setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END
$$;
CREATE TRIGGER initiatives_initiative_search_vector
    BEFORE INSERT OR UPDATE ON initiatives_initiative
    FOR EACH ROW EXECUTE FUNCTION initiatives_initiative_search_vector();
UPDATE initiatives_initiative SET search_vector = NULL;
CREATE INDEX initiative_search_idx ON initiatives_initiative USING gin (search_vector);
"""

DROP = """
DROP INDEX IF EXISTS initiative_search_idx;
DROP TRIGGER IF EXISTS initiatives_initiative_search_vector ON initiatives_initiative;
DROP FUNCTION IF EXISTS initiatives_initiative_search_vector();
"""


def create_trigger_and_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger_and_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0004_editor_and_reviewer_groups")]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text=(
                    "Kept current by a PostgreSQL trigger (migration 0005) for full-text search; "
                    "empty on SQLite."
                ),
                null=True,
            ),
        ),
        migrations.RunPython(create_trigger_and_index, drop_trigger_and_index, elidable=False),
    ]
