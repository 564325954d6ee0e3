from django.apps import AppConfig, apps
from django.db import connections
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """The shared kernel under both apps: publishing, admin bases, search, view mixins."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        post_migrate.connect(repair_sqlite_indexes, sender=self)


def repair_sqlite_indexes(using, **kwargs):
    """After every migrate (and every test flush): SQLite's search triggers are whole again,
    whatever table rebuild a migration did. The models are the live ones: historical models
    know no `fulltext_fields`."""
    from core.fulltext import repair_sqlite_indexes

    searchable = [model for model in apps.get_models() if hasattr(model, "fulltext_fields")]
    repair_sqlite_indexes(connections[using], searchable)
