"""The site-wide search, /search/?q=: initiatives, meetings, interventions and discussion points,
each ranked by initiatives/search.py, with the passage that matched."""

from dataclasses import dataclass

from django import forms
from django.views.generic import TemplateView

from initiatives import search
from initiatives.discovery import initiatives_list_url
from initiatives.models import Initiative
from meetings.models import DiscussionPoint, Intervention, Meeting

from .views import BreadcrumbsMixin


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the portal",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": search.MAX_QUERY_LENGTH}),
    )


@dataclass
class Hit:
    title: str
    url: str
    context: str
    snippet: str


@dataclass
class Section:
    slug: str
    label: str
    hits: list
    total: int
    more_url: str = ""


class SiteSearchView(BreadcrumbsMixin, TemplateView):
    template_name = "search/results.html"
    # Results shown per kind of record; the initiatives list has the rest.
    limit = 20

    def get_breadcrumbs(self):
        return [("Search", None)]

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        response = super().get(request, *args, **kwargs)
        if not self.form.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        query = self.form.cleaned_data["q"] if self.form.is_valid() else ""
        context["query"] = query
        context["sections"] = self.sections(query) if query else []
        context["total"] = sum(section.total for section in context["sections"])
        return context

    def sections(self, query):
        published_meetings = Meeting.objects.published()
        initiatives = Initiative.objects.published().search(query).with_related()
        meetings = search.search(
            published_meetings,
            query,
            (("title", "A"), ("theme", "B"), ("summary", "B"), ("report", "C")),
            headline_fields=("summary", "report"),
        )
        interventions = search.search(
            Intervention.objects.filter(meeting__in=published_meetings).select_related(
                "meeting", "speaker", "body"
            ),
            query,
            (("topic", "A"), ("summary", "B")),
            headline_fields=("summary",),
        )
        points = search.search(
            DiscussionPoint.objects.filter(meeting__in=published_meetings).select_related(
                "meeting", "body"
            ),
            query,
            (("text", "A"), ("detail", "B")),
            headline_fields=("detail",),
        )

        def snippet(row):
            return search.search_snippet(row.search_headline, query)

        return [
            Section(
                "initiatives",
                "Initiatives",
                [
                    Hit(i.title, i.get_absolute_url(), f"{i.rtc} · {i.meeting}", snippet(i))
                    for i in initiatives[: self.limit]
                ],
                initiatives.count(),
                initiatives_list_url(q=query),
            ),
            Section(
                "meetings",
                "Meetings",
                [
                    Hit(m.title, m.get_absolute_url(), m.start_date.strftime("%B %Y"), snippet(m))
                    for m in meetings[: self.limit]
                ],
                meetings.count(),
            ),
            Section(
                "interventions",
                "Who spoke about it",
                [
                    Hit(
                        i.topic,
                        i.meeting.get_absolute_url(),
                        f"{i.speaker_label} · {i.meeting}",
                        snippet(i),
                    )
                    for i in interventions[: self.limit]
                ],
                interventions.count(),
            ),
            Section(
                "discussion-points",
                "Discussion points",
                [
                    Hit(
                        p.text,
                        p.meeting.get_absolute_url(),
                        f"{p.get_kind_display()} · {p.meeting}",
                        snippet(p),
                    )
                    for p in points[: self.limit]
                ],
                points.count(),
            ),
        ]
