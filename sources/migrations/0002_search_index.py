"""Sources in the site search: a trigger-kept search vector with a GIN index on PostgreSQL, an
FTS5 index on SQLite (core.fulltext.index), over Source.fulltext_fields."""

from django.db import migrations

from core.fulltext.index import stored_vector_operation


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0001_initial"),
        ("core", "0002_search_configuration"),
    ]

    operations = [
        stored_vector_operation(
            {"sources_source": (("title", "A"), ("publisher", "B"), ("note", "C"))}
        )
    ]
