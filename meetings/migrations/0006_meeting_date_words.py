"""Meetings found by when they were held: the months and years in words (`date_words`, set
from the dates on save), searched with the meeting's other fields, so that "2019" or "October
2021" finds the meeting held then."""

from django.db import migrations, models

from core.fulltext.index import reindex_operation

BEFORE = (
    ("title", "A"),
    ("theme", "B"),
    ("summary", "B"),
    ("report", "C"),
    ("venue", "B"),
    ("city", "B"),
    ("country", "B"),
)


def fill_date_words(apps, schema_editor):
    from meetings.models import date_words

    Meeting = apps.get_model("meetings", "Meeting")
    # Through the connection being migrated, never the router's choice (a replica).
    meetings = Meeting.objects.using(schema_editor.connection.alias)
    for pk, start, end in meetings.values_list("pk", "start_date", "end_date"):
        meetings.filter(pk=pk).update(date_words=date_words(start, end))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_person_slug"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="date_words",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text='The months and years it was held in, in words ("September 2019"), '
                "for the search: set from the dates on every save.",
                max_length=200,
            ),
        ),
        migrations.RunPython(fill_date_words, migrations.RunPython.noop),
        reindex_operation(
            {"meetings_meeting": (*BEFORE, ("date_words", "B"))},
            {"meetings_meeting": BEFORE},
        ),
    ]
