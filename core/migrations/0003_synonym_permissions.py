"""The secretariat's groups keep the synonyms (core.groups.give_core_data_permissions): the
groups are made here if the content apps have not made them yet, and those apps' migrations
only ever add to them."""

from django.db import migrations

from core.groups import give_core_data_permissions, take_core_data_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_field_synonyms"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(give_core_data_permissions, take_core_data_permissions, elidable=False)
    ]
