"""A GIN index on the initiatives' weighted search vector, on PostgreSQL only.

It indexes the very expression initiatives/search.py queries (title A, summary B,
description C, 'english'), so PostgreSQL keeps it current on every write and uses it for
`@@` matches. SQLite has no such index type and its fallback search needs none, so there the
migration does nothing. The index is not declared in Initiative.Meta.indexes on purpose: on
SQLite, Django rebuilds a table with all declared indexes whenever a later migration alters it,
and a GIN index would make those rebuilds fail.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(
    SearchVector("title", weight="A", config="english")
    + SearchVector("summary", weight="B", config="english")
    + SearchVector("description", weight="C", config="english"),
    name="initiative_search_idx",
)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("initiatives", "Initiative"), INDEX)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("initiatives", "Initiative"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_secretariat_group")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
