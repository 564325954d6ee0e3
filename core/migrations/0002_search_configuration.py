"""What core.fulltext needs of PostgreSQL; nothing on SQLite, whose FTS5 has it built in.

- pg_trgm, for the search's "Did you mean" (core.fulltext.suggest); SQLite uses difflib.
- unaccent and the text search configuration `portal_english`: the 'english' configuration
  with accents folded before stemming, so "Viet Nam" finds "Việt Nam" as it does on SQLite,
  where FTS5 folds them (remove_diacritics). Only words with letters outside ASCII pass
  through unaccent. The apps' search triggers (their search_index migrations) use it.
"""

from django.db import migrations

from core.fulltext.index import CONFIG

# As django.contrib.postgres' TrigramExtension and UnaccentExtension, which reverse with a
# PostgreSQL query on every database.
CREATE = f"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english);
ALTER TEXT SEARCH CONFIGURATION {CONFIG}
    ALTER MAPPING FOR word, hword, hword_part WITH unaccent, english_stem;
"""
DROP = f"""
DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG};
DROP EXTENSION IF EXISTS unaccent;
DROP EXTENSION IF EXISTS pg_trgm;
"""


def create_search_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_search_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(create_search_configuration, drop_search_configuration, elidable=False)
    ]
