from django.db import migrations

from core.groups import create_all_groups


class Migration(migrations.Migration):
    """The secretariat's groups gain the rights on sources, citations and disagreements."""

    dependencies = [
        ("sources", "0001_initial"),
        ("initiatives", "0005_initiative_search_index"),
        ("meetings", "0003_search_vectors"),
    ]

    operations = [migrations.RunPython(create_all_groups, migrations.RunPython.noop)]
