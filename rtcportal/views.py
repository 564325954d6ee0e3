"""The site-wide pages that compose both apps: the home page with its charts; the site
search, /search/?q=, over topics, initiatives, RTCs, administrations, programmes, meetings,
interventions, discussion points, documents and the text inside them (a hit names the
document and its page, slide or sheet), each ranked by core.fulltext (synonyms included),
grouped by kind with counts, with the passage that matched; and /robots.txt."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import TemplateView

from core.addresses import absolute_url, filtered_list_url
from core.fulltext.query import MAX_QUERY_LENGTH
from core.fulltext.search import headlines, read_query, search_snippet
from core.fulltext.suggest import suggest
from core.models import GlossaryTerm
from core.views import BreadcrumbsMixin, QueryFormMixin, with_published_count
from documents.models import Document, DocumentPage
from initiatives.models import RTC, Category, Initiative
from meetings.models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Person,
    Programme,
    Topic,
)
from sources.models import Source

from .charts import home_charts


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One purpose a section, each number shown once: the latest meetings, the
        # centres by name, the kinds of delivery with their counts, who takes part (a chart).
        context["meetings"] = Meeting.objects.published()[:3]
        context["rtcs"] = RTC.objects.published().with_related()
        context["categories"] = with_published_count(Category.objects.published(), "initiatives")
        context.update(home_charts())
        return context


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the portal",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
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
        if query and not context["total"]:
            suggestion = suggest(query, self.vocabulary())
            context["suggestion"] = suggestion
            context["suggestion_url"] = filtered_list_url("search", q=suggestion)
        return context

    def vocabulary(self):
        """Where "Did you mean" finds words: names and titles of what the public may see, from
        tables that grow by a few rows a year (core.fulltext.suggest splits them at every call)."""
        return [
            (RTC.objects.published(), ("name", "city")),
            (Body.objects.published(), ("name", "full_name")),
            (Programme.objects.published(), ("name", "description")),
            (Category.objects.published(), ("name",)),
            (Meeting.objects.published(), ("title", "theme")),
            (Intervention.objects.published(), ("topic",)),
            (DiscussionPoint.objects.published(), ("text",)),
            # The public record: sources, people, where meetings were held.
            (Source.objects.published(), ("title", "publisher")),
            (Person.objects.published(), ("name", "position")),
            (Meeting.objects.published(), ("venue", "city", "country")),
            (Topic.objects.published(), ("name",)),
        ]

    def searched(self):
        """What the public may see of every searched kind of record."""
        return [
            Initiative.objects.published(),
            RTC.objects.published(),
            Body.objects.published(),
            Programme.objects.published(),
            Meeting.objects.published(),
            Intervention.objects.published(),
            DiscussionPoint.objects.published(),
            Document.objects.published(),
            DocumentPage.objects.published(),
            Topic.objects.published(),
        ]

    def sections(self, query):
        # Read once for every kind of record and every passage, synonyms and all.
        query = self.parsed_query = read_query(query)
        (
            initiatives,
            rtcs,
            bodies,
            programmes,
            meetings,
            interventions,
            points,
            documents,
            pages,
            topics,
        ) = (records.search(query) for records in self.searched())
        initiatives = initiatives.with_related()
        rtcs = rtcs.with_related()
        programmes = programmes.select_related("body")
        interventions = interventions.select_related("meeting", "speaker", "body")
        points = points.select_related("meeting", "body")
        documents = documents.prefetch_related("attached_to")
        pages = pages.with_related()
        return [
            # Topics first: a topic's page gathers every meeting and record on it.
            self.section(
                "topics",
                "Topics",
                topics,
                ("summary",),
                lambda t: (t.name, t.get_absolute_url(), "A topic across the meetings"),
            ),
            self.section(
                "initiatives",
                "Initiatives",
                initiatives,
                ("summary", "description"),
                lambda i: (i.title, i.get_absolute_url(), f"{i.rtc} · {i.meeting}"),
                filtered_list_url("initiatives:list", q=self.query),
            ),
            self.section(
                "rtcs",
                "RTCs",
                rtcs,
                ("description",),
                lambda r: (r.name, r.get_absolute_url(), rtc_context(r)),
            ),
            self.section(
                "administrations",
                "Administrations and bodies",
                bodies,
                ("full_name",),
                lambda b: (b.name, b.get_absolute_url(), b.get_kind_display()),
            ),
            self.section(
                "programmes",
                "Programmes",
                programmes,
                ("description",),
                lambda p: (p.name, programme_url(p), programme_context(p)),
            ),
            self.section(
                "meetings",
                "Meetings",
                meetings,
                ("summary", "report"),
                lambda m: (m.title, m.get_absolute_url(), meeting_context(m)),
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
            *self.record_sections(query),
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

    # --- The public record: its sources and the people in it ----------------------------------

    def record_sections(self, query):
        sources = Source.objects.published().search(query)
        people = (
            Person.objects.published()
            .search(query)
            .select_related("body")
            .prefetch_related(
                Prefetch(
                    "meeting_roles",
                    queryset=MeetingRole.objects.published()
                    .select_related("meeting")
                    .order_by("-meeting__start_date"),
                )
            )
        )
        return [
            self.section(
                "sources",
                "Sources",
                sources,
                ("note",),
                lambda s: (s.title, s.get_absolute_url(), source_context(s)),
                filtered_list_url("sources:list", q=self.query),
            ),
            self.section(
                "people",
                "People",
                people,
                ("position",),
                lambda p: (str(p), *person_link_and_context(p)),
            ),
        ]

    def section(self, slug, label, results, headline_fields, describe, more_url=""):
        """The first `limit` results, described as (title, url, context), with snippets."""
        rows = list(results[: self.limit])
        passages = headlines(rows, self.parsed_query, headline_fields)
        hits = [Hit(*describe(row), search_snippet(passages[row.pk])) for row in rows]
        # Fewer than a page: that is all of them, and counting again would cost a query.
        total = len(rows) if len(rows) < self.limit else results.count()
        return Section(slug, label, hits, total, more_url)


def meeting_context(meeting):
    return " · ".join(
        part for part in (meeting.start_date.strftime("%B %Y"), meeting.location) if part
    )


def source_context(source):
    return f"{source.publisher} · {source.get_kind_display()} · {source.date_display}"


def person_link_and_context(person):
    """The latest meeting the person helped run (the page names their post then), else the
    body they belong to."""
    roles = list(person.meeting_roles.all())
    context = " · ".join(part for part in (person.position, person.body.name) if part)
    if roles:
        latest = roles[0]
        return (
            latest.get_absolute_url(),
            f"{context} · {latest.get_kind_display()}, {latest.meeting}",
        )
    return person.body.get_absolute_url(), context


def rtc_context(rtc):
    return " · ".join(part for part in (f"Hosted by {rtc.host}", rtc.city) if part)


def programme_context(programme):
    run_by = f"run by {programme.body}" if programme.body else ""
    return " · ".join(part for part in (programme.get_kind_display(), run_by) if part)


def programme_url(programme):
    """Programmes have no page: the administration that runs it lists it, else the list of
    administrations."""
    if programme.body:
        return f"{programme.body.get_absolute_url()}#programme-{programme.slug}"
    return reverse("meetings:administration-list")


class RobotsView(TemplateView):
    """/robots.txt: where the sitemap is, and what crawlers have no use for."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = absolute_url(self.request, reverse("sitemap"))
        disallowed = []
        # A custom admin address (DJANGO_ADMIN_URL) keeps the admin out of the way of scripted
        # guessing; naming it here would give it away.
        if settings.ADMIN_URL == "admin/":
            disallowed.append("/admin/")
        disallowed += [
            "/preview/",
            reverse("initiatives:export-csv"),
            reverse("initiatives:export-json"),
            reverse("sources:export-csv"),
            # Every meeting's participants list (meetings:participants-csv); the major crawlers
            # understand the wildcard, which no slug converter would reverse.
            "/meetings/*/participants.csv",
        ]
        context["disallowed"] = disallowed
        return context


def csrf_failure(request, reason=""):
    """A form sent without its security token (CSRF_FAILURE_VIEW), in the portal's design."""
    return render(request, "403_csrf.html", status=403)


# --- Reading aids: the glossary and the accessibility statement -------------------------------


class GlossaryView(BreadcrumbsMixin, TemplateView):
    """/glossary/: the field's words the pages mark at their first use (core.glossary)."""

    template_name = "glossary.html"

    def get_breadcrumbs(self):
        return [("Glossary", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["terms"] = GlossaryTerm.objects.all()
        return context


class AccessibilityView(BreadcrumbsMixin, TemplateView):
    """/accessibility/: what works for disabled readers, what does not yet, whom to tell."""

    template_name = "accessibility.html"

    def get_breadcrumbs(self):
        return [("Accessibility statement", None)]
