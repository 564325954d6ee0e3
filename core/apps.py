from django.apps import AppConfig, apps
from django.db import connections, router
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    """The shared kernel under both apps: publishing, admin bases, search, view mixins."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        post_migrate.connect(repair_sqlite_indexes, sender=self)
        post_migrate.connect(build_secretariat_groups, sender=self)
        # Each app's downloads.py registers its downloads (core.downloads), in the web server
        # and in the task worker that makes them.
        autodiscover_modules("downloads")


def build_secretariat_groups(using, **kwargs):
    """After every migrate: the secretariat's groups hold their permissions over every content
    model there is (core.groups), so a new model joins them without a migration. From the
    state migrate left, so a content app migrated back to zero gives no permissions.

    Not after `flush`, which sends post_migrate without a migration plan: a flushed database
    is empty so that a backup, groups included, loads back into it with its own ids."""
    from django.contrib.auth.models import Group

    from core.groups import build_groups

    if "plan" not in kwargs:
        return
    if router.allow_migrate_model(using, Group):
        build_groups(kwargs.get("apps", apps), using)


def repair_sqlite_indexes(using, **kwargs):
    """After every migrate (and every test flush): SQLite's search triggers are whole again,
    whatever table rebuild a migration did. The models are the live ones (historical models
    know no `fulltext_fields`), so only the apps whose migrations are all applied are repaired:
    an app migrated back to an earlier state keeps the index its migrations left, which its
    next reversal expects (an index over a column that reversal drops would break it)."""
    from django.db.migrations.loader import MigrationLoader

    from core.fulltext.index import repair_sqlite_indexes

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    behind = {
        app
        for app, name in loader.graph.leaf_nodes()
        if (app, name) not in loader.applied_migrations
    }
    searchable = [
        model
        for model in apps.get_models()
        if hasattr(model, "fulltext_fields") and model._meta.app_label not in behind
    ]
    repair_sqlite_indexes(connection, searchable)
