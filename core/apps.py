from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared kernel under both apps: publishing, admin bases, search, view mixins."""

    name = "core"
    verbose_name = "Core"
