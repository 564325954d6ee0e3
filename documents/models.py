"""Documents (agendas, presentations, reports, photos) attached to the records of the apps
above: a meeting, an intervention, a programme, an initiative or an RTC.

This app imports none of them. A model becomes a place documents attach to by declaring
`documents = GenericRelation("documents.Document", ...)`; `attachable_models()` finds those
relations, and `DocumentQuerySet.published()` asks each such model's own `published()`.

Invariant: a document is public when it is published and what it is attached to is public
(`DocumentQuerySet.published()`, the one place this is said). Its pages are public with it.
`published_on_shown_record()` is the shortcut for the documents of records a public page has
just fetched by their own `published()`: there the second half holds already.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from core.fields import PrintableCharField, PrintableTextField
from core.fulltext.search import SearchableQuerySet
from core.models import (
    Publishable,
    PublishableQuerySet,
    about_published,
    models_related_to,
    stored_search_vector,
)

from .filetypes import TYPES
from .thumbnails import widths_for


def attachment_relation():
    """The field that makes a model a place documents attach to: `documents = ...`."""
    return GenericRelation(
        "documents.Document", content_type_field="target_type", object_id_field="target_id"
    )


def attachable_models():
    """The models that declare a GenericRelation to Document, in a stable order."""
    return models_related_to(Document)


def attachable_types():
    """limit_choices_to for the content type a document is attached to."""
    condition = Q(pk__in=[])
    for model in attachable_models():
        condition |= Q(app_label=model._meta.app_label, model=model._meta.model_name)
    return condition


class DocumentQuerySet(SearchableQuerySet, PublishableQuerySet):
    def published(self):
        """Published, and attached to a record the public sees (by that record's own rule)."""
        attached_to_public = about_published(attachable_models(), "target_type", "target_id")
        return super().published().filter(attached_to_public)

    def published_on_shown_record(self):
        """Published documents of one record whose page is being shown: the record's own view
        has applied its rule already, so the attachment half of `published()` (a subquery per
        kind of record, half the initiative page's SQL time) would only repeat it."""
        return super().published()

    def for_listing(self):
        """What a list of links to the files needs, in the order lists show."""
        return self.order_by("date", "title", "pk")


class Document(Publishable):
    """A file the secretariat uploaded, with what the public sees of it."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", "Agenda"
        PRESENTATION = "presentation", "Presentation"
        REPORT = "report", "Report"
        PHOTO = "photo", "Photo"
        OTHER = "other", "Other"

    class Extraction(models.TextChoices):
        PENDING = "pending", "Waiting for the background worker"
        DONE = "done", "Text extracted"
        FAILED = "failed", "Failed"
        NOT_NEEDED = "none", "No text to extract (image)"

    title = PrintableCharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    language = models.CharField(
        max_length=35, default="en", help_text='A language tag: "en", "fr", "ja", "zh-Hant"…'
    )
    date = models.DateField(null=True, blank=True, help_text="When it was issued or presented.")
    description = PrintableTextField(blank=True)

    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        limit_choices_to=attachable_types,
        verbose_name="attached to (kind)",
    )
    target_id = models.PositiveBigIntegerField(verbose_name="attached to (id)")
    attached_to = GenericForeignKey("target_type", "target_id")

    # Set from the checked upload (documents/forms.py); never typed in.
    file = models.FileField(max_length=255, editable=False)
    original_name = models.CharField(max_length=255, editable=False, blank=True)
    mime_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveBigIntegerField(editable=False, help_text="In bytes.")
    sha256 = models.CharField(max_length=64, editable=False, db_index=True)
    width = models.PositiveIntegerField(null=True, editable=False, help_text="Images: pixels.")
    height = models.PositiveIntegerField(null=True, editable=False, help_text="Images: pixels.")
    page_count = models.PositiveIntegerField(
        null=True, editable=False, help_text="Pages, slides or sheets; set by text extraction."
    )

    extraction = models.CharField(
        max_length=8, choices=Extraction.choices, default=Extraction.PENDING, editable=False
    )
    extraction_error = models.TextField(blank=True, editable=False)
    extraction_note = models.TextField(
        blank=True,
        editable=False,
        help_text="What the text kept for the search leaves out, and why.",
    )
    extracted_at = models.DateTimeField(null=True, editable=False)

    fulltext_fields = (("title", "A"), ("description", "B"))

    objects = DocumentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "title"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        permissions = [("publish_document", "Can publish and unpublish documents")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The content-hashed address, cached for a year by browsers and CDNs."""
        return reverse("documents:file", args=[self.pk, self.sha256[:16], self.file_name])

    @property
    def stable_url(self):
        """An address that never changes, even when a new file replaces this one."""
        return reverse("documents:document", args=[self.pk])

    @property
    def thumbnails(self):
        """[(url, width)] of an image's small copies, smallest first; empty for other files."""
        if not self.file_type.image:
            return []
        return [
            (reverse("documents:thumbnail", args=[self.pk, self.sha256[:16], width]), width)
            for width in widths_for(self.width)
        ]

    @property
    def srcset(self):
        return ", ".join(f"{url} {width}w" for url, width in self.thumbnails)

    @property
    def thumbnail_height(self):
        """The smallest thumbnail's height, for the <img> to reserve its space."""
        width = self.thumbnails[0][1]
        return round(self.height * width / self.width)

    @property
    def file_type(self):
        return TYPES[self.mime_type]

    @property
    def file_name(self):
        """A safe download name: the title's words, never the name it was uploaded with."""
        return (slugify(self.title)[:80] or "document") + self.file_type.extension

    @property
    def file_summary(self):
        """What a link to the file says: "PDF, 2.4 MB, 18 pages"."""
        parts = [self.file_type.label, filesizeformat(self.size)]
        unit = self.file_type.part
        if unit and self.page_count:
            parts.append(f"{self.page_count} {unit}{'' if self.page_count == 1 else 's'}")
        return ", ".join(parts)


class DocumentPageQuerySet(SearchableQuerySet):
    def published(self):
        return self.filter(document__in=Document.objects.published())

    def with_related(self):
        """What a search hit names: the document and what it is attached to."""
        return self.select_related("document").prefetch_related("document__attached_to")


class DocumentPage(models.Model):
    """The text of one page (PDF), slide (PowerPoint) or sheet (Excel), or the whole text of
    a Word file, extracted in the background (documents/tasks.py) for the site search."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField(help_text="1 for the first page, slide or sheet.")
    name = models.CharField(max_length=200, blank=True, help_text="A sheet's name.")
    text = PrintableTextField(blank=True)
    search_vector = stored_search_vector()

    # The body text of a record weighs C, as a meeting's report does.
    fulltext_fields = (("text", "C"),)

    objects = DocumentPageQuerySet.as_manager()

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_page_per_number")
        ]

    def __str__(self):
        return f"{self.document}, {self.label}"

    @property
    def url(self):
        """The file's address; for a PDF, at this page (browsers' PDF viewers open there)."""
        url = self.document.get_absolute_url()
        return f"{url}#page={self.number}" if self.document.file_type.part == "page" else url

    @property
    def label(self):
        """ "slide 3", "page 12", "sheet Budget"; empty for a Word file's whole text."""
        unit = self.document.file_type.part
        if not unit:
            return ""
        return f"{unit} {self.name or self.number}"
