"""The site search finds people (name and post) and meetings by where they were held.

- People: an FTS5 index on SQLite over Person.fulltext_fields; PostgreSQL searches these few
  rows' text without a stored vector, as for bodies (0005).
- Meetings: venue, city and country join the weighted fields: the PostgreSQL trigger computes
  them into the stored vector, the SQLite index gains the columns. Reversing restores 0006's.
"""

from django.db import migrations

from core.fulltext import create_sqlite_index, drop_sqlite_index, postgres_vector_sql

MEETING_BEFORE = (("title", "A"), ("theme", "B"), ("summary", "B"), ("report", "C"))
MEETING_AFTER = (*MEETING_BEFORE, ("venue", "B"), ("city", "B"), ("country", "B"))
PERSON = (("name", "A"), ("position", "B"))


def index(meeting_fields, people):
    def operation(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor == "postgresql":
            schema_editor.execute(postgres_vector_sql("meetings_meeting", meeting_fields))
            return
        drop_sqlite_index(connection, "meetings_meeting")
        create_sqlite_index(connection, "meetings_meeting", [name for name, _ in meeting_fields])
        drop_sqlite_index(connection, "meetings_person")
        if people:
            create_sqlite_index(connection, "meetings_person", [name for name, _ in PERSON])

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0010_printable_record_text"),
        ("core", "0005_portal_english_configuration"),
    ]

    operations = [
        migrations.RunPython(
            index(MEETING_AFTER, people=True), index(MEETING_BEFORE, people=False), elidable=False
        )
    ]
