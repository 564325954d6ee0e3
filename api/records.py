"""The kinds of public record, each with the query that gives it and the serializer that shows
it: the contract between the read API (api/views.py, one resource per kind) and the whole
record as one download (/data/, one JSON file per kind).

Invariants:
- RECORD_KINDS keeps its shape: `kind name (plural, as in the address /api/v1/<kind>/) ->
  (callable returning the queryset, serializer class)`; a new kind is added at the end.
- Each queryset is the kind's own `published()` (or, for disagreements, `shown()`), and
  every nested list it prefetches is its model's `published()`: a draft is never in a
  response, a count or the download.
- Each queryset's rows carry `updated_at`: the model's own field, or, for records without
  one, the last change in their history (django-simple-history), or null where nothing
  records it (glossary terms).
- The prefetches make the number of queries of a page of records independent of its length.
"""

from django.db.models import DateTimeField, Max, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from core.models import GlossaryTerm
from documents.models import Document
from initiatives.models import RTC, Accreditation, Category, HostInstitution, Initiative
from meetings.models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Participation,
    Person,
    Presentation,
    Programme,
    RegionalRole,
    Session,
    Topic,
    TopicEntry,
)
from sources.models import Account, Disagreement, Source, published_citations

from . import serializers


def last_change(model, field="id"):
    """When a record of `model` last changed, from its history: for models without a field
    that says so."""
    return Subquery(
        model.history.model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(last=Max("history_date"))
        .values("last")
    )


def published_with_citations(model, *prefetches, queryset=None):
    """Prefetch of the published records of `model` (or `queryset`), with their citations."""
    records = model.objects.published() if queryset is None else queryset
    return records.prefetch_related(published_citations(), *prefetches)


def published_topic_ids():
    return Prefetch("topics", queryset=Topic.objects.published().only("pk"))


def meetings():
    return (
        Meeting.objects.published()
        .defer("search_vector", "date_words")
        .prefetch_related(
            published_citations(),
            Prefetch(
                "participations",
                queryset=published_with_citations(
                    Participation, queryset=Participation.objects.published().in_role_order()
                ),
            ),
            Prefetch(
                "roles",
                queryset=published_with_citations(
                    MeetingRole, queryset=MeetingRole.objects.published().order_by("order", "pk")
                ),
            ),
            Prefetch(
                "interventions",
                queryset=published_with_citations(
                    Intervention,
                    Prefetch("programmes", queryset=Programme.objects.published().only("name")),
                    published_topic_ids(),
                    queryset=Intervention.objects.published().defer("search_vector"),
                ),
            ),
            Prefetch(
                "sessions",
                queryset=published_with_citations(
                    Session, Prefetch("presentations", published_with_citations(Presentation))
                ),
            ),
            Prefetch(
                "discussion_points",
                queryset=published_with_citations(
                    DiscussionPoint,
                    published_topic_ids(),
                    queryset=DiscussionPoint.objects.published().defer("search_vector"),
                ),
            ),
            published_topic_ids(),
        )
    )


def bodies():
    return (
        Body.objects.published()
        .order_by("kind", "name")
        .prefetch_related(
            published_citations(),
            Prefetch("regional_roles", queryset=published_with_citations(RegionalRole)),
        )
    )


def people():
    return Person.objects.published().annotate(updated_at=last_change(Person))


def rtcs():
    return RTC.objects.published().prefetch_related(
        published_citations(),
        Prefetch("accreditations", queryset=published_with_citations(Accreditation)),
        Prefetch("institutions", queryset=published_with_citations(HostInstitution)),
    )


def initiatives():
    return (
        Initiative.objects.published()
        .defer("search_vector")
        .prefetch_related(
            published_citations(),
            Prefetch("categories", queryset=Category.objects.published().only("pk")),
            "partners",
            published_topic_ids(),
        )
    )


def categories():
    return Category.objects.published()


def topics():
    return (
        Topic.objects.published()
        .defer("search_vector")
        .prefetch_related(
            published_citations(),
            Prefetch(
                "entries",
                queryset=published_with_citations(TopicEntry).order_by("meeting__start_date"),
            ),
        )
    )


def sources():
    return Source.objects.published().defer("search_vector")


def disagreements():
    # A disagreement changes with its versions: the later of its own last change and theirs.
    own = last_change(Disagreement)
    versions = last_change(Account, field="disagreement")
    return (
        Disagreement.objects.shown()
        .select_related("content_type")
        .prefetch_related(Prefetch("accounts", queryset=Account.objects.published()))
        .annotate(updated_at=Greatest(Coalesce(own, versions), Coalesce(versions, own)))
    )


def documents():
    return Document.objects.published().select_related("target_type")


def glossary():
    return GlossaryTerm.objects.annotate(updated_at=Value(None, output_field=DateTimeField()))


RECORD_KINDS = {
    "meetings": (meetings, serializers.MeetingSerializer),
    "administrations": (bodies, serializers.BodySerializer),
    "people": (people, serializers.PersonSerializer),
    "rtcs": (rtcs, serializers.RTCSerializer),
    "initiatives": (initiatives, serializers.InitiativeSerializer),
    "categories": (categories, serializers.CategorySerializer),
    "topics": (topics, serializers.TopicSerializer),
    "sources": (sources, serializers.SourceSerializer),
    "disagreements": (disagreements, serializers.DisagreementSerializer),
    "documents": (documents, serializers.DocumentSerializer),
    "glossary": (glossary, serializers.GlossaryTermSerializer),
}
