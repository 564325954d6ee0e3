"""Full-text indexes on SQLite for meetings, interventions and discussion points: an FTS5
table each over the fields of the models' fulltext_fields, kept by triggers
(core.fulltext.create_sqlite_index). PostgreSQL has its own, the stored vectors of 0003; there
this migration does nothing."""

from django.db import migrations

from core.fulltext import create_sqlite_index, drop_sqlite_index

# table: columns, as the models' fulltext_fields name them, in the same order.
INDEXES = {
    "meetings_meeting": ("title", "theme", "summary", "report"),
    "meetings_intervention": ("topic", "summary"),
    "meetings_discussionpoint": ("text", "detail"),
}


def create_indexes(apps, schema_editor):
    for table, columns in INDEXES.items():
        create_sqlite_index(schema_editor.connection, table, columns)


def drop_indexes(apps, schema_editor):
    for table in INDEXES:
        drop_sqlite_index(schema_editor.connection, table)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_search_vectors")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
