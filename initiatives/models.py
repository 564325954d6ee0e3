from django.db import models
from django.db.models import Count, Prefetch
from django.urls import reverse
from simple_history.models import HistoricalRecords

from meetings.models import (
    Body,
    Meeting,
    Publishable,
    PublishableQuerySet,
    Status,
    stored_search_vector,
)

from . import search as full_text


class RTCQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED, host__status=Status.PUBLISHED)

    def with_related(self):
        return self.select_related("host")


class RTC(Publishable):
    """A Regional Training Centre, hosted by one customs administration; it outlives meetings."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    host = models.OneToOneField(
        Body,
        on_delete=models.PROTECT,
        related_name="rtc",
        limit_choices_to={"kind": Body.Kind.CUSTOMS_ADMINISTRATION},
        help_text="The customs administration that hosts this RTC.",
    )
    city = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)

    objects = RTCQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "RTC"
        verbose_name_plural = "RTCs"
        permissions = [("publish_rtc", "Can publish and unpublish RTCs")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:rtc-detail", args=[self.slug])


class Category(Publishable):
    """A kind of delivery, e.g. VR simulation or mobile learning."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    objects = PublishableQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        permissions = [("publish_category", "Can publish and unpublish categories")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('initiatives:list')}?category={self.slug}"


class Partner(models.Model):
    """Who an RTC worked with on an initiative: universities, international organisations."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", "University"
        INTERNATIONAL_ORGANISATION = "international", "International organisation"
        GOVERNMENT = "government", "Government body"
        PRIVATE = "private", "Private sector"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=15, choices=Kind.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class InitiativeQuerySet(PublishableQuerySet):
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
            Prefetch("categories", queryset=Category.objects.order_by("name")),
            Prefetch("partners", queryset=Partner.objects.order_by("name")),
        )

    def count_by(self, field):
        """{pk: how many of these initiatives it has} for each "rtc", "meeting" or "category".

        One grouped query over these initiatives; a pk with none is left out.
        """
        initiatives = self.order_by()
        if field == "category":
            tagged = self.model.categories.through.objects.filter(
                initiative__in=initiatives.values("pk")
            )
            return dict(tagged.values_list("category_id").annotate(Count("initiative_id")))
        return dict(initiatives.values_list(f"{field}_id").annotate(Count("pk")))

    def search(self, query):
        """Initiatives matching `query`, best first, each with its `search_rank`."""
        return full_text.search(
            self, query, full_text.INITIATIVE_FIELDS, vector_field="search_vector"
        )


class Initiative(Publishable):
    """A remote-training initiative an RTC reported at a meeting."""

    rtc = models.ForeignKey(RTC, on_delete=models.PROTECT, related_name="initiatives")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text="The meeting where the RTC reported it.",
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(max_length=500, help_text="One or two sentences for lists.")
    description = models.TextField(blank=True)
    categories = models.ManyToManyField(Category, related_name="initiatives")
    partners = models.ManyToManyField(Partner, blank=True, related_name="initiatives")
    search_vector = stored_search_vector("0005")

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
        ]
        permissions = [("publish_initiative", "Can publish and unpublish initiatives")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.slug])
