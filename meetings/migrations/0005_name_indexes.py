"""Full-text indexes on SQLite for the names the site search covers: administrations and
bodies (name, full name) and programmes (name, description), as in 0004. On PostgreSQL these
few rows are searched without a stored vector; there this migration does nothing."""

from django.db import migrations

from core.fulltext import create_sqlite_index, drop_sqlite_index

# table: columns, as the models' fulltext_fields name them, in the same order.
INDEXES = {
    "meetings_body": ("name", "full_name"),
    "meetings_programme": ("name", "description"),
}


def create_indexes(apps, schema_editor):
    for table, columns in INDEXES.items():
        create_sqlite_index(schema_editor.connection, table, columns)


def drop_indexes(apps, schema_editor):
    for table in INDEXES:
        drop_sqlite_index(schema_editor.connection, table)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_sqlite_indexes")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
