"""Sources in the site search: a stored, trigger-kept search vector and a GIN index on
PostgreSQL, an FTS5 index on SQLite, over the fields of Source.fulltext_fields."""

import django.contrib.postgres.search
from django.db import migrations

from core.fulltext import stored_vector_operation


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0004_printable_record_text"),
        ("core", "0005_portal_english_configuration"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="Kept current by a PostgreSQL trigger (migration sources 0005) for full-text search; empty on SQLite.",
                null=True,
            ),
        ),
        stored_vector_operation(
            {"sources_source": (("title", "A"), ("publisher", "B"), ("note", "C"))}
        ),
    ]
