"""The site-wide pages that compose both apps: the home page with its charts, and the site
search, /search/?q=, over initiatives, meetings, interventions, discussion points, documents
and the text inside them (a hit names the document and its page, slide or sheet), each
ranked by core.fulltext, with the passage that matched."""

from dataclasses import dataclass

from django import forms
from django.views.generic import TemplateView

from core import fulltext
from core.addresses import filtered_list_url
from core.views import BreadcrumbsMixin, QueryFormMixin, with_published_count
from documents.models import Document, DocumentPage
from initiatives.models import RTC, Category, Initiative
from meetings.models import DiscussionPoint, Intervention, Meeting

from .charts import home_charts


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meetings"] = Meeting.objects.published()[:3]
        rtcs = RTC.objects.published().with_related()
        context["rtcs"] = with_published_count(rtcs, "initiatives")
        context["categories"] = with_published_count(Category.objects.published(), "initiatives")
        context.update(home_charts(context["categories"]))
        return context


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the portal",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": fulltext.MAX_QUERY_LENGTH}),
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


class SiteSearchView(QueryFormMixin, BreadcrumbsMixin, TemplateView):
    template_name = "search/results.html"
    form_class = SearchForm
    # Results shown per kind of record; the initiatives list has the rest.
    limit = 20

    def get_breadcrumbs(self):
        return [("Search", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        query = self.valid_data().get("q", "") if self.form.is_valid() else ""
        self.query = context["query"] = query
        context["sections"] = self.sections(query) if query else []
        context["total"] = sum(section.total for section in context["sections"])
        return context

    def sections(self, query):
        initiatives = Initiative.objects.published().search(query).with_related()
        meetings = Meeting.objects.published().search(query)
        interventions = (
            Intervention.objects.published()
            .search(query)
            .select_related("meeting", "speaker", "body")
        )
        points = DiscussionPoint.objects.published().search(query).select_related("meeting", "body")
        documents = Document.objects.published().search(query).prefetch_related("attached_to")
        pages = DocumentPage.objects.published().search(query).with_related()
        return [
            self.section(
                "initiatives",
                "Initiatives",
                initiatives,
                ("summary", "description"),
                lambda i: (i.title, i.get_absolute_url(), f"{i.rtc} · {i.meeting}"),
                filtered_list_url("initiatives:list", q=query),
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
            self.section(
                "documents",
                "Documents",
                documents,
                ("description",),
                lambda d: (d.title, d.get_absolute_url(), f"{d.file_summary} · {d.attached_to}"),
            ),
            self.section(
                "document-pages",
                "Inside documents",
                pages,
                ("text",),
                lambda p: (
                    p.document.title,
                    p.url,
                    " · ".join(
                        part for part in (p.label.capitalize(), p.document.file_summary) if part
                    )
                    + f" · {p.document.attached_to}",
                ),
            ),
        ]

    def section(self, slug, label, results, headline_fields, describe, more_url=""):
        """The first `limit` results, described as (title, url, context), with snippets."""
        rows = list(results[: self.limit])
        passages = fulltext.headlines(rows, self.query, headline_fields)
        hits = [
            Hit(*describe(row), fulltext.search_snippet(passages[row.pk], self.query))
            for row in rows
        ]
        return Section(slug, label, hits, results.count(), more_url)
