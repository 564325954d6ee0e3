"""The glossary's first terms (core.glossary.SEED_TERMS), which the secretariat edits and
extends in the admin (Core > Glossary terms), and the secretariat's groups' rights to keep
them. Reversing removes only these terms, and only if nobody edited them."""

from django.db import migrations

from core.glossary import SEED_TERMS, add_seed_terms
from core.groups import give_core_data_permissions


def add_terms(apps, schema_editor):
    add_seed_terms(apps.get_model("core", "GlossaryTerm"))


def remove_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("core", "GlossaryTerm")
    for term, (slug, expansion, definition) in SEED_TERMS.items():
        GlossaryTerm.objects.filter(
            term=term, slug=slug, expansion=expansion, definition=definition
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_glossary_term"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_terms, remove_terms, elidable=False),
        migrations.RunPython(give_core_data_permissions, migrations.RunPython.noop, elidable=False),
    ]
