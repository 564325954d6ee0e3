"""RTCs found by what their pages show of their host institution and history: the
institution's names, acronyms and cities (`other_names`, weighed as the RTC's name), the notes
of its names and accreditation steps and the sources' versions where they disagree
(`history_notes`), copied by RTCQuerySet.index_history() and indexed with the RTC's fields."""

from django.db import migrations, models

from core.fulltext.index import reindex_operation

BEFORE = (("name", "A"), ("city", "B"), ("description", "C"))
AFTER = (
    ("name", "A"),
    ("other_names", "A"),
    ("city", "B"),
    ("description", "C"),
    ("history_notes", "C"),
)


def index_history(apps, schema_editor):
    from initiatives.models import history_text

    # Through the connection being migrated, never the router's choice (a replica).
    alias = schema_editor.connection.alias
    rtcs = apps.get_model("initiatives", "RTC").objects.using(alias)
    accounts = apps.get_model("sources", "Account").objects.using(alias)
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(alias)
    rtc_type = content_types.filter(app_label="initiatives", model="rtc").first()
    for rtc in rtcs.all():
        versions = accounts.filter(
            source__status="published",
            disagreement__content_type=rtc_type,
            disagreement__object_id=rtc.pk,
        ).order_by("disagreement__order", "order", "pk")
        rtcs.filter(pk=rtc.pk).update(
            **history_text(
                rtc.institutions.all(),
                rtc.accreditations.all(),
                [account.version for account in versions],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_search_index"),
        ("sources", "0002_search_index"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="rtc",
            name="history_notes",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="The notes of its institution names and accreditation steps and the "
                "sources' versions where they disagree, for the search.",
            ),
        ),
        migrations.AddField(
            model_name="rtc",
            name="other_names",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="Its host institution's names, acronyms and cities, one a line, for "
                "the search.",
            ),
        ),
        reindex_operation({"initiatives_rtc": AFTER}, {"initiatives_rtc": BEFORE}, stored=False),
        migrations.RunPython(index_history, migrations.RunPython.noop),
    ]
