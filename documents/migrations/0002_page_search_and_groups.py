"""The pages' stored search vector (trigger and GIN index on PostgreSQL, core.fulltext), and
the secretariat groups' rights over documents (core.groups)."""

from django.db import migrations

from core.fulltext import stored_vector_operation
from core.groups import create_all_groups


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("initiatives", "0006_printable_text"),
        ("meetings", "0004_printable_text"),
    ]

    operations = [
        # As DocumentPage.fulltext_fields weighs it.
        stored_vector_operation({"documents_documentpage": (("text", "C"),)}),
        migrations.RunPython(create_all_groups, migrations.RunPython.noop),
    ]
