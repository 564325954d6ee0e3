"""The RTCs' full-text index on SQLite (name, city, description), as 0006 for initiatives. On
PostgreSQL these few rows are searched without a stored vector; there this migration does
nothing."""

from django.db import migrations

from core.fulltext import create_sqlite_index, drop_sqlite_index

TABLE = "initiatives_rtc"
# As RTC.fulltext_fields names them, in the same order (bm25() weighs them by position).
COLUMNS = ("name", "city", "description")


def create_index(apps, schema_editor):
    create_sqlite_index(schema_editor.connection, TABLE, COLUMNS)


def drop_index(apps, schema_editor):
    drop_sqlite_index(schema_editor.connection, TABLE)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0006_initiative_sqlite_index")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
