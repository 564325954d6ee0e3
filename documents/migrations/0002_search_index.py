"""Documents in the site search (core.fulltext.index), as the models' fulltext_fields weigh
them: the pages' text with a trigger-kept search vector and a GIN index on PostgreSQL and an
FTS5 index on SQLite; the documents' title and description with an FTS5 index on SQLite only
(PostgreSQL reads those few rows' text directly)."""

from django.db import migrations

from core.fulltext.index import sqlite_index_operation, stored_vector_operation


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("core", "0002_search_configuration"),
    ]

    operations = [
        stored_vector_operation({"documents_documentpage": (("text", "C"),)}),
        sqlite_index_operation({"documents_document": (("title", "A"), ("description", "B"))}),
    ]
