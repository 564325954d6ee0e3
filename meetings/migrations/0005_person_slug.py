"""Each person gets an address, /people/<slug>/: a slug made from their name, unique."""

import autoslug.fields
from django.db import migrations

import meetings.models

HELP = "The page's address, /people/<slug>/: lower-case words from the name."


def give_each_person_a_slug(apps, schema_editor):
    # Made here as the field makes them on save (the name's words, "-2" where two names give
    # one), through the connection being migrated: the field would ask the router, which may
    # send its reads to a replica that has no slug column yet.
    from meetings.models import person_slug

    Person = apps.get_model("meetings", "Person")
    people = Person.objects.using(schema_editor.connection.alias)
    taken = set()
    for pk, name in people.order_by("pk").values_list("pk", "name"):
        slug = base = person_slug(name)
        suffix = 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(slug)
        people.filter(pk=pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_chairs_silences_and_modes"),
    ]

    operations = [
        # Empty at first (NULLs never clash), filled in, then required.
        migrations.AddField(
            model_name="person",
            name="slug",
            field=autoslug.fields.AutoSlugField(
                blank=True,
                editable=True,
                help_text=HELP,
                max_length=120,
                null=True,
                populate_from="name",
                slugify=meetings.models.person_slug,
                unique=True,
            ),
        ),
        migrations.RunPython(give_each_person_a_slug, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="person",
            name="slug",
            field=autoslug.fields.AutoSlugField(
                blank=True,
                editable=True,
                help_text=HELP,
                max_length=120,
                populate_from="name",
                slugify=meetings.models.person_slug,
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="slug",
            field=autoslug.fields.AutoSlugField(
                blank=True,
                default="",
                editable=True,
                help_text=HELP,
                max_length=120,
                populate_from="name",
                slugify=meetings.models.person_slug,
            ),
            preserve_default=False,
        ),
    ]
