"""Stored, indexed search vectors for meetings, interventions and discussion points.

As for initiatives (initiatives/0005): on PostgreSQL a trigger keeps each row's weighted
`search_vector` current and a GIN index answers `@@` matches, so the site-wide search ranks
stored vectors instead of re-parsing every matching meeting's whole report. The weights are
the models' fulltext_fields. SQLite keeps the columns empty; its fallback search reads the
text. The GIN indexes are not declared in Meta, for the reason initiatives/0005 gives.
"""

import django.contrib.postgres.search
from django.db import migrations

# table: (field, weight) pairs, as the models' fulltext_fields name them.
VECTORS = {
    "meetings_meeting": (("title", "A"), ("theme", "B"), ("summary", "B"), ("report", "C")),
    "meetings_intervention": (("topic", "A"), ("summary", "B")),
    "meetings_discussionpoint": (("text", "A"), ("detail", "B")),
}


def create_sql(table, fields):
    vector = "\n        || ".join(
        f"setweight(to_tsvector('english', coalesce(NEW.{field}, '')), '{weight}')"
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


def drop_sql(table):
    return f"""
DROP INDEX IF EXISTS {table}_search_idx;
DROP TRIGGER IF EXISTS {table}_search_vector ON {table};
DROP FUNCTION IF EXISTS {table}_search_vector();
"""


def create_triggers_and_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table, fields in VECTORS.items():
            schema_editor.execute(create_sql(table, fields))


def drop_triggers_and_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in VECTORS:
            schema_editor.execute(drop_sql(table))


def search_vector_field():
    return django.contrib.postgres.search.SearchVectorField(
        editable=False,
        help_text=(
            "Kept current by a PostgreSQL trigger (migration 0003) for full-text search; "
            "empty on SQLite."
        ),
        null=True,
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_workflow_history")]

    operations = [
        migrations.AddField("meeting", "search_vector", search_vector_field()),
        migrations.AddField("intervention", "search_vector", search_vector_field()),
        migrations.AddField("discussionpoint", "search_vector", search_vector_field()),
        migrations.RunPython(
            create_triggers_and_indexes, drop_triggers_and_indexes, elidable=False
        ),
    ]
