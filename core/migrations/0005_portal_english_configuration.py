"""On PostgreSQL, the text search configuration core.fulltext uses, `portal_english`: the
'english' configuration with accents folded (unaccent) before stemming, so "Viet Nam" finds
"Việt Nam" as it does on SQLite, where FTS5 folds them (remove_diacritics). Only words with
letters outside ASCII pass through unaccent. The apps' search triggers move to it in their own
migrations (initiatives/0008, meetings/0006)."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CREATE = """
CREATE TEXT SEARCH CONFIGURATION portal_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION portal_english
    ALTER MAPPING FOR word, hword, hword_part WITH unaccent, english_stem;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_english;"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_trigram_extension")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_configuration, drop_configuration, elidable=False),
    ]
