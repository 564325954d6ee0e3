"""Meetings' records in the site search (core.fulltext.index), as the models'
fulltext_fields weigh them.

- Meetings, interventions, discussion points and topics, which grow with every meeting: a
  trigger-kept search vector with a GIN index on PostgreSQL, an FTS5 index on SQLite.
- Administrations and bodies, programmes and people, a few rows each: an FTS5 index on SQLite
  only; PostgreSQL reads their text directly.
"""

from django.db import migrations

from core.fulltext.index import sqlite_index_operation, stored_vector_operation


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("core", "0002_search_configuration"),
    ]

    operations = [
        stored_vector_operation(
            {
                "meetings_meeting": (
                    ("title", "A"),
                    ("theme", "B"),
                    ("summary", "B"),
                    ("report", "C"),
                    ("venue", "B"),
                    ("city", "B"),
                    ("country", "B"),
                ),
                "meetings_intervention": (("topic", "A"), ("summary", "B")),
                "meetings_discussionpoint": (("text", "A"), ("detail", "B")),
                "meetings_topic": (("name", "A"), ("summary", "B")),
            }
        ),
        sqlite_index_operation(
            {
                "meetings_body": (("name", "A"), ("full_name", "A")),
                "meetings_programme": (("name", "A"), ("description", "B")),
                "meetings_person": (("name", "A"), ("position", "B")),
            }
        ),
    ]
