"""Sources (the public accounts), the citations that tie a record's facts to them, and the
points on which accounts disagree, each source's version beside the others.

Invariants:
- A citation or a disagreement can point at any record (a generic relation): a meeting, a
  participation, a speaker's role, an RTC's accreditation. The app imports no app above it;
  the models that can be cited carry `citations = GenericRelation(Citation)`, so a citation
  goes when its record goes.
- Public pages ask for the citations of records they already show: `Citation.published()`
  adds only that the source is published. A citation to a draft source shows nothing.
- The source page lists what a source supports by each cited model's own `published()`.
"""

from django.conf.locale import LANG_INFO
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.fields import PrintableCharField, PrintableTextField
from core.fulltext.search import SearchableQuerySet
from core.models import (
    CountingQuerySet,
    Publishable,
    PublishableQuerySet,
    Status,
    about_published,
    models_related_to,
    stored_search_vector,
)

http_only = URLValidator(
    schemes=["http", "https"], message="Enter an address that starts with http:// or https://."
)


def records_filter(records, prefix=""):
    """A Q matching rows whose generic relation points at one of `records` (model instances,
    of any models), by app label and model name: no content-type lookup, so no query."""
    by_model = {}
    for record in records:
        by_model.setdefault(record._meta.label_lower, []).append(record.pk)
    condition = Q(pk__in=[])
    for label, pks in by_model.items():
        app_label, model = label.split(".")
        condition |= Q(
            **{
                f"{prefix}content_type__app_label": app_label,
                f"{prefix}content_type__model": model,
                f"{prefix}object_id__in": pks,
            }
        )
    return condition


def published_subjects(rows):
    """{(content type id, object id): record} for the rows' generic subjects that the public
    may see, by each model's own `published()`: one query per model cited."""
    by_type = {}
    for row in rows:
        by_type.setdefault(row.content_type, set()).add(row.object_id)
    subjects = {}
    for content_type, ids in by_type.items():
        model = content_type.model_class()
        records = model.objects.published().filter(pk__in=ids)
        related = getattr(model, "citation_select_related", ())
        if related:
            records = records.select_related(*related)
        for record in records:
            subjects[(content_type.pk, record.pk)] = record
    return subjects


class SourceQuerySet(SearchableQuerySet, PublishableQuerySet):
    pass


def only_from_aggregators(sources):
    """Whether what `sources` support is known only from aggregators: there is a source, and
    none is an official account, a repost, the press or an encyclopaedia. The one rule behind
    every "not confirmed" mark, beside a fact (`Refs.unconfirmed`) or a whole record
    (`CitedRecord.unconfirmed`), and behind the exports' `only_from_aggregators` column."""
    sources = list(sources)
    return bool(sources) and all(source.is_aggregator for source in sources)


class CitedRecord:
    """For a model whose records cite sources (`citations = GenericRelation(Citation)`)."""

    @property
    def unconfirmed(self):
        """Known only from aggregators: every public source cited for it is one. Reads the
        citations prefetched with `published_citations()`, one query for a whole list."""
        return only_from_aggregators(citation.source for citation in self.citations.all())


def published_citations():
    """Prefetch of a record's public citations with their sources: one query per list (or per
    chunk of exported rows), whatever its length."""
    return models.Prefetch(
        "citations",
        # By source, then in the order they were recorded: the same order on every engine.
        queryset=Citation.objects.published().select_related("source").order_by("source__pk", "pk"),
    )


def with_supported(sources):
    """`sources` as a list, each with `supported`: its citations of facts the public may see,
    by each cited model's own `published()` (a citation of a draft meeting is left out). One
    query for the citations and one per model cited, whatever the number of sources or
    citations."""
    sources = list(sources)
    citations = list(
        Citation.objects.filter(source__in=sources)
        .select_related("content_type")
        .only("source_id", "content_type", "object_id", "fact")
        .order_by("content_type", "object_id", "fact", "pk")
    )
    public = published_subjects(citations)
    supported = {source.pk: [] for source in sources}
    for citation in citations:
        if (citation.content_type_id, citation.object_id) in public:
            supported[citation.source_id].append(citation)
    for source in sources:
        source.supported = supported[source.pk]
    return sources


def with_supported_count(sources):
    """`sources` as a list, each with `citation_count`: how many facts the public may see it
    supports (`with_supported`)."""
    sources = with_supported(sources)
    for source in sources:
        source.citation_count = len(source.supported)
    return sources


# Django's list names a script's variants ("zh-hans") but not the language itself.
LANGUAGE_NAMES = {"zh": "Chinese"}


def language_name(code):
    """The English name of a language code ("ja": "Japanese"), or the code where none is
    known, so that readers see names and programs (the CSV, the filters' values) the codes."""
    return LANGUAGE_NAMES.get(code) or LANG_INFO.get(code.lower(), {}).get("name", code)


class Source(Publishable):
    """A public account: a news item, an official page, a press article, an encyclopaedia
    entry. The portal states facts in its own words and names the account each comes from."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Official account"
        REPOST = "repost", "Repost of an official account"
        PRESS = "press", "Press"
        AGGREGATOR = "aggregator", "Aggregator"
        ENCYCLOPAEDIA = "encyclopaedia", "Encyclopaedia"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"
        UNKNOWN = "unknown", "Unknown"

    publisher = PrintableCharField(max_length=200, help_text='e.g. "WCO newsroom", "ROCB A/P".')
    title = PrintableCharField(
        max_length=300,
        help_text="The title as published; where it was not recorded, a short description of "
        "the page (the note says so).",
    )
    slug = models.SlugField(max_length=120, unique=True)
    url = models.URLField(
        "address",
        max_length=500,
        validators=[http_only],
        help_text="The page's address, http:// or https:// only.",
    )
    published_on = models.DateField(
        "publication date",
        null=True,
        blank=True,
        help_text="When the account was published; for a month or a year, its first day.",
    )
    date_precision = models.CharField(
        max_length=8,
        choices=Precision.choices,
        default=Precision.UNKNOWN,
        help_text="How much of the publication date is known.",
    )
    language = PrintableCharField(
        max_length=20, default="en", help_text='The text\'s language code: "en", "ja", "ko", "th".'
    )
    kind = models.CharField(
        max_length=14,
        choices=Kind.choices,
        db_index=True,
        help_text="Aggregators rewrite other accounts; a fact only they report is unconfirmed.",
    )
    tag = PrintableCharField(
        max_length=10,
        blank=True,
        help_text='The public record\'s tag for this source, e.g. "S14"; the loader keys on it.',
    )
    note = PrintableTextField(
        blank=True, help_text='What a reader should know, e.g. "only the opening part was read".'
    )

    search_vector = stored_search_vector()

    fulltext_fields = (("title", "A"), ("publisher", "B"), ("note", "C"))

    objects = SourceQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["publisher", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="source_url_is_http",
                violation_error_message="A source's address must start with http:// or https://.",
            ),
            models.CheckConstraint(
                condition=Q(date_precision="unknown", published_on=None)
                | (~Q(date_precision="unknown") & Q(published_on__isnull=False)),
                name="source_date_matches_precision",
                violation_error_message=(
                    "Give a publication date with its precision, or neither (precision unknown)."
                ),
            ),
            models.UniqueConstraint(
                fields=["tag"],
                condition=~Q(tag=""),
                name="unique_source_tag",
                violation_error_message="Another source already has this tag.",
            ),
        ]
        permissions = [("publish_source", "Can publish and unpublish sources")]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def get_absolute_url(self):
        return reverse("sources:detail", args=[self.slug])

    @property
    def language_name(self):
        return language_name(self.language)

    @property
    def is_aggregator(self):
        return self.kind == self.Kind.AGGREGATOR

    @property
    def date_display(self):
        """The publication date to the precision known: "8 November 2021", "December 2020"."""
        if not self.published_on:
            return "date not shown"
        formats = {
            self.Precision.DAY: f"{self.published_on.day} %B %Y",
            self.Precision.MONTH: "%B %Y",
            self.Precision.YEAR: "%Y",
        }
        return self.published_on.strftime(formats[self.date_precision])


class CitationQuerySet(CountingQuerySet):
    def published(self):
        """Citations the public may see: their source is published. The cited record's own
        rule is the caller's, who asks only about records it shows (`for_records`)."""
        return self.filter(source__status=Status.PUBLISHED)

    def for_records(self, records):
        return self.filter(records_filter(records)).select_related("source", "content_type")


class Citation(models.Model):
    """A source supporting a record, or one fact of it that the record's page shows with
    its own references (a meeting's dates, format, place, theme, number taking part)."""

    class Fact(models.TextChoices):
        # The labels finish "22nd RTC Heads Meeting (…)" on a source's page.
        RECORD = "", "the record as a whole"
        DATES = "dates", "dates"
        FORMAT = "format", "format"
        VENUE = "venue", "place"
        THEME = "theme", "theme"
        SIZE = "size", "who took part"

    # The facts each cited model's public page shows beside their own references, by the
    # model's label; a model not named here is cited as a whole only.
    FACTS_BY_MODEL = {
        "meetings.meeting": [
            Fact.RECORD,
            Fact.DATES,
            Fact.FORMAT,
            Fact.VENUE,
            Fact.THEME,
            Fact.SIZE,
        ],
    }

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    fact = models.CharField(
        max_length=40,
        blank=True,
        choices=Fact.choices,
        default=Fact.RECORD,
        help_text="Which fact of the record it supports, as its page shows it; or the record "
        "as a whole.",
    )
    locator = PrintableCharField(
        max_length=200, blank=True, help_text='Where in the source, e.g. "second paragraph".'
    )
    note = PrintableCharField(
        max_length=300,
        blank=True,
        help_text="In the portal's own words; never a quotation from the source.",
    )

    objects = CitationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["content_type", "object_id", "fact", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "content_type", "object_id", "fact"],
                name="one_citation_per_source_and_fact",
                violation_error_message="This source is already cited for this fact.",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_record_idx")]

    def __str__(self):
        fact = f" ({self.get_fact_display()})" if self.fact else ""
        return f"{self.source}{fact}"

    @classmethod
    def facts_for(cls, model):
        """The facts a record of `model` can be cited for, the record as a whole first."""
        return cls.FACTS_BY_MODEL.get(model._meta.label_lower, [cls.Fact.RECORD])

    @classmethod
    def fact_choices_for(cls, model):
        return [(fact.value, fact.label) for fact in cls.facts_for(model)]

    def clean(self):
        model = self.content_type.model_class() if self.content_type_id else None
        if model is not None and self.fact not in self.facts_for(model):
            shown = ", ".join(f"“{label}”" for _, label in self.fact_choices_for(model))
            raise ValidationError(
                {"fact": f"A {model._meta.verbose_name} is cited for one of: {shown}."}
            )


# Accounts differ only where the public can read at least two of them: a point whose other
# versions come from draft sources is not (yet) a disagreement on the public site.
MINIMUM_VERSIONS = 2


class DisagreementQuerySet(models.QuerySet):
    def published(self):
        """As for citations, the subject's rule is the caller's; a disagreement is public
        with its subject (see `published_subjects`)."""
        return self

    def shown(self):
        """The disagreements the public sees: about a record the public may see (by its model's
        own `published()`), with at least MINIMUM_VERSIONS versions from published sources. In
        SQL, so that a list of them can be paginated and counted."""
        about_public = about_published(models_related_to(Disagreement), "content_type", "object_id")
        with_versions = (
            Account.objects.published()
            .order_by()
            .values("disagreement")
            .annotate(versions=models.Count("pk"))
            .filter(versions__gte=MINIMUM_VERSIONS)
            .values("disagreement")
        )
        return self.filter(about_public, pk__in=with_versions)

    def with_accounts(self):
        """Each with its published sources' versions, in order."""
        return self.select_related("content_type").prefetch_related(
            models.Prefetch(
                "accounts", queryset=Account.objects.published().select_related("source")
            )
        )

    def for_records(self, records):
        return self.filter(records_filter(records)).with_accounts()


class Disagreement(models.Model):
    """A point on which the accounts of a record differ ("Who opened the meeting"): the
    portal shows every version with its source and never picks one."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    point = PrintableCharField(
        max_length=200, help_text='The point in question, e.g. "RILO A/P\'s role".'
    )
    fact = PrintableCharField(
        max_length=40,
        blank=True,
        help_text='The fact it is shown beside on the record\'s page, e.g. "opening", "format", '
        '"participants"; empty to show it at the top.',
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = DisagreementQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["content_type", "object_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "point"],
                name="one_disagreement_per_point",
                violation_error_message="This point is already recorded for this record.",
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="disagreement_record_idx")
        ]

    def __str__(self):
        return self.point


class AccountQuerySet(models.QuerySet):
    def published(self):
        return self.filter(source__status=Status.PUBLISHED)


class Account(models.Model):
    """One source's version of a disputed point, in the portal's words."""

    disagreement = models.ForeignKey(
        Disagreement, on_delete=models.CASCADE, related_name="accounts"
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="accounts")
    version = PrintableCharField(
        max_length=300, help_text="What this source says, in the portal's own words."
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = AccountQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["disagreement", "order", "pk"]
        verbose_name = "version"
        constraints = [
            models.UniqueConstraint(
                fields=["disagreement", "source"],
                name="one_version_per_source",
                violation_error_message="This source's version is already recorded.",
            ),
        ]

    def __str__(self):
        return f"{self.source.publisher}: {self.version}"
