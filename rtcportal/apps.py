from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.groups import CONTENT_APPS


class PortalConfig(AppConfig):
    name = "rtcportal"
    verbose_name = "RTC Portal"

    def ready(self):
        # A signal is the one place that sees every write path to content: admin forms,
        # inlines, bulk deletes, imports, history restores, management commands. Each such
        # write retires every cached public page (rtcportal/cache.py).
        from .cache import content_changed

        for app_label in CONTENT_APPS:
            for model in apps.get_app_config(app_label).get_models():
                post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-{model}")
                post_delete.connect(
                    content_changed, sender=model, dispatch_uid=f"page-cache-del-{model}"
                )
                for field in model._meta.local_many_to_many:
                    through = field.remote_field.through
                    m2m_changed.connect(
                        content_changed, sender=through, dispatch_uid=f"page-cache-{through}"
                    )
        # The glossary's terms are marked on every page (core.glossary): a change retires
        # the pages too.
        from core.models import GlossaryTerm

        post_save.connect(content_changed, sender=GlossaryTerm, dispatch_uid="page-cache-glossary")
        post_delete.connect(
            content_changed, sender=GlossaryTerm, dispatch_uid="page-cache-del-glossary"
        )
