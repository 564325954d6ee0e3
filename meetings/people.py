"""The people of the series: /people/, everyone who chaired, opened, spoke or presented, and
/people/<slug>/, every part a person played, meeting by meeting, with the post they held
then and the sources of each part.

A person is public when the body they belong to is (`PersonQuerySet.published`); each part
shows only by its own `published()` (its meeting, and the bodies it names, published). The
page runs a fixed number of queries however many meetings a person took part in.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.views import BreadcrumbsMixin
from sources.references import References

from .models import Intervention, MeetingRole, Person, Presentation, Programme
from .topics import by_meeting


@dataclass
class MeetingParts:
    """What one person did at one meeting: the parts they played in running it (with the post
    they held then), the presentations they gave and what they spoke about."""

    meeting: object
    roles: list = field(default_factory=list)
    presentations: list = field(default_factory=list)
    interventions: list = field(default_factory=list)

    @property
    def position(self):
        """The post the account gives them at this meeting, where it gives one."""
        return next((role.position for role in self.roles if role.position), "")


class PersonListView(BreadcrumbsMixin, ListView):
    template_name = "meetings/person_list.html"
    context_object_name = "people"

    def get_queryset(self):
        return Person.objects.published().select_related("body")

    def get_breadcrumbs(self):
        return [("People", None)]


class PersonDetailView(BreadcrumbsMixin, DetailView):
    template_name = "meetings/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.published().select_related("body")

    def get_breadcrumbs(self):
        return [("People", reverse("meetings:person-list")), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        roles = list(
            MeetingRole.objects.published()
            .filter(person=person)
            .select_related("meeting", "body")
            .defer("meeting__report", "meeting__search_vector")
            .order_by("order", "pk")
        )
        presentations = list(
            Presentation.objects.published()
            .filter(speaker=person)
            .select_related("session__meeting", "body")
            .defer("session__meeting__report", "session__meeting__search_vector")
            .order_by("session__order", "order", "pk")
        )
        interventions = list(
            Intervention.objects.published()
            .filter(speaker=person)
            .select_related("meeting", "body")
            .defer("search_vector", "meeting__report", "meeting__search_vector")
            .prefetch_related(Prefetch("programmes", queryset=Programme.objects.published()))
            .order_by("order", "pk")
        )
        meetings = by_meeting(
            MeetingParts, roles=roles, presentations=presentations, interventions=interventions
        )
        # Numbered in the order the page shows them: meeting by meeting, part by part.
        ordered = [
            record
            for parts in meetings
            for record in (*parts.roles, *parts.presentations, *parts.interventions)
        ]
        references = References.for_records(ordered)
        references.annotate(ordered)
        context["meetings"] = meetings
        context["references"] = references.numbered_sources()
        return context
