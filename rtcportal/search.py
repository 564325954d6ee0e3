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
        self.query = context["query"] = query
        context["sections"] = self.sections(query) if query else []
        context["total"] = sum(section.total for section in context["sections"])
        return context

    def sections(self, query):
        published_meetings = Meeting.objects.published()
        initiatives = Initiative.objects.published().search(query).with_related()
        meetings = search.search(
            published_meetings,
            query,
            search.MEETING_FIELDS,
            vector_field="search_vector",
        )
        interventions = search.search(
            Intervention.objects.filter(meeting__in=published_meetings).select_related(
                "meeting", "speaker", "body"
            ),
            query,
            search.INTERVENTION_FIELDS,
            vector_field="search_vector",
        )
        points = search.search(
            DiscussionPoint.objects.filter(meeting__in=published_meetings).select_related(
                "meeting", "body"
            ),
            query,
            search.DISCUSSION_POINT_FIELDS,
            vector_field="search_vector",
        )
        return [
            self.section(
                "initiatives",
                "Initiatives",
                initiatives,
                ("summary", "description"),
                lambda i: (i.title, i.get_absolute_url(), f"{i.rtc} · {i.meeting}"),
                initiatives_list_url(q=query),
            ),
            self.section(
                "meetings",
                "Meetings",
                meetings,
                ("summary", "report"),
                lambda m: (m.title, m.get_absolute_url(), m.start_date.strftime("%B %Y")),
            ),
            self.section(
                "interventions",
                "Who spoke about it",
                interventions,
                ("summary",),
                lambda i: (
                    i.topic,
                    i.meeting.get_absolute_url(),
                    f"{i.speaker_label} · {i.meeting}",
                ),
            ),
            self.section(
                "discussion-points",
                "Discussion points",
                points,
                ("detail",),
                lambda p: (
                    p.text,
                    p.meeting.get_absolute_url(),
                    f"{p.get_kind_display()} · {p.meeting}",
                ),
            ),
        ]

    def section(self, slug, label, results, headline_fields, describe, more_url=""):
        """The first `limit` results, described as (title, url, context), with snippets."""
        rows = list(results[: self.limit])
        passages = search.headlines(rows, self.query, headline_fields)
        hits = [
            Hit(*describe(row), search.search_snippet(passages[row.pk], self.query)) for row in rows
        ]
        return Section(slug, label, hits, results.count(), more_url)
