"""The stored search vectors of meetings, interventions and discussion points in core's
`portal_english` configuration (accents folded; core/0005), the same fields and weights as
0003. Reversing goes back to 'english'. Nothing to do on SQLite."""

from django.db import migrations

from core.fulltext import postgres_vector_sql

# table: (field, weight) pairs, as the models' fulltext_fields name them.
VECTORS = {
    "meetings_meeting": (("title", "A"), ("theme", "B"), ("summary", "B"), ("report", "C")),
    "meetings_intervention": (("topic", "A"), ("summary", "B")),
    "meetings_discussionpoint": (("text", "A"), ("detail", "B")),
}


def use_configuration(config):
    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table, fields in VECTORS.items():
                schema_editor.execute(postgres_vector_sql(table, fields, config))

    return forwards


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_name_indexes"),
        ("core", "0005_portal_english_configuration"),
    ]

    operations = [
        migrations.RunPython(
            use_configuration("portal_english"), use_configuration("english"), elidable=False
        )
    ]
