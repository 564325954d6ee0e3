from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """The public accounts facts rest on, the citations that tie them to records, and the
    points on which the accounts disagree. Above core, under both apps, so anything can cite."""

    name = "sources"
    verbose_name = "Sources"
