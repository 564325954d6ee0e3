"""Staff previews: a draft page exactly as the public will see it, with a banner saying so.

The preview views are the public detail views with the "published only" rule lifted; they
render the same templates. To anyone who is not signed-in staff a preview does not exist (404),
so drafts never leak and the addresses reveal nothing.
"""

from django.http import Http404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from initiatives.models import RTC, Initiative
from initiatives.views import InitiativeDetailView, RTCDetailView
from meetings.models import Meeting, Topic
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
    view_permission = "meetings.view_meeting"

    def get_queryset(self):
        return Meeting.objects.with_related()


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
