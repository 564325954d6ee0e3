"""Staff previews: a draft page exactly as the public will see it, with a banner saying so.

The preview views are the public detail views with the "published only" rule lifted; they
render the same templates. To anyone who is not signed-in staff a preview does not exist (404),
so drafts never leak and the addresses reveal nothing.
"""

from django.db import transaction
from django.http import Http404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from initiatives.models import RTC, Initiative
from initiatives.views import InitiativeDetailView, RTCDetailView
from meetings import review
from meetings.models import Meeting, Status, Topic
from meetings.topics import TopicDetailView
from meetings.views import MeetingDetailView

app_name = "preview"


@method_decorator(never_cache, name="dispatch")
class PreviewMixin:
    """Staff only; the page gets `preview` so base.html shows the banner."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff and user.has_perm(self.view_permission)):
            raise Http404("No such page.")
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opts = self.object._meta
        context["preview"] = {
            "status": self.object.get_status_display(),
            "change_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.object.pk]
            ),
        }
        return context


class MeetingPreview(PreviewMixin, MeetingDetailView):
    """The meeting as the public will see it once a reviewer publishes it with everything
    entered with it (meetings.review): its new bodies, sources and programmes included."""

    view_permission = "meetings.view_meeting"

    def get_queryset(self):
        return Meeting.objects.with_related()

    def get(self, request, *args, **kwargs):
        meeting = Meeting.objects.filter(slug=kwargs.get("slug")).first()
        if meeting is None:
            return super().get(request, *args, **kwargs)
        self.status_now = meeting.get_status_display()
        # Published for this one rendering and rolled back: the public pages' own rules then
        # show exactly what publishing will show. `update()` sends no signal, so no history
        # is written and no cache is touched.
        with transaction.atomic():
            for model, queryset in review.entered_with(meeting).items():
                pks = list(queryset.values_list("pk", flat=True))
                model.objects.filter(pk__in=pks).update(status=Status.PUBLISHED)
            response = super().get(request, *args, **kwargs)
            response.render()
            transaction.set_rollback(True)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"]["status"] = getattr(self, "status_now", context["preview"]["status"])
        return context


class InitiativePreview(PreviewMixin, InitiativeDetailView):
    view_permission = "initiatives.view_initiative"

    def get_queryset(self):
        return Initiative.objects.with_related()


class RTCPreview(PreviewMixin, RTCDetailView):
    view_permission = "initiatives.view_rtc"

    def get_queryset(self):
        return RTC.objects.with_related()


class TopicPreview(PreviewMixin, TopicDetailView):
    view_permission = "meetings.view_topic"

    def get_queryset(self):
        return Topic.objects.all()


# Each named after its model: the admin (core.admin.PublishableAdmin.preview_url) links to
# preview:<model name> for any model that has one.
urlpatterns = [
    path("meetings/<slug:slug>/", MeetingPreview.as_view(), name="meeting"),
    path("initiatives/<slug:slug>/", InitiativePreview.as_view(), name="initiative"),
    path("rtcs/<slug:slug>/", RTCPreview.as_view(), name="rtc"),
    path("topics/<slug:slug>/", TopicPreview.as_view(), name="topic"),
]
