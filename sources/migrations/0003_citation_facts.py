"""A citation's fact is one of the facts its record's page shows (Citation.Fact, by cited
model in Citation.FACTS_BY_MODEL), no longer free text.

Stored facts are mapped onto the list: the record's files give a meeting's `dates`, `format`,
`venue`, `theme` and `size` (kept) and `record` (the record as a whole, which the loader
stores as empty); words typed in the admin that name a shown fact differently are mapped to it
(`participants` to `size`, `place` to `venue` ...); any other word (`chair`, `opening`,
`organisers`), and any fact of a record whose page shows none, becomes a citation of the
record as a whole, since that is where the page shows it. Where the record already cites the
same source as a whole, the two are one citation.
"""

from django.db import migrations, models

MEETING_FACTS = ["", "dates", "format", "venue", "theme", "size"]
SAME_FACT = {
    "record": "",
    "date": "dates",
    "when": "dates",
    "place": "venue",
    "where": "venue",
    "location": "venue",
    "city": "venue",
    "participants": "size",
    "participant_count": "size",
    "count": "size",
    "number": "size",
}


def onto_the_list(apps, schema_editor):
    # Through the connection being migrated, never the router's choice (a replica).
    alias = schema_editor.connection.alias
    citations = apps.get_model("sources", "Citation").objects.using(alias)
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(alias)
    meeting_type = content_types.filter(app_label="meetings", model="meeting").first()
    for citation in citations.exclude(fact="").order_by("pk"):
        word = " ".join(citation.fact.lower().split())
        word = SAME_FACT.get(word, word)
        is_meeting = meeting_type is not None and citation.content_type_id == meeting_type.pk
        fact = word if is_meeting and word in MEETING_FACTS else ""
        if fact == citation.fact:
            continue
        twin = citations.filter(
            source_id=citation.source_id,
            content_type_id=citation.content_type_id,
            object_id=citation.object_id,
            fact=fact,
        )
        if twin.exists():
            citation.delete()
        else:
            citation.fact = fact
            citation.save(update_fields=["fact"])


FIELD = models.CharField(
    blank=True,
    choices=[
        ("", "the record as a whole"),
        ("dates", "dates"),
        ("format", "format"),
        ("venue", "place"),
        ("theme", "theme"),
        ("size", "who took part"),
    ],
    default="",
    help_text="Which fact of the record it supports, as its page shows it; or the record as "
    "a whole.",
    max_length=40,
)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0002_search_index"),
    ]

    operations = [
        migrations.RunPython(onto_the_list, migrations.RunPython.noop),
        migrations.AlterField(model_name="citation", name="fact", field=FIELD),
        migrations.AlterField(model_name="historicalcitation", name="fact", field=FIELD),
    ]
