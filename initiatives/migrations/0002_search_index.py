"""RTCs and initiatives in the site search (core.fulltext.index), as the models'
fulltext_fields weigh them: initiatives, which grow, with a trigger-kept search vector and a
GIN index on PostgreSQL and an FTS5 index on SQLite; the few RTCs with an FTS5 index on
SQLite only (PostgreSQL reads their text directly)."""

from django.db import migrations

from core.fulltext.index import sqlite_index_operation, stored_vector_operation


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("core", "0002_search_configuration"),
    ]

    operations = [
        stored_vector_operation(
            {"initiatives_initiative": (("title", "A"), ("summary", "B"), ("description", "C"))}
        ),
        sqlite_index_operation(
            {"initiatives_rtc": (("name", "A"), ("city", "B"), ("description", "C"))}
        ),
    ]
