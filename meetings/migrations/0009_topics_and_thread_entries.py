"""Topics that run through the series: the topic, its thread (one entry per meeting) and the
topics of meetings, interventions, programmes and discussion points. The topic's stored search
vector (trigger and GIN index on PostgreSQL, an FTS5 table on SQLite, core.fulltext), and the
secretariat groups' rights over topics (core.groups: reviewers publish them)."""

import django.contrib.postgres.search
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import core.fields
from core.fulltext import stored_vector_operation
from core.groups import create_all_groups


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_merge_record_and_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalTopic",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("review", "In review"),
                            ("published", "Published"),
                        ],
                        db_index=True,
                        default="draft",
                        help_text="Only published records appear on the public site.",
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "status_changed_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="When the status last changed.",
                        null=True,
                    ),
                ),
                ("name", core.fields.PrintableCharField(db_index=True, max_length=120)),
                ("slug", models.SlugField(max_length=120)),
                (
                    "summary",
                    core.fields.PrintableTextField(
                        blank=True, help_text="What the topic is about, in the portal's own words."
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "status_changed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        help_text="Who last changed the status.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical topic",
                "verbose_name_plural": "historical topics",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("review", "In review"),
                            ("published", "Published"),
                        ],
                        db_index=True,
                        default="draft",
                        help_text="Only published records appear on the public site.",
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "status_changed_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="When the status last changed.",
                        null=True,
                    ),
                ),
                ("name", core.fields.PrintableCharField(max_length=120, unique=True)),
                ("slug", models.SlugField(max_length=120, unique=True)),
                (
                    "summary",
                    core.fields.PrintableTextField(
                        blank=True, help_text="What the topic is about, in the portal's own words."
                    ),
                ),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False,
                        help_text="Kept current by a PostgreSQL trigger (migration 0009) for full-text search; empty on SQLite.",
                        null=True,
                    ),
                ),
                (
                    "status_changed_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        help_text="Who last changed the status.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "permissions": [("publish_topic", "Can publish and unpublish topics")],
            },
        ),
        migrations.CreateModel(
            name="HistoricalTopicEntry",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "note",
                    core.fields.PrintableTextField(
                        blank=True,
                        help_text="What this meeting said or did about the topic, in your own words.",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical thread entry",
                "verbose_name_plural": "historical thread entries",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="discussionpoint",
            name="topics",
            field=models.ManyToManyField(
                blank=True, related_name="discussion_points", to="meetings.topic"
            ),
        ),
        migrations.AddField(
            model_name="intervention",
            name="topics",
            field=models.ManyToManyField(
                blank=True, related_name="interventions", to="meetings.topic"
            ),
        ),
        migrations.AddField(
            model_name="programme",
            name="topics",
            field=models.ManyToManyField(
                blank=True, related_name="programmes", to="meetings.topic"
            ),
        ),
        migrations.CreateModel(
            name="TopicEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "note",
                    core.fields.PrintableTextField(
                        blank=True,
                        help_text="What this meeting said or did about the topic, in your own words.",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="topic_entries",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entries",
                        to="meetings.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "thread entry",
                "verbose_name_plural": "thread entries",
                "ordering": ["topic", "meeting__start_date"],
            },
        ),
        migrations.AddField(
            model_name="meeting",
            name="topics",
            field=models.ManyToManyField(
                related_name="meetings", through="meetings.TopicEntry", to="meetings.topic"
            ),
        ),
        migrations.AddConstraint(
            model_name="topicentry",
            constraint=models.UniqueConstraint(
                fields=("topic", "meeting"),
                name="one_thread_entry_per_topic_per_meeting",
                violation_error_message="This meeting is already in this topic's thread.",
            ),
        ),
        # As Topic.fulltext_fields weighs it.
        stored_vector_operation({"meetings_topic": (("name", "A"), ("summary", "B"))}),
        migrations.RunPython(create_all_groups, migrations.RunPython.noop),
    ]
