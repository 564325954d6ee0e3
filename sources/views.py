"""The sources pages: every source by kind, each source with what it supports, and every
point on which the accounts differ."""

from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from core import downloads
from core.exports import bounded_export, streaming_csv_response
from core.views import BreadcrumbsMixin, QueryFormMixin

from .exports import SOURCE_COLUMNS, source_rows
from .filters import SourceFilter
from .models import Source, published_subjects, with_supported_count
from .references import References, public_disagreements

KIND_HEADINGS = {
    Source.Kind.OFFICIAL: "Official accounts",
    Source.Kind.REPOST: "Reposts of official accounts",
    Source.Kind.PRESS: "Press",
    Source.Kind.ENCYCLOPAEDIA: "Encyclopaedias",
    Source.Kind.AGGREGATOR: "Aggregators (not confirmed by an official account)",
}


def by_kind(sources):
    groups = {kind: [] for kind in KIND_HEADINGS}
    for source in sources:
        groups[source.kind].append(source)
    return [(KIND_HEADINGS[kind], members) for kind, members in groups.items() if members]


class FilteredSourcesMixin(QueryFormMixin):
    """The published sources the query string's filters choose; a filter value that is not
    an option answers 400 (QueryFormMixin)."""

    filterset_class = SourceFilter

    def get_query_form(self):
        return self.get_filterset(self.filterset_class).form

    def get_filterset(self, filterset_class):
        # Built once per request: QueryFormMixin checks it, then the view filters with it.
        if getattr(self, "filterset", None) is None:
            self.filterset = filterset_class(
                self.request.GET or None, queryset=Source.objects.published()
            )
        return self.filterset


class SourceListView(FilteredSourcesMixin, BreadcrumbsMixin, FilterView):
    template_name = "sources/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return Source.objects.published()

    def get_breadcrumbs(self):
        return [("Sources", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source_groups"] = by_kind(with_supported_count(self.object_list))
        context["filtered"] = self.filterset.is_bound
        chosen = self.filterset.form.cleaned_data.values() if self.filterset.is_bound else ()
        context["chosen_filters"] = sum(
            len(value) if isinstance(value, list) else 1 for value in chosen if value
        )
        context["csv_url"] = reverse("sources:export-csv") + (
            f"?{self.request.GET.urlencode()}" if self.request.GET else ""
        )
        return context


class SourceCSVView(FilteredSourcesMixin, View):
    """/sources/export.csv: the list's sources, filtered the same way."""

    def invalid_query(self, request, *args, **kwargs):
        return HttpResponseBadRequest(
            "These filters could not be used:\n" + "\n".join(self.error_lines()),
            content_type="text/plain; charset=utf-8",
        )

    def get(self, request):
        if not self.filterset.is_bound:
            return downloads.serve(request, downloads.get("sources.csv"))
        return bounded_export(
            request,
            self.filterset.qs,
            lambda count, sources: streaming_csv_response(
                "sources.csv", SOURCE_COLUMNS, source_rows(sources, request)
            ),
            what="sources",
            whole_url=reverse("sources:export-csv"),
        )


class SourceDetailView(BreadcrumbsMixin, DetailView):
    template_name = "sources/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return Source.objects.published()

    def get_breadcrumbs(self):
        return [("Sources", reverse("sources:list")), (self.object.title, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        citations = list(self.object.citations.select_related("content_type"))
        subjects = published_subjects(citations)
        supported = []
        for citation in citations:
            record = subjects.get((citation.content_type_id, citation.object_id))
            if record is not None:
                citation.public_record = record
                supported.append(citation)
        # Each record or fact it supports is marked as its own page marks it: "not confirmed"
        # where every public source of it is an aggregator (this one or others), whatever
        # this source is.
        references = References.for_records([c.public_record for c in supported])
        for citation in supported:
            citation.unconfirmed = references.refs(
                citation.public_record, citation.fact
            ).unconfirmed
        context["citations"] = supported
        context["unconfirmed_note"] = references.unconfirmed
        accounts = list(self.object.accounts.select_related("disagreement__content_type"))
        disputed = published_subjects(account.disagreement for account in accounts)
        context["versions"] = [
            account
            for account in accounts
            if (account.disagreement.content_type_id, account.disagreement.object_id) in disputed
        ]
        return context


class DisagreementListView(BreadcrumbsMixin, TemplateView):
    template_name = "sources/disagreement_list.html"

    def get_breadcrumbs(self):
        return [("Sources", reverse("sources:list")), ("Where the accounts differ", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["disagreements"] = public_disagreements()
        return context
