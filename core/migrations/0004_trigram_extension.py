"""pg_trgm on PostgreSQL, for the search's "Did you mean" (core.fulltext.suggest). Django's
operation does nothing on other databases; SQLite uses difflib instead."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0003_synonym_permissions")]

    operations = [TrigramExtension()]
