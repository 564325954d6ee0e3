from django.apps import AppConfig


class PublicRecordConfig(AppConfig):
    """The public record kept as data files (data/record/): read, checked and loaded into every
    content app by `load_public_record`. On the top floor, beside rtcportal: it writes into
    every app, and no app imports it."""

    name = "public_record"
    verbose_name = "Public record"
