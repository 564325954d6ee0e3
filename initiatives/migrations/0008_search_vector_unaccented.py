"""The initiatives' stored search vector in core's `portal_english` configuration (accents
folded; core/0005), the same fields and weights as 0005. Reversing goes back to 'english'.
Nothing to do on SQLite."""

from django.db import migrations

from core.fulltext import postgres_vector_sql

TABLE = "initiatives_initiative"
# As Initiative.fulltext_fields.
FIELDS = (("title", "A"), ("summary", "B"), ("description", "C"))


def use_portal_english(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(postgres_vector_sql(TABLE, FIELDS, "portal_english"))


def use_english(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(postgres_vector_sql(TABLE, FIELDS, "english"))


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0007_rtc_sqlite_index"),
        ("core", "0005_portal_english_configuration"),
    ]

    operations = [migrations.RunPython(use_portal_english, use_english, elidable=False)]
