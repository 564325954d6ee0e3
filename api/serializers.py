"""Every public record as the read API (/api/v1/) and the whole-record download (/data/) give it.

Invariants, for every top-level record:
- `id` is the database key: it never changes, while a slug may.
- `url` is the record's public page, absolute on the site's one address
  (core.addresses.absolute_url; relative where none is configured and there is no request,
  as in the task worker).
- `citations` lists the public sources cited for the record ({source, fact}); `confirmed` is
  false exactly where the pages mark the record "not confirmed" (sources.models.
  only_from_aggregators, the one rule): every public source cited for it is an aggregator.
- `updated_at` is when the record last changed; null where that is not known.
- Nothing here filters: the querysets of api/records.py apply `published()`, to the records
  and to everything they nest, so a serializer only shows what it is given.

The shapes are a public interface: add fields, never rename or remove one within /api/v1/.
"""

import functools

from django.contrib.contenttypes.fields import GenericRelation
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.addresses import absolute_url
from core.models import GlossaryTerm
from documents.models import Document
from initiatives.models import RTC, Accreditation, Category, HostInstitution, Initiative, Partner
from meetings.models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Participation,
    Person,
    Presentation,
    RegionalRole,
    Session,
    Topic,
    TopicEntry,
)
from sources.models import (
    Account,
    Citation,
    Disagreement,
    Source,
    only_from_aggregators,
    with_supported,
)


@functools.cache
def cites_sources(model):
    """Whether records of `model` cite sources (`citations = GenericRelation(Citation)`); a
    source's own `citations` are the other way round: those that cite it."""
    return any(
        isinstance(field, GenericRelation) and field.related_model is Citation
        for field in model._meta.private_fields
    )


def cited(record):
    """The record's public citations, prefetched by api/records.py (`published_citations()`);
    none for a model that cites no sources."""
    return list(record.citations.all()) if cites_sources(type(record)) else []


class CitationSerializer(serializers.ModelSerializer):
    """A public source cited for the record: for the record as a whole (`fact` empty) or for
    one fact its page shows with its own references (dates, format, place, theme, size)."""

    class Meta:
        model = Citation
        fields = ["source", "fact"]


@extend_schema_field(CitationSerializer(many=True))
class CitationsField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, record):
        # As CitationSerializer gives them, without a serializer per record: a list of
        # meetings carries some three hundred cited parts.
        return [{"source": c.source_id, "fact": c.fact} for c in cited(record)]


@extend_schema_field(serializers.BooleanField())
class ConfirmedField(serializers.Field):
    """False where the pages mark the record "not confirmed": known only from aggregators."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, record):
        return not only_from_aggregators(citation.source for citation in cited(record))


@extend_schema_field(serializers.URLField())
class PageURLField(serializers.Field):
    """The record's public page, as a full address."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, record):
        return absolute_url(self.context.get("request"), self.parent.page_path(record))


class CitedSerializer(serializers.ModelSerializer):
    """A part of a record (a participation, an accreditation step) with its own sources."""

    citations = CitationsField()
    confirmed = ConfirmedField()

    CITED_FIELDS = ["citations", "confirmed"]


class RecordSerializer(CitedSerializer):
    """A top-level record: what every resource of the API shares."""

    url = PageURLField()
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)

    RECORD_FIELDS = ["id", "url", *CitedSerializer.CITED_FIELDS, "updated_at"]

    @staticmethod
    def page_path(record):
        return record.get_absolute_url()


# --- Meetings and what hangs from them -------------------------------------------------------


class ParticipationSerializer(CitedSerializer):
    class Meta:
        model = Participation
        fields = ["id", "body", "role", "mode", "note", *CitedSerializer.CITED_FIELDS]


class MeetingRoleSerializer(CitedSerializer):
    """A chair, or a speaker's part in running the meeting, with the post held then."""

    class Meta:
        model = MeetingRole
        fields = [
            "id",
            "kind",
            "person",
            "body",
            "position",
            "order",
            "online",
            *CitedSerializer.CITED_FIELDS,
        ]


class InterventionSerializer(CitedSerializer):
    """What a speaker (or a delegation, `speaker` null) covered."""

    programmes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    topics = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Intervention
        fields = [
            "id",
            "speaker",
            "body",
            "topic",
            "summary",
            "order",
            "programmes",
            "topics",
            *CitedSerializer.CITED_FIELDS,
        ]


class PresentationSerializer(CitedSerializer):
    class Meta:
        model = Presentation
        fields = ["id", "body", "speaker", "topic", "order", *CitedSerializer.CITED_FIELDS]


class SessionSerializer(CitedSerializer):
    """One part of the meeting's programme, in the order it ran."""

    presentations = PresentationSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "order",
            "day",
            "kind",
            "title",
            "summary",
            "presentations",
            *CitedSerializer.CITED_FIELDS,
        ]


class DiscussionPointSerializer(CitedSerializer):
    topics = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = DiscussionPoint
        fields = [
            "id",
            "kind",
            "text",
            "detail",
            "body",
            "order",
            "topics",
            *CitedSerializer.CITED_FIELDS,
        ]


class MeetingSerializer(RecordSerializer):
    participations = ParticipationSerializer(many=True, read_only=True)
    roles = MeetingRoleSerializer(many=True, read_only=True)
    speakers = InterventionSerializer(source="interventions", many=True, read_only=True)
    programme = SessionSerializer(source="sessions", many=True, read_only=True)
    discussion_points = DiscussionPointSerializer(many=True, read_only=True)
    topics = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            *RecordSerializer.RECORD_FIELDS,
            "number",
            "title",
            "slug",
            "theme",
            "start_date",
            "end_date",
            "format",
            "venue",
            "city",
            "country",
            "participant_count",
            "rtc_count",
            "rtcs_named",
            "summary",
            "report",
            "participations",
            "roles",
            "speakers",
            "programme",
            "discussion_points",
            "topics",
        ]


# --- Administrations, bodies and people ------------------------------------------------------


class RegionalRoleSerializer(CitedSerializer):
    class Meta:
        model = RegionalRole
        fields = [
            "id",
            "office",
            "since",
            "since_precision",
            "until",
            "until_precision",
            "order",
            "note",
            *CitedSerializer.CITED_FIELDS,
        ]


class BodySerializer(RecordSerializer):
    regional_roles = RegionalRoleSerializer(many=True, read_only=True)

    class Meta:
        model = Body
        fields = [
            *RecordSerializer.RECORD_FIELDS,
            "name",
            "slug",
            "full_name",
            "kind",
            "website",
            "regional_roles",
        ]


class PersonSerializer(RecordSerializer):
    class Meta:
        model = Person
        fields = [
            *RecordSerializer.RECORD_FIELDS,
            "honorific",
            "name",
            "slug",
            "position",
            "body",
        ]


# --- RTCs, their initiatives and the kinds of delivery ---------------------------------------


class AccreditationSerializer(CitedSerializer):
    class Meta:
        model = Accreditation
        fields = [
            "id",
            "step",
            "date",
            "date_precision",
            "ordinal",
            "note",
            "order",
            *CitedSerializer.CITED_FIELDS,
        ]


class HostInstitutionSerializer(CitedSerializer):
    class Meta:
        model = HostInstitution
        fields = ["id", "name", "since", "until", "city", "note", *CitedSerializer.CITED_FIELDS]


class RTCSerializer(RecordSerializer):
    accreditations = AccreditationSerializer(many=True, read_only=True)
    host_institutions = HostInstitutionSerializer(source="institutions", many=True, read_only=True)

    class Meta:
        model = RTC
        fields = [
            *RecordSerializer.RECORD_FIELDS,
            "name",
            "slug",
            "host",
            "city",
            "description",
            "website",
            "accreditations",
            "host_institutions",
        ]


class CategorySerializer(RecordSerializer):
    class Meta:
        model = Category
        fields = [*RecordSerializer.RECORD_FIELDS, "name", "slug", "description"]


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["name", "kind"]


class InitiativeSerializer(RecordSerializer):
    categories = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)
    topics = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = [
            *RecordSerializer.RECORD_FIELDS,
            "title",
            "slug",
            "rtc",
            "meeting",
            "summary",
            "description",
            "categories",
            "partners",
            "topics",
        ]


# --- Topics ----------------------------------------------------------------------------------


class TopicEntrySerializer(CitedSerializer):
    """One meeting's part in the topic's thread."""

    class Meta:
        model = TopicEntry
        fields = ["id", "meeting", "note", *CitedSerializer.CITED_FIELDS]


class TopicSerializer(RecordSerializer):
    thread = TopicEntrySerializer(source="entries", many=True, read_only=True)

    class Meta:
        model = Topic
        fields = [*RecordSerializer.RECORD_FIELDS, "name", "slug", "summary", "thread"]


# --- Sources and where they disagree ---------------------------------------------------------


class SubjectSerializer(serializers.Serializer):
    """A record a citation or a disagreement is about: its kind (the model's name, e.g.
    "meeting", "participation") and its id."""

    type = serializers.CharField(source="content_type.model")
    id = serializers.IntegerField(source="object_id")


class SupportedSerializer(SubjectSerializer):
    """A public record a source supports, and the fact (empty: the record as a whole)."""

    fact = serializers.CharField(allow_blank=True)


class SourceListSerializer(serializers.ListSerializer):
    """Finds what every source of the list supports at once (sources.models.with_supported)."""

    def to_representation(self, data):
        return super().to_representation(
            with_supported(data.all() if hasattr(data, "all") else data)
        )


class SourceSerializer(RecordSerializer):
    address = serializers.URLField(source="url", read_only=True)
    supports = SupportedSerializer(source="supported", many=True, read_only=True)

    class Meta:
        model = Source
        fields = [
            *RecordSerializer.RECORD_FIELDS,
            "publisher",
            "title",
            "slug",
            "address",
            "published_on",
            "date_precision",
            "language",
            "kind",
            "tag",
            "note",
            "supports",
        ]
        list_serializer_class = SourceListSerializer

    def to_representation(self, source):
        if not hasattr(source, "supported"):
            with_supported([source])
        return super().to_representation(source)


class AccountSerializer(serializers.ModelSerializer):
    """One source's version of the disputed point."""

    class Meta:
        model = Account
        fields = ["source", "version", "order"]


class DisagreementSerializer(RecordSerializer):
    subject = SubjectSerializer(source="*", read_only=True)
    versions = AccountSerializer(source="accounts", many=True, read_only=True)

    class Meta:
        model = Disagreement
        fields = [*RecordSerializer.RECORD_FIELDS, "subject", "point", "fact", "order", "versions"]

    @staticmethod
    def page_path(disagreement):
        return f"{reverse('sources:disagreement-list')}#disagreement-{disagreement.pk}"


# --- Documents and the glossary --------------------------------------------------------------


@extend_schema_field(serializers.URLField())
class AddressField(serializers.Field):
    """A path the record names (a property), as a full address."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, record):
        path = getattr(record, self.attribute)
        return absolute_url(self.context.get("request"), path() if callable(path) else path)


class AttachedToSerializer(serializers.Serializer):
    type = serializers.CharField(source="target_type.model")
    id = serializers.IntegerField(source="target_id")


class DocumentSerializer(RecordSerializer):
    """A document's metadata; `file` is the current file's address (cached for a year, it
    changes with the file), `stable_file` one that always leads to the current file."""

    attached_to = AttachedToSerializer(source="*", read_only=True)
    file = AddressField("get_absolute_url")
    stable_file = AddressField("stable_url")

    class Meta:
        model = Document
        fields = [
            *RecordSerializer.RECORD_FIELDS,
            "title",
            "kind",
            "language",
            "date",
            "description",
            "attached_to",
            "file",
            "stable_file",
            "mime_type",
            "size",
            "sha256",
            "width",
            "height",
            "page_count",
        ]

    @staticmethod
    def page_path(document):
        return document.stable_url


class GlossaryTermSerializer(RecordSerializer):
    class Meta:
        model = GlossaryTerm
        fields = [*RecordSerializer.RECORD_FIELDS, "term", "slug", "expansion", "definition"]

    @staticmethod
    def page_path(term):
        return f"{reverse('glossary')}#{term.slug}"
