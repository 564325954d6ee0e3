from django.views.generic import TemplateView

from initiatives.models import RTC
from meetings.models import Meeting

from .charts import home_charts


class BreadcrumbsMixin:
    """Puts the trail from Home to this page in the context as (label, url) pairs."""

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meetings"] = Meeting.objects.published()[:3]
        context["rtcs"] = RTC.objects.published().with_related()
        context.update(home_charts())
        return context
