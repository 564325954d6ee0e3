from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        # A meeting needs more than its form's fields before review (meetings.review); the
        # workflow in core asks for it through this check.
        from core import workflow

        from .models import Meeting
        from .review import missing_for_review

        workflow.register_readiness_check(Meeting, missing_for_review)
