"""What every content record shares: a status that decides whether the public sees it.

Invariant: `published()` is the one rule for what the public sees. A model whose records
depend on others (an initiative on its RTC and meeting, a participation on its meeting and
body) overrides it once, on its own queryset, and everything public (views, prefetches,
counts, exports, feeds, sitemaps, search, JSON-LD, charts) calls it. The default manager
never hides rows: the admin and the secretariat's tools see everything.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count
from django.utils import timezone

from .fields import PrintableCharField, PrintableTextField


def stored_search_vector():
    """A weighted search vector that a PostgreSQL trigger, created by the app's search_index
    migration (core.fulltext.index), keeps current; core.fulltext reads it instead of the
    text."""
    return SearchVectorField(
        null=True,
        editable=False,
        help_text=(
            "Kept current by a PostgreSQL trigger (the app's search_index migration) for "
            "full-text search; empty on SQLite."
        ),
    )


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


class CountingQuerySet(models.QuerySet):
    def count_by(self, field_name):
        """{pk: how many of these records point to it} over a foreign key or many-to-many
        field, e.g. "rtc" or "categories". One grouped query; a pk with none is left out."""
        records = self.order_by()
        field = self.model._meta.get_field(field_name)
        if field.many_to_many:
            links = field.remote_field.through.objects.filter(
                **{f"{field.m2m_field_name()}__in": records.values("pk")}
            )
            target = f"{field.m2m_reverse_field_name()}_id"
            return dict(links.values_list(target).annotate(Count(f"{field.m2m_field_name()}_id")))
        return dict(records.values_list(field.attname).annotate(Count("pk")))


class PublishableQuerySet(CountingQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


def models_related_to(target):
    """The models that declare a GenericRelation to `target` (the records that can carry
    documents, or disagreements), in a stable order: a lower app learns them without
    importing the apps above it."""
    found = {
        field.model
        for model in apps.get_models()
        for field in model._meta.private_fields
        if isinstance(field, GenericRelation) and field.related_model is target
    }
    return sorted(found, key=lambda model: model._meta.label)


def about_published(related_models, type_field, id_field):
    """A Q matching rows whose generic relation (`type_field`, `id_field`) points at a record
    of one of `related_models` that the public may see, by that model's own `published()`: a
    subquery per model, no query now."""
    condition = models.Q(pk__in=[])
    for model in related_models:
        condition |= models.Q(
            **{
                f"{type_field}__app_label": model._meta.app_label,
                f"{type_field}__model": model._meta.model_name,
                f"{id_field}__in": model.objects.published().values("pk"),
            }
        )
    return condition


class Publishable(models.Model):
    """A record the public sees only once the secretariat has published it."""

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Only published records appear on the public site.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set only by core.workflow, which moves records between statuses.
    status_changed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the status last changed."
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="Who last changed the status.",
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


def latest_published_change():
    """When a record the public sees last changed: the latest `updated_at` among the published
    records of every kind (each model's own `published()`), or None on an empty record.

    One query, a UNION of each kind's newest published row. The newest row is found by
    ordering, not as a maximum: `published()` joins other tables, and PostgreSQL computes a
    maximum over a join by reading every row (0.2 s at 100,000 initiatives), while it reads an
    ordered index from its end and stops at the first published row."""
    kinds = [model for model in apps.get_models() if issubclass(model, Publishable)]
    newest = [
        model.objects.filter(
            pk__in=model.objects.published().order_by("-updated_at").values("pk")[:1]
        )
        .order_by()
        .values_list("updated_at", flat=True)
        for model in kinds
    ]
    return max(filter(None, newest[0].union(*newest[1:], all=True)), default=None)


class SpreadsheetImportQuerySet(models.QuerySet):
    def awaiting_confirmation(self):
        """Checked files waiting to be confirmed; none older than PENDING_LIFETIME."""
        cutoff = timezone.now() - SpreadsheetImport.PENDING_LIFETIME
        return self.filter(state=SpreadsheetImport.State.CHECKED, created_at__gte=cutoff)


class SpreadsheetImport(models.Model):
    """A spreadsheet from its upload to its import. Both the dry run and the import run in the
    task worker (core.tasks), as a 10,000-row file takes longer than a web request may.

    The file waits here, not on one server's disk or in the cache, so any server may take the
    confirmation and the worker may run anywhere. A confirmation moves a checked file to queued
    exactly once (core.imports.claim): confirming twice imports once.
    """

    PENDING_LIFETIME = timedelta(days=1)

    class State(models.TextChoices):
        CHECKING = "checking", "Checking the file"
        CHECKED = "checked", "Checked: waiting for your confirmation"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=64, unique=True, help_text="An unguessable handle.")
    data = models.BinaryField(help_text="The file as uploaded; emptied once imported.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    resource = models.CharField(max_length=200, help_text="Dotted path of the resource class.")
    file_format = models.CharField(max_length=200, help_text="Dotted path of the format class.")
    file_name = models.CharField(max_length=255, blank=True)
    # For a file that fills one record and what hangs from it (a whole meeting): that record.
    object_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The record a whole-record file is imported into."
    )
    # The dry run's counts, then the import's.
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True, help_text="Why it failed, plainly.")
    cleaned_cells = models.JSONField(
        default=list, blank=True, help_text="Cells that lost control characters."
    )
    preview = models.JSONField(
        default=dict, blank=True, help_text="The dry run's headers and first rows."
    )

    objects = SpreadsheetImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name or self.name} ({self.get_state_display()})"

    @property
    def is_finished(self):
        return self.state in (self.State.CHECKED, self.State.DONE, self.State.FAILED)

    @property
    def can_run_again(self):
        """Failed with its file kept: the worker stopped on it (core.tasks.stopped). Every
        other end of a file empties it."""
        return self.state == self.State.FAILED and bool(self.data)


class SynonymQuerySet(models.QuerySet):
    def groups(self):
        """Each synonym's terms, for core.fulltext.query.parse():
        [["VR", "virtual reality"], ...]."""
        return [synonym.terms for synonym in self]


class Synonym(models.Model):
    """Words of the field that mean the same, so that searching one finds the others:
    "VR" and "virtual reality", "ROCB A/P" and "Regional Office for Capacity Building"."""

    term = models.CharField(
        max_length=100, unique=True, help_text='The usual form, e.g. "VR" or "ROCB A/P".'
    )
    equivalents = models.TextField(
        help_text=(
            'What else people write for it, one per line, e.g. "virtual reality". A search '
            "for the term or any of these finds them all."
        )
    )

    objects = SynonymQuerySet.as_manager()

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def terms(self):
        """The term, then each equivalent, as written, blank lines left out."""
        lines = (line.strip() for line in self.equivalents.splitlines())
        return [self.term.strip(), *(line for line in lines if line)]


class ReviewNoteQuerySet(models.QuerySet):
    def for_record(self, record):
        content_type = ContentType.objects.get_for_model(record)
        return self.filter(content_type=content_type, object_id=record.pk)


class ReviewNote(models.Model):
    """A reviewer's word to the editors when sending a record back to draft: what to fix.
    The editors see the latest on the record's change form until it is sent for review again."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    objects = ReviewNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-written_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="review_note_record_idx")
        ]

    def __str__(self):
        return self.text


class GlossaryTerm(models.Model):
    """A word of the field explained for newcomers: /glossary/ lists them, and each public
    page marks its first use of each term (core.glossary) with its expansion and a link."""

    term = PrintableCharField(
        max_length=60,
        unique=True,
        help_text='As pages write it, letter case included, e.g. "ROCB A/P" or "Vice-Chair".',
    )
    slug = models.SlugField(
        max_length=60, unique=True, help_text="Its anchor on the glossary page: /glossary/#slug."
    )
    expansion = PrintableCharField(
        max_length=200,
        blank=True,
        help_text="What an abbreviation stands for, shown when the pointer rests on it. Leave "
        "empty for a term that is no abbreviation.",
    )
    definition = PrintableTextField(help_text="What it means, in a sentence or two.")

    class Meta:
        ordering = ["term"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(term=""), name="glossary_term_not_empty")
        ]

    def __str__(self):
        return self.term


class ContentGeneration(models.Model):
    """One row whose token every write to content replaces, in the write's own transaction:
    what the counts remembered by core.counts are valid for."""

    SINGLETON = 1

    token = models.CharField(max_length=32, help_text="Replaced by every write to content.")

    class Meta:
        verbose_name = "content generation"

    def __str__(self):
        return self.token


class GeneratedFile(models.Model):
    """A registered download (core.downloads) as the task worker last made it: stored under
    its checksum in the default storage, with the content generation it was made from, so it
    is served only while no content has changed since."""

    name = models.CharField(max_length=100, unique=True, help_text="The download's file name.")
    generation = models.CharField(
        max_length=32, blank=True, help_text="The content generation the file was made from."
    )
    size = models.PositiveBigIntegerField(default=0, help_text="In bytes, uncompressed.")
    sha256 = models.CharField(max_length=64, blank=True)
    codings = models.JSONField(
        default=list, blank=True, help_text="Compressed copies stored beside it (br, gzip)."
    )
    made_at = models.DateTimeField(null=True, blank=True)
    build_seconds = models.FloatField(default=0, help_text="How long the last build took.")
    requested_generation = models.CharField(
        max_length=32, blank=True, help_text="The generation a build was last asked for."
    )
    requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "generated file"

    def __str__(self):
        return self.name

    def is_made_from(self, generation):
        return self.made_at is not None and self.generation == generation


class DownloadSlot(models.Model):
    """One of the DOWNLOADS_AT_ONCE places a download may hold while it is sent
    (core.slots): the number of rows taken is the number of downloads going out, on every
    worker and server."""

    held_until = models.DateTimeField(help_text="Free again after this, even if never given back.")
    holder = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = "download slot"

    def __str__(self):
        return f"slot {self.pk}"
