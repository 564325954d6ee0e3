from django.db.models import Count, Q
from django.views.generic import TemplateView

from initiatives.models import RTC, Category, Initiative
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


def with_initiative_count(queryset):
    """Annotates each row with how many published initiatives it has.

    distinct=True keeps the count right when another annotation joins more rows.
    """
    return queryset.annotate(
        initiative_count=Count(
            "initiatives",
            filter=Q(initiatives__in=Initiative.objects.published()),
            distinct=True,
        )
    )


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meetings"] = Meeting.objects.published()[:3]
        context["rtcs"] = with_initiative_count(RTC.objects.published().with_related())
        context["categories"] = with_initiative_count(Category.objects.published())
        context.update(home_charts())
        return context
