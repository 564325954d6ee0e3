"""Text fields store printable text only (core.fields): the field classes, and the text already
stored rewritten without control characters."""

from django.db import migrations

import core.fields


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_search_vectors"),
    ]

    operations = [
        migrations.AlterField(
            model_name="body",
            name="full_name",
            field=core.fields.PrintableCharField(
                blank=True,
                help_text='e.g. "Regional Office for Capacity Building".',
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="body",
            name="name",
            field=core.fields.PrintableCharField(
                help_text='The WCO\'s own naming, e.g. "Hong Kong (China)".',
                max_length=120,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="discussionpoint",
            name="detail",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="discussionpoint",
            name="text",
            field=core.fields.PrintableCharField(max_length=300),
        ),
        migrations.AlterField(
            model_name="historicalbody",
            name="full_name",
            field=core.fields.PrintableCharField(
                blank=True,
                help_text='e.g. "Regional Office for Capacity Building".',
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="historicalbody",
            name="name",
            field=core.fields.PrintableCharField(
                db_index=True,
                help_text='The WCO\'s own naming, e.g. "Hong Kong (China)".',
                max_length=120,
            ),
        ),
        migrations.AlterField(
            model_name="historicaldiscussionpoint",
            name="detail",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="historicaldiscussionpoint",
            name="text",
            field=core.fields.PrintableCharField(max_length=300),
        ),
        migrations.AlterField(
            model_name="historicalintervention",
            name="summary",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="historicalintervention",
            name="topic",
            field=core.fields.PrintableCharField(max_length=200),
        ),
        migrations.AlterField(
            model_name="historicalmeeting",
            name="location",
            field=core.fields.PrintableCharField(
                blank=True,
                help_text="City and country; leave empty for a virtual meeting.",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="historicalmeeting",
            name="report",
            field=core.fields.PrintableTextField(
                blank=True, help_text="The full account of the meeting."
            ),
        ),
        migrations.AlterField(
            model_name="historicalmeeting",
            name="summary",
            field=core.fields.PrintableTextField(
                blank=True, help_text="A paragraph shown in lists and at the top."
            ),
        ),
        migrations.AlterField(
            model_name="historicalmeeting",
            name="theme",
            field=core.fields.PrintableCharField(blank=True, max_length=300),
        ),
        migrations.AlterField(
            model_name="historicalmeeting",
            name="title",
            field=core.fields.PrintableCharField(max_length=200),
        ),
        migrations.AlterField(
            model_name="historicalparticipation",
            name="note",
            field=core.fields.PrintableCharField(
                blank=True,
                help_text='e.g. "RTC head" or "Iran Customs delegation".',
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="honorific",
            field=core.fields.PrintableCharField(
                blank=True, help_text='"Mr.", "Dr.", "Ms."', max_length=20
            ),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="name",
            field=core.fields.PrintableCharField(db_index=True, max_length=120),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="position",
            field=core.fields.PrintableCharField(
                blank=True, help_text="e.g. Head of ROCB A/P", max_length=200
            ),
        ),
        migrations.AlterField(
            model_name="historicalprogramme",
            name="description",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="historicalprogramme",
            name="name",
            field=core.fields.PrintableCharField(db_index=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="intervention",
            name="summary",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="intervention",
            name="topic",
            field=core.fields.PrintableCharField(max_length=200),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="location",
            field=core.fields.PrintableCharField(
                blank=True,
                help_text="City and country; leave empty for a virtual meeting.",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="report",
            field=core.fields.PrintableTextField(
                blank=True, help_text="The full account of the meeting."
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="summary",
            field=core.fields.PrintableTextField(
                blank=True, help_text="A paragraph shown in lists and at the top."
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="theme",
            field=core.fields.PrintableCharField(blank=True, max_length=300),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="title",
            field=core.fields.PrintableCharField(max_length=200),
        ),
        migrations.AlterField(
            model_name="participation",
            name="note",
            field=core.fields.PrintableCharField(
                blank=True,
                help_text='e.g. "RTC head" or "Iran Customs delegation".',
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="honorific",
            field=core.fields.PrintableCharField(
                blank=True, help_text='"Mr.", "Dr.", "Ms."', max_length=20
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="name",
            field=core.fields.PrintableCharField(max_length=120, unique=True),
        ),
        migrations.AlterField(
            model_name="person",
            name="position",
            field=core.fields.PrintableCharField(
                blank=True, help_text="e.g. Head of ROCB A/P", max_length=200
            ),
        ),
        migrations.AlterField(
            model_name="programme",
            name="description",
            field=core.fields.PrintableTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="programme",
            name="name",
            field=core.fields.PrintableCharField(max_length=200, unique=True),
        ),
        migrations.RunPython(
            core.fields.make_stored_text_printable("meetings"), migrations.RunPython.noop
        ),
    ]
