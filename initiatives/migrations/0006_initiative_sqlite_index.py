"""The initiatives' full-text index on SQLite: an FTS5 table over title, summary and
description, kept by triggers (core.fulltext.create_sqlite_index). PostgreSQL has its own,
the stored vector of 0005; there this migration does nothing."""

from django.db import migrations

from core.fulltext import create_sqlite_index, drop_sqlite_index

TABLE = "initiatives_initiative"
# As Initiative.fulltext_fields names them, in the same order (bm25() weighs them by position).
COLUMNS = ("title", "summary", "description")


def create_index(apps, schema_editor):
    create_sqlite_index(schema_editor.connection, TABLE, COLUMNS)


def drop_index(apps, schema_editor):
    drop_sqlite_index(schema_editor.connection, TABLE)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0005_initiative_search_index")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
