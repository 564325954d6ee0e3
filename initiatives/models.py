"""RTCs and the remote-training initiatives they report at meetings.

Invariant: an initiative is public only with its RTC, the RTC's host administration and the
meeting it was reported at (`InitiativeQuerySet.published`); its categories only when they are
published themselves; its partners with it.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.addresses import filtered_list_url
from core.fields import PrintableCharField, PrintableTextField
from core.fulltext.search import SearchableQuerySet
from core.models import Publishable, PublishableQuerySet, Status, stored_search_vector
from documents.models import attachment_relation
from meetings.duplication import ordinal
from meetings.models import Body, Meeting
from sources.models import Account, Citation, CitedRecord, Disagreement, Source


class RTCQuerySet(SearchableQuerySet, PublishableQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED, host__status=Status.PUBLISHED)

    def with_related(self):
        return self.select_related("host")

    def index_history(self):
        """Copy into each RTC's searched text what its page shows besides its own fields: the
        names, acronyms and cities of its host institution, and the notes of its accreditation
        steps and of the sources' versions where they disagree. Called whenever these change
        (the RTC's save(), theirs and their delete(), after the RTC admin's inlines, the
        record's loader)."""
        rtcs = self.prefetch_related(
            "institutions",
            "accreditations",
            Prefetch("disagreements__accounts", queryset=Account.objects.published()),
        )
        for rtc in rtcs:
            versions = [
                account.version
                for disagreement in rtc.disagreements.all()
                for account in disagreement.accounts.all()
            ]
            RTC.objects.filter(pk=rtc.pk).update(
                **history_text(rtc.institutions.all(), rtc.accreditations.all(), versions)
            )


def history_text(institutions, accreditations, versions):
    """An RTC's searched `other_names` and `history_notes`, from its institutions, its
    accreditation steps and the texts of the sources' versions where they disagree."""
    institutions = list(institutions)
    names = [i.name for i in institutions] + [i.city for i in institutions]
    notes = [i.note for i in institutions] + [step.note for step in accreditations] + versions
    return {
        "other_names": "\n".join(dict.fromkeys(name for name in names if name)),
        "history_notes": "\n".join(dict.fromkeys(note for note in notes if note)),
    }


class RTC(Publishable):
    """A Regional Training Centre, hosted by one customs administration; it outlives meetings."""

    name = PrintableCharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    host = models.OneToOneField(
        Body,
        on_delete=models.PROTECT,
        related_name="rtc",
        limit_choices_to={"kind": Body.Kind.CUSTOMS_ADMINISTRATION},
        help_text="The customs administration that hosts this RTC.",
    )
    city = PrintableCharField(max_length=120, blank=True)
    description = PrintableTextField(blank=True)
    website = models.URLField(blank=True)
    citations = GenericRelation(Citation, related_query_name="rtc")
    disagreements = GenericRelation(Disagreement, related_query_name="rtc")

    # What the RTC's page shows of its host institution and history, copied for the search
    # (RTCQuerySet.index_history()).
    other_names = models.TextField(
        blank=True,
        editable=False,
        help_text="Its host institution's names, acronyms and cities, one a line, for the search.",
    )
    history_notes = models.TextField(
        blank=True,
        editable=False,
        help_text="The notes of its institution names and accreditation steps and the "
        "sources' versions where they disagree, for the search.",
    )

    # Searched on SQLite through the index of migration 0002_search_index; on PostgreSQL the
    # few rows are read directly (no stored vector).
    fulltext_fields = (
        ("name", "A"),
        ("other_names", "A"),
        ("city", "B"),
        ("description", "C"),
        ("history_notes", "C"),
    )
    # What names an RTC, for the search's best match: its name, its institution's names and
    # acronyms, and where it is.
    fulltext_name_fields = ("name", "other_names", "city")

    documents = attachment_relation()
    objects = RTCQuerySet.as_manager()

    # What history_notes and other_names copy has its own history.
    history = HistoricalRecords(excluded_fields=["other_names", "history_notes"])

    class Meta:
        ordering = ["name"]
        verbose_name = "RTC"
        verbose_name_plural = "RTCs"
        permissions = [("publish_rtc", "Can publish and unpublish RTCs")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Copied afresh, never written back from an instance read before the last copy.
        RTC.objects.filter(pk=self.pk).index_history()

    def get_absolute_url(self):
        return reverse("initiatives:rtc-detail", args=[self.slug])

    @property
    def initiatives_url(self):
        """The initiatives list filtered to this RTC."""
        return filtered_list_url("initiatives:list", rtc=self.slug)


class Category(Publishable):
    """A kind of delivery, e.g. VR simulation or mobile learning."""

    name = PrintableCharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = PrintableTextField(blank=True)

    objects = PublishableQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        permissions = [("publish_category", "Can publish and unpublish categories")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return filtered_list_url("initiatives:list", category=self.slug)


class PartnerQuerySet(models.QuerySet):
    def published(self):
        """Partners of at least one initiative the public may see."""
        return self.filter(
            pk__in=Initiative.partners.through.objects.filter(
                initiative__in=Initiative.objects.published()
            ).values("partner_id")
        )


class Partner(models.Model):
    """Who an RTC worked with on an initiative: universities, international organisations."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", "University"
        INTERNATIONAL_ORGANISATION = "international", "International organisation"
        GOVERNMENT = "government", "Government body"
        PRIVATE = "private", "Private sector"

    name = PrintableCharField(max_length=200, unique=True)
    kind = models.CharField(max_length=15, choices=Kind.choices)

    objects = PartnerQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class InitiativeQuerySet(SearchableQuerySet, PublishableQuerySet):
    def published(self):
        """Published initiatives whose RTC and meeting the public may also see."""
        return self.filter(
            status=Status.PUBLISHED,
            rtc__status=Status.PUBLISHED,
            rtc__host__status=Status.PUBLISHED,
            meeting__status=Status.PUBLISHED,
        )

    def for_rtc(self, rtc):
        return self.filter(rtc=rtc)

    def with_related(self):
        return self.select_related("rtc", "rtc__host", "meeting").prefetch_related(
            Prefetch("categories", queryset=Category.objects.published().order_by("name")),
            Prefetch("partners", queryset=Partner.objects.order_by("name")),
        )

    def for_listing(self):
        """What a list of initiatives shows (title, summary, RTC, meeting, kinds of delivery):
        not the description, the partners, the search vectors or the meeting's report, which
        weigh more than everything shown."""
        return (
            self.select_related("rtc", "meeting")
            .defer(*LISTING_DEFERRED)
            .prefetch_related(
                Prefetch("categories", queryset=Category.objects.published().order_by("name"))
            )
        )


# Columns a page about one initiative, or a list of them, never shows.
DETAIL_DEFERRED = ("search_vector", "meeting__search_vector", "meeting__report")
LISTING_DEFERRED = (
    *DETAIL_DEFERRED,
    "description",
    "meeting__summary",
    "rtc__description",
)


class Initiative(CitedRecord, Publishable):
    """A remote-training initiative an RTC reported at a meeting; `unconfirmed` when only
    aggregators report it."""

    rtc = models.ForeignKey(RTC, on_delete=models.PROTECT, related_name="initiatives")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text="The meeting where the RTC reported it.",
    )
    title = PrintableCharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = PrintableCharField(max_length=500, help_text="One or two sentences for lists.")
    description = PrintableTextField(blank=True)
    categories = models.ManyToManyField(Category, related_name="initiatives")
    partners = models.ManyToManyField(Partner, blank=True, related_name="initiatives")
    topics = models.ManyToManyField("meetings.Topic", blank=True, related_name="initiatives")
    documents = attachment_relation()
    search_vector = stored_search_vector()
    citations = GenericRelation(Citation, related_query_name="initiative")

    citation_select_related = ("rtc",)
    # As the trigger of migration 0002_search_index weighs them in `search_vector`.
    fulltext_fields = (("title", "A"), ("summary", "B"), ("description", "C"))

    objects = InitiativeQuerySet.as_manager()

    # The search vector is derived by a database trigger; history need not keep it.
    history = HistoricalRecords(
        m2m_fields=["categories", "partners"], excluded_fields=["search_vector"]
    )

    class Meta:
        ordering = ["-meeting__start_date", "rtc__name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["rtc", "meeting", "title"],
                name="unique_initiative_title_per_rtc_and_meeting",
                violation_error_message=(
                    "This RTC already reported an initiative with this title at this meeting."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "rtc"], name="initiative_status_rtc_idx"),
            models.Index(fields=["status", "meeting"], name="initiative_status_meeting_idx"),
            # The newest published initiative (the footer's "record last changed") is read by
            # walking this index from its end, not by a maximum over every row.
            models.Index(fields=["updated_at"], name="initiative_updated_idx"),
        ]
        permissions = [("publish_initiative", "Can publish and unpublish initiatives")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.slug])


class RTCHistoryQuerySet(models.QuerySet):
    def published(self):
        """Public with its RTC (and the RTC's host)."""
        return self.filter(rtc__status=Status.PUBLISHED, rtc__host__status=Status.PUBLISHED)


class SearchedWithRTC(models.Model):
    """A part of an RTC's history that its search text copies (RTCQuerySet.index_history()):
    writing or deleting it copies the RTC's again."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        RTC.objects.filter(pk=self.rtc_id).index_history()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        RTC.objects.filter(pk=self.rtc_id).index_history()
        return deleted


class Accreditation(SearchedWithRTC):
    """A step in an RTC's recognition by the WCO: designated, agreement signed or approved,
    accredited, launched. The date is kept to the precision the sources give; where they
    disagree, the RTC's disagreements say so."""

    class Step(models.TextChoices):
        DESIGNATED = "designated", "Designated"
        AGREEMENT_SIGNED = "mou_signed", "Agreement with the WCO signed"
        AGREEMENT_APPROVED = "mou_approved", "Agreement with the WCO approved"
        ACCREDITED = "accredited", "Accredited"
        LAUNCHED = "launched", "Launched"
        OPENED = "opened", "Opened"

    rtc = models.ForeignKey(RTC, on_delete=models.CASCADE, related_name="accreditations")
    step = models.CharField(max_length=12, choices=Step.choices)
    date = models.DateField(
        null=True, blank=True, help_text="For a month or a year, its first day; see precision."
    )
    date_precision = models.CharField(
        max_length=8,
        choices=Source.Precision.choices,
        default=Source.Precision.UNKNOWN,
        help_text="How much of the date the sources give.",
    )
    ordinal = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Its place among the Asia/Pacific RTCs where a source gives one: 6 for the 6th.",
    )
    note = PrintableCharField(
        max_length=300, blank=True, help_text="In the portal's own words, e.g. where and by whom."
    )
    order = models.PositiveSmallIntegerField(default=0)
    citations = GenericRelation(Citation, related_query_name="accreditation")

    citation_select_related = ("rtc",)

    objects = RTCHistoryQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["rtc", "order", "date", "pk"]
        verbose_name = "accreditation step"
        constraints = [
            models.CheckConstraint(
                condition=Q(date_precision="unknown", date=None)
                | (~Q(date_precision="unknown") & Q(date__isnull=False)),
                name="accreditation_date_matches_precision",
                violation_error_message="Give a date with its precision, or neither.",
            ),
        ]

    def __str__(self):
        return f"{self.rtc}: {self.get_step_display()} ({self.date_display})"

    def get_absolute_url(self):
        return f"{self.rtc.get_absolute_url()}#accreditation-heading"

    @property
    def date_display(self):
        return Source(published_on=self.date, date_precision=self.date_precision).date_display

    @property
    def ordinal_label(self):
        """ "6th", "10th": its place among the Asia/Pacific RTCs, where a source gives one."""
        return ordinal(self.ordinal) if self.ordinal else ""


class HostInstitution(SearchedWithRTC):
    """The institution that houses an RTC under one name, for as long as it bore that name:
    the Customs and Excise Training School became the Hong Kong Customs College in 2019."""

    rtc = models.ForeignKey(RTC, on_delete=models.CASCADE, related_name="institutions")
    name = PrintableCharField(max_length=200, help_text="As published, e.g. in the local language.")
    since = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year it took this name, where known."
    )
    until = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year it gave the name up, where known."
    )
    city = PrintableCharField(max_length=120, blank=True)
    note = PrintableCharField(max_length=300, blank=True)
    citations = GenericRelation(Citation, related_query_name="host_institution")

    citation_select_related = ("rtc",)

    objects = RTCHistoryQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["rtc", "since", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rtc", "name"],
                name="one_institution_name_per_rtc",
                violation_error_message="This name is already recorded for this RTC.",
            ),
            models.CheckConstraint(
                condition=Q(until=None) | Q(since=None) | Q(until__gte=F("since")),
                name="institution_name_ends_after_it_starts",
                violation_error_message="A name cannot be given up before it was taken.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{self.rtc.get_absolute_url()}#institution-heading"
