from django.db import migrations

from core.groups import create_all_groups, delete_editor_and_reviewer_groups


class Migration(migrations.Migration):
    """Secretariat editors and reviewers; the Secretariat group also gains publish rights."""

    dependencies = [
        ("initiatives", "0003_workflow_history"),
        ("meetings", "0002_workflow_history"),
    ]

    operations = [migrations.RunPython(create_all_groups, delete_editor_and_reviewer_groups)]
