"""The site-wide pages that compose both apps: the home page with its charts; the site
search, /search/?q=, over topics, initiatives, RTCs, administrations, programmes, meetings,
interventions, discussion points, documents and the text inside them (a hit names the
document and its page, slide or sheet), each ranked by core.fulltext (synonyms included),
the best match across every kind first, then grouped by kind with counts, with the passage
that matched; /data/, the downloads and the API for people who reuse the record; and
/robots.txt."""

import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import TemplateView

from core import counts, downloads
from core.addresses import absolute_url, filtered_list_url
from core.fulltext.query import MAX_QUERY_LENGTH, says, spells
from core.fulltext.search import matches, read_query, search_snippet
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
from sources.references import References

from . import api_examples
from .charts import home_charts


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One purpose a section, each number shown once: the latest meetings, the
        # centres by name, the kinds of delivery with their counts, who takes part (a chart).
        context["meetings"] = Meeting.objects.published()[:3]
        context["next_meeting"] = Meeting.objects.next_planned()
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
    # Known only from aggregators: every public source of the record as a whole is one
    # (sources.references.Refs), as its own page or its meeting's page marks it.
    unconfirmed: bool = False
    # The query matches the record's names (name, short name, acronyms, places), not only its
    # text; `named_exactly`: one of those names is, word for word, what was typed;
    # `named_together`: one of them holds the words typed together, in their order.
    in_names: bool = False
    named_exactly: bool = False
    named_together: bool = False
    # The record found, for its sources.
    record: object = None


@dataclass
class Section:
    slug: str
    label: str
    hits: list
    total: int
    more_url: str = ""


@dataclass
class Answer:
    """The best match across every kind of record, shown above the grouped results."""

    hit: Hit
    kind: str


# What the answer calls each kind of record, in the order of which answers first when records
# of several kinds match as well: the places and bodies the portal is about, then their
# meetings and people, then what mentions them.
ANSWER_KINDS = {
    "rtcs": "RTC",
    "administrations": "Administration or body",
    "meetings": "Meeting",
    "people": "Person",
    "topics": "Topic",
    "programmes": "Programme",
    "initiatives": "Initiative",
    "sources": "Source",
    "interventions": "Intervention",
    "discussion-points": "Discussion point",
    "documents": "Document",
    "document-pages": "Document",
}
ANSWER_ORDER = {slug: priority for priority, slug in enumerate(ANSWER_KINDS)}


def best_answer(sections):
    """The hit that answers the query, or None: one whose name is what was typed beats one
    with a name that holds the words typed together, which beats one whose names merely match
    them, of whatever kind; within each, the kind that ANSWER_ORDER puts first, then the
    engine's rank. A record that merely mentions the query is no answer: the grouped results
    show it."""
    candidates = [
        (
            (
                not hit.named_exactly,
                not hit.named_together,
                ANSWER_ORDER[section.slug],
                position,
            ),
            hit,
            section.slug,
        )
        for section in sections
        for position, hit in enumerate(section.hits)
        if hit.in_names
    ]
    if not candidates:
        return None
    _key, hit, slug = min(candidates, key=lambda candidate: candidate[0])
    return Answer(hit, ANSWER_KINDS[slug])


# A query asking for the meeting still to come ("next meeting", "when is the upcoming RTC Heads
# Meeting"): no record is named so, and its words alone find what mentions them (the 21st
# meeting's theme, "the next generation"). Only these words, one of each of the first two kinds.
NEXT_WORDS = {"next", "upcoming", "planned", "forthcoming", "coming", "future"}
MEETING_WORDS = {"meeting", "meetings"}
FILLER_WORDS = {"the", "a", "an", "when", "where", "is", "will", "be", "held", "rtc", "heads"}


def asks_for_next_meeting(query):
    words = set(re.findall(r"\w+", query.casefold()))
    return (
        bool(words & NEXT_WORDS)
        and bool(words & MEETING_WORDS)
        and words <= NEXT_WORDS | MEETING_WORDS | FILLER_WORDS
    )


def next_meeting_answer():
    """The next planned meeting as the best match, or None when none is planned."""
    meeting = Meeting.objects.next_planned()
    if meeting is None:
        return None
    context = meeting_context(meeting)
    hit = Hit(meeting.title, meeting.get_absolute_url(), context, "", in_names=True)
    return Answer(hit, "Next meeting")


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
        context["unconfirmed_note"] = mark_unconfirmed(context["sections"])
        context["next_meeting_asked"] = asked = bool(query) and asks_for_next_meeting(query)
        if asked:
            # The meeting to come answers, or the page says there is none and which was last.
            context["answer"] = next_meeting_answer()
            if context["answer"] is None:
                context["latest_meeting"] = Meeting.objects.published().defer("report").first()
        else:
            context["answer"] = best_answer(context["sections"])
        context["nothing_found"] = bool(query) and not context["total"] and not asked
        if context["nothing_found"]:
            suggestion = suggest(query, self.vocabulary())
            context["suggestion"] = suggestion
            context["suggestion_url"] = filtered_list_url("search", q=suggestion)
        return context

    def vocabulary(self):
        """Where "Did you mean" finds words: names and titles of what the public may see, from
        tables that grow by a few rows a year (core.fulltext.suggest splits them at every call)."""
        return [
            (RTC.objects.published(), ("name", "city", "other_names")),
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
                # What it is, else which of its institution's names or its history matched.
                ("description", "other_names", "history_notes"),
                lambda r: (r.name, r.get_absolute_url(), rtc_context(r)),
                names=lambda r: r.other_names.splitlines(),
                places=lambda r: (r.city,),
            ),
            self.section(
                "administrations",
                "Administrations and bodies",
                bodies,
                ("full_name",),
                lambda b: (b.name, b.get_absolute_url(), b.get_kind_display()),
                names=lambda b: (b.full_name,),
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
                places=lambda m: (m.venue, m.city, m.country, m.date_words),
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
                names=lambda p: (p.name,),
            ),
        ]

    def section(
        self, slug, label, results, headline_fields, describe, more_url="", names=None, places=None
    ):
        """The first `limit` results, described as (title, url, context), with snippets and
        how each is named by the query: `names` gives the row's own names beside its title,
        `places` where it is or was held (they name it, but it is never called by them)."""
        rows = list(results[: self.limit])
        found = matches(rows, self.parsed_query, headline_fields)
        hits = []
        for row in rows:
            title, url, context = describe(row)
            match = found[row.pk]
            own = [name for name in (title, *(names(row) if names else ())) if name]
            named = own + [place for place in (places(row) if places else ()) if place]
            hits.append(
                Hit(
                    title,
                    url,
                    context,
                    search_snippet(match.passage),
                    in_names=match.in_names,
                    named_exactly=match.in_names
                    and any(spells(self.parsed_query, name) for name in own),
                    named_together=match.in_names and any(says(name, self.query) for name in named),
                    record=row,
                )
            )
        # Fewer than a page: that is all of them, and counting again would cost a query.
        total = len(rows) if len(rows) < self.limit else results.count()
        return Section(slug, label, hits, total, more_url)


def mark_unconfirmed(sections):
    """Marks each hit known only from aggregators, whatever its kind, by the rule its page
    uses beside the record (one query for every hit's sources); whether any is marked."""
    hits = [hit for section in sections for hit in section.hits]
    references = References.for_records([hit.record for hit in hits])
    for hit in hits:
        hit.unconfirmed = references.refs(hit.record).unconfirmed
    return references.unconfirmed


def meeting_context(meeting):
    # "Planned" wherever a meeting's date shows, as on its page.
    when = meeting.start_date.strftime("%B %Y") + (" (planned)" if meeting.is_planned else "")
    return " · ".join(part for part in (when, meeting.location) if part)


def source_context(source):
    return f"{source.publisher} · {source.get_kind_display()} · {source.date_display}"


def person_link_and_context(person):
    """The person's own page, which gathers every part they played; the context names the
    latest meeting they helped run."""
    roles = list(person.meeting_roles.all())
    context = " · ".join(part for part in (person.position, person.body.name) if part)
    if roles:
        latest = roles[0]
        context = f"{context} · {latest.get_kind_display()}, {latest.meeting}"
    return person.get_absolute_url(), context


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


class ApiAndDataView(BreadcrumbsMixin, TemplateView):
    """/data/, "API and data", for people who reuse the record: every registered download
    (core.downloads) with when its file was made, its size and checksum, or that it is being
    prepared (which asks the task worker for it); then the read API and worked examples of it.
    The examples' addresses start with the site's one address, as a program would call them;
    tests/rtcportal/test_api_examples.py runs each one."""

    template_name = "data.html"

    def get_breadcrumbs(self):
        return [("API and data", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        generation = counts.current_generation()
        context["downloads"] = [
            downloads.state(download, generation) for download in downloads.registered()
        ]
        context["api_root"] = absolute_url(self.request, reverse("api:api-root"))
        context["examples"] = api_examples.rendered(self.request)
        context["licence"] = settings.DATA_LICENCE
        context["contents"] = [
            ("download", "Download the whole record"),
            ("api", "The read API"),
            ("examples", "Worked examples"),
            ("licence", "Licence"),
        ]
        return context


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
