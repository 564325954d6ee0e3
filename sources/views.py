"""The sources pages: every source by kind, each source with what it supports, and every
point on which the accounts differ."""

from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from core.views import BreadcrumbsMixin, with_published_count

from .models import Source, published_subjects
from .references import public_disagreements

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


class SourceListView(BreadcrumbsMixin, ListView):
    template_name = "sources/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return Source.objects.published()

    def get_breadcrumbs(self):
        return [("Sources", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source_groups"] = by_kind(with_published_count(context["sources"], "citations"))
        return context


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
        context["citations"] = supported
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
