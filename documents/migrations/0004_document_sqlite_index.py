"""The documents' own full-text index on SQLite: an FTS5 table over title and description,
kept by triggers (core.fulltext.create_sqlite_index), as the site search needs on SQLite for
every model it searches. PostgreSQL reads the few rows' text directly; there this migration
does nothing."""

from django.db import migrations

from core.fulltext import create_sqlite_index, drop_sqlite_index

TABLE = "documents_document"
# As Document.fulltext_fields names them, in the same order (bm25() weighs them by position).
COLUMNS = ("title", "description")


def create_index(apps, schema_editor):
    create_sqlite_index(schema_editor.connection, TABLE, COLUMNS)


def drop_index(apps, schema_editor):
    drop_sqlite_index(schema_editor.connection, TABLE)


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_image_size")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
