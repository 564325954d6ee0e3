"""A page's numbered references, as a reference work prints them: a number beside each
supported fact, the same number for the same source wherever it appears, and one "Sources"
list at the end of the page, in the order the numbers first appear.

A view asks for all the citations of the records it shows in one query
(`References.for_records`), then calls `refs(record, fact)` in page order and hands the
result to the template: the template only prints.
"""

from .models import (
    MINIMUM_VERSIONS,
    Citation,
    Disagreement,
    only_from_aggregators,
    published_subjects,
)


class Refs(list):
    """The references beside one fact: [(number, source)]."""

    @property
    def unconfirmed(self):
        """Only aggregators report it: no official account, press or encyclopaedia does."""
        return only_from_aggregators(source for _, source in self)


class NumberedSources(list):
    """The page's sources list, [(number, source)], and whether any fact on the page is marked
    "not confirmed" (the list then explains the mark, once for the whole page)."""

    unconfirmed = False


class References:
    def __init__(self, citations):
        self.sources = []
        self.unconfirmed = False
        self._numbers = {}
        self._citations = {}
        for citation in citations:
            key = (citation.content_type.app_label, citation.content_type.model)
            self._citations.setdefault((*key, citation.object_id, citation.fact), []).append(
                citation
            )

    @classmethod
    def for_records(cls, records):
        return cls(Citation.objects.published().for_records(records).order_by("source__pk"))

    def number(self, source):
        if source.pk not in self._numbers:
            self.sources.append(source)
            self._numbers[source.pk] = len(self.sources)
        return self._numbers[source.pk]

    def refs(self, record, fact=""):
        opts = record._meta
        citations = self._citations.get((opts.app_label, opts.model_name, record.pk, fact), [])
        refs = Refs(sorted({(self.number(c.source), c.source) for c in citations}, key=_first))
        self.unconfirmed = self.unconfirmed or refs.unconfirmed
        return refs

    def annotate(self, records, fact=""):
        """Puts each record's references on `record.refs`, in the order given."""
        for record in records:
            record.refs = self.refs(record, fact)
        return records

    def numbered_sources(self):
        numbered = NumberedSources(enumerate(self.sources, 1))
        numbered.unconfirmed = self.unconfirmed
        return numbered


def _first(pair):
    return pair[0]


def disagreements_for(record, references=None):
    """The disagreements about `record`, each with its accounts; each account numbered on the
    page's references when there are some."""
    disagreements = []
    for disagreement in Disagreement.objects.published().for_records([record]):
        disagreement.versions = list(disagreement.accounts.all())
        if len(disagreement.versions) < MINIMUM_VERSIONS:
            continue
        disagreements.append(disagreement)
        if references is not None:
            for account in disagreement.versions:
                account.number = references.number(account.source)
    return disagreements


def public_disagreements():
    """Every disagreement the public sees (`DisagreementQuerySet.shown`), each with
    `public_subject` and `versions` set; by subject then order. Three queries plus one per
    kind of subject."""
    rows = list(Disagreement.objects.shown().with_accounts())
    subjects = published_subjects(rows)
    for row in rows:
        row.public_subject = subjects[(row.content_type_id, row.object_id)]
        row.versions = list(row.accounts.all())
    return rows
