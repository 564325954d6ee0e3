"""Text fields store printable text only (core.fields): the field classes, and the text already
stored rewritten without control characters."""

from django.db import migrations

import core.fields


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0005_initiative_search_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="category",
            name="description",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="category",
            name="name",
            field=core.fields.PrintableCharField(max_length=120, unique=True),
        ),
        migrations.AlterField(
            model_name="historicalcategory",
            name="description",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="historicalcategory",
            name="name",
            field=core.fields.PrintableCharField(db_index=True, max_length=120),
        ),
        migrations.AlterField(
            model_name="historicalinitiative",
            name="description",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="historicalinitiative",
            name="summary",
            field=core.fields.PrintableCharField(
                help_text="One or two sentences for lists.", max_length=500
            ),
        ),
        migrations.AlterField(
            model_name="historicalinitiative",
            name="title",
            field=core.fields.PrintableCharField(max_length=200),
        ),
        migrations.AlterField(
            model_name="historicalpartner",
            name="name",
            field=core.fields.PrintableCharField(db_index=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="historicalrtc",
            name="city",
            field=core.fields.PrintableCharField(blank=True, max_length=120),
        ),
        migrations.AlterField(
            model_name="historicalrtc",
            name="description",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="historicalrtc",
            name="name",
            field=core.fields.PrintableCharField(db_index=True, max_length=120),
        ),
        migrations.AlterField(
            model_name="initiative",
            name="description",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="initiative",
            name="summary",
            field=core.fields.PrintableCharField(
                help_text="One or two sentences for lists.", max_length=500
            ),
        ),
        migrations.AlterField(
            model_name="initiative",
            name="title",
            field=core.fields.PrintableCharField(max_length=200),
        ),
        migrations.AlterField(
            model_name="partner",
            name="name",
            field=core.fields.PrintableCharField(max_length=200, unique=True),
        ),
        migrations.AlterField(
            model_name="rtc",
            name="city",
            field=core.fields.PrintableCharField(blank=True, max_length=120),
        ),
        migrations.AlterField(
            model_name="rtc",
            name="description",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="rtc",
            name="name",
            field=core.fields.PrintableCharField(max_length=120, unique=True),
        ),
        migrations.RunPython(
            core.fields.make_stored_text_printable("initiatives"), migrations.RunPython.noop
        ),
    ]
