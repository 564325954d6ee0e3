"""Meetings and what happened at them: who took part in which role, who spoke about what,
the programmes referred to and the points discussed.

Invariant: every model here answers `published()` on its queryset. Children (participations,
people, interventions, discussion points) are public when their meeting and the bodies they
name are published; each states that rule once, below.

One module, though long: the models are one graph, each child's `published()` naming its
meeting and the bodies it shows, and they are read together; the sections below (meetings and
who took part, programme sessions, topics, regional roles) are where a models package would cut.
"""

import calendar

from autoslug import AutoSlugField
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from core.addresses import filtered_list_url
from core.fields import PrintableCharField, PrintableTextField
from core.fulltext.search import SearchableQuerySet
from core.models import (
    CountingQuerySet,
    Publishable,
    PublishableQuerySet,
    Status,
    stored_search_vector,
)
from documents.models import attachment_relation
from sources.models import Citation, Disagreement


class BodyQuerySet(SearchableQuerySet, PublishableQuerySet):
    pass


class Body(Publishable):
    """A customs administration, or another body such as WCO, ROCB A/P or RILO AP."""

    class Kind(models.TextChoices):
        CUSTOMS_ADMINISTRATION = "customs", "Customs administration"
        INTERNATIONAL_ORGANISATION = "international", "International organisation"
        REGIONAL_OFFICE = "regional", "WCO regional office"

    name = PrintableCharField(
        max_length=120, unique=True, help_text='The WCO\'s own naming, e.g. "Hong Kong (China)".'
    )
    slug = models.SlugField(max_length=120, unique=True)
    full_name = PrintableCharField(
        max_length=200, blank=True, help_text='e.g. "Regional Office for Capacity Building".'
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    website = models.URLField(blank=True)
    citations = GenericRelation(Citation, related_query_name="body")

    # Searched on SQLite through the index of migration 0002_search_index; on PostgreSQL the
    # few rows are read directly (no stored vector).
    fulltext_fields = (("name", "A"), ("full_name", "A"))

    objects = BodyQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "administration or body"
        verbose_name_plural = "administrations and bodies"
        permissions = [("publish_body", "Can publish and unpublish administrations and bodies")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:administration-detail", args=[self.slug])


class MeetingQuerySet(SearchableQuerySet, PublishableQuerySet):
    def planned(self):
        """Meetings still to come: planned is what a start date after today means, so nothing
        is marked or unmarked by hand, and a meeting stops being planned the day it starts."""
        return self.filter(start_date__gt=timezone.localdate())

    def next_planned(self):
        """The published meeting that comes next, or None."""
        return self.published().planned().order_by("start_date", "number").defer("report").first()

    def with_related(self):
        """The participations the public may see, with their bodies, by role then name."""
        return self.prefetch_related(
            models.Prefetch(
                "participations",
                queryset=Participation.objects.published().select_related("body").in_role_order(),
            ),
        )


class Meeting(Publishable):
    """One RTC Heads Meeting, e.g. the 19th, held on 27-28 October 2021."""

    class Format(models.TextChoices):
        VIRTUAL = "virtual", "Virtual"
        IN_PERSON = "in_person", "In person"
        HYBRID = "hybrid", "Hybrid"

    number = models.PositiveSmallIntegerField(
        unique=True, help_text="The meeting's ordinal: 19 for the 19th RTC Heads Meeting."
    )
    title = PrintableCharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    theme = PrintableCharField(max_length=300, blank=True)
    start_date = models.DateField(db_index=True)
    end_date = models.DateField()
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    venue = PrintableCharField(
        max_length=200,
        blank=True,
        help_text='The institution or building, e.g. "Shanghai Customs College"; empty online.',
    )
    city = PrintableCharField(max_length=120, blank=True, help_text='e.g. "Cheonan".')
    country = PrintableCharField(max_length=120, blank=True, help_text='e.g. "Korea".')
    participant_count = PrintableCharField(
        max_length=120,
        blank=True,
        help_text='As an account gives it: "more than 50", "22 delegates", "about 40".',
    )
    rtc_count = models.PositiveSmallIntegerField(
        "RTCs attending",
        null=True,
        blank=True,
        help_text="How many RTCs the accounts say attended, when they give a number.",
    )
    rtcs_named = models.BooleanField(
        "RTCs named in the accounts",
        default=True,
        help_text="The accounts name the RTCs that attended. When not (only a number), the "
        "roster says “not named in the account” rather than “absent”.",
    )
    summary = PrintableTextField(blank=True, help_text="A paragraph shown in lists and at the top.")
    report = PrintableTextField(blank=True, help_text="The full account of the meeting.")
    participants = models.ManyToManyField(Body, through="Participation", related_name="meetings")
    documents = attachment_relation()
    date_words = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text='The months and years it was held in, in words ("September 2019"), for the '
        "search: set from the dates on every save.",
    )
    search_vector = stored_search_vector()
    citations = GenericRelation(Citation, related_query_name="meeting")
    disagreements = GenericRelation(Disagreement, related_query_name="meeting")
    topics = models.ManyToManyField("Topic", through="TopicEntry", related_name="meetings")

    # As the trigger of migration 0002_search_index weighs them in `search_vector`.
    fulltext_fields = (
        ("title", "A"),
        ("theme", "B"),
        ("summary", "B"),
        ("report", "C"),
        # Where it was held: a search for a city or a venue finds it.
        ("venue", "B"),
        ("city", "B"),
        ("country", "B"),
        # When: "2019" or "October 2021" finds it.
        ("date_words", "B"),
    )
    # What names a meeting, for the search's best match: its title, where and when it was held.
    fulltext_name_fields = ("title", "venue", "city", "country", "date_words")

    objects = MeetingQuerySet.as_manager()

    # The search vector is derived by a database trigger, the date words from the dates;
    # history need not keep them. The change reason holds a reviewer's "publish anyway" reason
    # in full, with what was missing then.
    history = HistoricalRecords(
        excluded_fields=["search_vector", "date_words"],
        history_change_reason_field=models.TextField(null=True),
    )

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="meeting_ends_on_or_after_start",
                violation_error_message="A meeting cannot end before it starts.",
            ),
        ]
        permissions = [("publish_meeting", "Can publish and unpublish meetings")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.slug])

    @property
    def initiatives_url(self):
        """The initiatives list filtered to this meeting."""
        return filtered_list_url("initiatives:list", meeting=self.slug)

    @property
    def is_planned(self):
        """Still to come (see MeetingQuerySet.planned)."""
        return self.start_date > timezone.localdate()

    @property
    def location(self):
        """Venue, city and country, as far as known: "Shanghai Customs College, Shanghai,
        China"; empty for a meeting held online."""
        return ", ".join(part for part in (self.venue, self.city, self.country) if part)

    @property
    def people_taking_part(self):
        """The accounts' head count, saying what it counts: "27 delegates" as given, "about
        40" as "about 40 people", so that it never reads as a count of bodies."""
        count = self.participant_count
        return f"{count} people" if count[-1:].isdigit() else count

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    def save(self, *args, **kwargs):
        self.date_words = date_words(self.start_date, self.end_date)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"start_date", "end_date"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "date_words"}
        super().save(*args, **kwargs)


def date_words(start, end):
    """The months a meeting spans and their years, as words a search matches: "September
    2019", "December 2019 January 2020". Empty without dates."""
    if not start:
        return ""
    end = end if end and end >= start else start
    words, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        words.append(f"{calendar.month_name[month]} {year}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return " ".join(words)


class ParticipationQuerySet(CountingQuerySet):
    def published(self):
        """Public when both the meeting and the body are."""
        return self.filter(meeting__status=Status.PUBLISHED, body__status=Status.PUBLISHED)

    def in_role_order(self):
        """Organisers first, observers last (the order of Participation.Role), then by name:
        the meeting's page and its participants CSV list them the same way."""
        roles = Participation.Role.values
        position = models.Case(
            *(models.When(role=role, then=number) for number, role in enumerate(roles)),
            output_field=models.IntegerField(),
        )
        return self.order_by(position, "body__name")

    def as_rtc(self):
        """Administrations taking part as RTCs (or hosting as one): what an account that
        does not name the RTCs leaves unnamed."""
        return self.filter(
            role__in=[
                Participation.Role.PARTICIPANT,
                Participation.Role.HOST,
                Participation.Role.ORGANISER,
            ],
            body__kind=Body.Kind.CUSTOMS_ADMINISTRATION,
        )


class Participation(models.Model):
    """How a body took part in a meeting."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", "Organiser"
        HOST = "host", "Host"
        PARTICIPANT = "participant", "Participant"
        REPRESENTED = "represented", "Represented"
        OBSERVER = "observer", "Observer"

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"

    # What attendance tables (across meetings, and the RTC roster) show where a body has no
    # participation at a meeting: absent, or not named where the account names no RTCs.
    ABSENT = "—"
    NOT_NAMED = "not named"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=12, choices=Role.choices, db_index=True)
    mode = models.CharField(
        "took part",
        max_length=10,
        choices=Mode.choices,
        blank=True,
        help_text="In person or online, where the account says; a hybrid meeting's page names "
        "who joined online.",
    )
    note = PrintableCharField(
        max_length=200, blank=True, help_text='e.g. "RTC head" or "Iran Customs delegation".'
    )
    citations = GenericRelation(Citation, related_query_name="participation")

    # What the source pages need to name a cited participation.
    citation_select_related = ("meeting", "body")

    objects = ParticipationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "role", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "body"],
                name="one_participation_per_body_per_meeting",
                violation_error_message="This body already takes part in this meeting.",
            ),
        ]

    def __str__(self):
        return f"{self.body} — {self.get_role_display()} at {self.meeting}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#who-heading"

    @property
    def details(self):
        """The body's full name, then what the record notes of its part ("One delegate"), and
        "online" where it joined online: a note never hides the full name, which is how a
        reader learns what "OCO" stands for."""
        online = "online" if self.mode == self.Mode.ONLINE else ""
        return " · ".join(part for part in (self.body.full_name, self.note, online) if part)


class PersonQuerySet(SearchableQuerySet):
    def published(self):
        """Public when the body they belong to is."""
        return self.filter(body__status=Status.PUBLISHED)


def person_slug(name):
    """A person's slug: the name's lower-case words, or "person" for a name written without
    Latin letters (the slug field then adds "-2", "-3" to keep it unique)."""
    return slugify(name) or "person"


class Person(models.Model):
    """Someone who speaks at meetings."""

    honorific = PrintableCharField(max_length=20, blank=True, help_text='"Mr.", "Dr.", "Ms."')
    name = PrintableCharField(max_length=120, unique=True)
    # Made from the name when left empty, wherever the person comes from (the admin, the
    # public record, a meeting's spreadsheet), with "-2" added if another person has it.
    slug = AutoSlugField(
        populate_from="name",
        slugify=person_slug,
        unique=True,
        editable=True,
        blank=True,
        max_length=120,
        help_text="The page's address, /people/<slug>/: lower-case words from the name.",
    )
    position = PrintableCharField(max_length=200, blank=True, help_text="e.g. Head of ROCB A/P")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="people")

    # Found by name and post; an FTS5 index on SQLite (0002_search_index), the text on PostgreSQL.
    fulltext_fields = (("name", "A"), ("position", "B"))

    objects = PersonQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.honorific} {self.name}".strip()

    def get_absolute_url(self):
        return reverse("meetings:person-detail", args=[self.slug])


class ProgrammeQuerySet(SearchableQuerySet, PublishableQuerySet):
    def published(self):
        """Published, and run by a published body or by nobody named."""
        return super().published().filter(Q(body=None) | Q(body__status=Status.PUBLISHED))


class Programme(Publishable):
    """A programme, project, platform or document referred to at meetings."""

    class Kind(models.TextChoices):
        PROJECT = "project", "Project"
        PLATFORM = "platform", "E-learning platform"
        DOCUMENT = "document", "Document"
        PROGRAMME = "programme", "Programme"

    name = PrintableCharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="programmes",
        null=True,
        blank=True,
        help_text="Who runs it.",
    )
    description = PrintableTextField(blank=True)
    documents = attachment_relation()
    topics = models.ManyToManyField("Topic", blank=True, related_name="programmes")

    # As for Body: an index on SQLite (0002_search_index), the text itself on PostgreSQL.
    fulltext_fields = (("name", "A"), ("description", "B"))
    citations = GenericRelation(Citation, related_query_name="programme")

    objects = ProgrammeQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        permissions = [("publish_programme", "Can publish and unpublish programmes")]

    def __str__(self):
        return self.name


class InterventionQuerySet(SearchableQuerySet):
    def published(self):
        """Public when the meeting, the body the speaker spoke for and the speaker's own body
        are: a named speaker is shown, and linked to their page, only when public."""
        return self.filter(meeting__status=Status.PUBLISHED, body__status=Status.PUBLISHED).filter(
            Q(speaker=None) | Q(speaker__body__status=Status.PUBLISHED)
        )


class Intervention(models.Model):
    """What a speaker (or an unnamed delegation) covered at a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="interventions")
    speaker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="interventions",
        null=True,
        blank=True,
        help_text="Leave empty when the account names only the body.",
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="interventions",
        help_text="The body the speaker spoke for.",
    )
    topic = PrintableCharField(max_length=200)
    summary = PrintableTextField(blank=True)
    programmes = models.ManyToManyField(Programme, blank=True, related_name="interventions")
    topics = models.ManyToManyField("Topic", blank=True, related_name="interventions")
    order = models.PositiveSmallIntegerField(default=0)
    documents = attachment_relation()
    search_vector = stored_search_vector()
    citations = GenericRelation(Citation, related_query_name="intervention")

    citation_select_related = ("meeting", "body", "speaker")
    fulltext_fields = (("topic", "A"), ("summary", "B"))

    objects = InterventionQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=["programmes"], excluded_fields=["search_vector"])

    class Meta:
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "body", "topic"],
                name="one_intervention_per_topic_per_body",
                violation_error_message="This body already has an intervention on this topic.",
            ),
        ]

    def __str__(self):
        return f"{self.speaker or self.body}: {self.topic}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#speakers-heading"

    @property
    def speaker_label(self):
        if self.speaker:
            return str(self.speaker)
        return f"{self.body} representatives"


class DiscussionPointQuerySet(SearchableQuerySet):
    def published(self):
        """Public when the meeting is, and the body that committed (if any) is too."""
        return self.filter(meeting__status=Status.PUBLISHED).filter(
            Q(body=None) | Q(body__status=Status.PUBLISHED)
        )


class DiscussionPoint(models.Model):
    """A topic discussed, or a challenge, advantage, priority or commitment recorded at a
    meeting."""

    class Kind(models.TextChoices):
        TOPIC = "topic", "Topic discussed"
        CHALLENGE = "challenge", "Challenge"
        ADVANTAGE = "advantage", "Advantage"
        PRIORITY = "priority", "Priority"
        COMMITMENT = "commitment", "Commitment"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="discussion_points")
    kind = models.CharField(max_length=12, choices=Kind.choices, db_index=True)
    text = PrintableCharField(max_length=300)
    detail = PrintableTextField(blank=True)
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="discussion_points",
        null=True,
        blank=True,
        help_text="For a commitment: who committed.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    topics = models.ManyToManyField("Topic", blank=True, related_name="discussion_points")
    search_vector = stored_search_vector()
    citations = GenericRelation(Citation, related_query_name="discussion_point")

    citation_select_related = ("meeting", "body")
    fulltext_fields = (("text", "A"), ("detail", "B"))

    objects = DiscussionPointQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["meeting", "kind", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "text"],
                name="unique_discussion_point_per_meeting",
                violation_error_message="This point is already recorded for this meeting.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#points-heading"


class MeetingRoleQuerySet(models.QuerySet):
    def published(self):
        """Public when the meeting and the body spoken for are, and the person's own body
        too where a person is named."""
        return self.filter(meeting__status=Status.PUBLISHED, body__status=Status.PUBLISHED).filter(
            Q(person=None) | Q(person__body__status=Status.PUBLISHED)
        )

    def chairs(self):
        return self.filter(kind__in=MeetingRole.CHAIRING)

    def in_speaking_order(self):
        """The parts people played, in the order they happened: by `order`, then by the order
        of the kinds (a welcome before the opening remarks) where no order was given."""
        kinds = MeetingRole.Kind.values
        position = models.Case(
            *(models.When(kind=kind, then=number) for number, kind in enumerate(kinds)),
            output_field=models.IntegerField(),
        )
        return self.exclude(kind__in=MeetingRole.CHAIRING).order_by("order", position, "pk")


class MeetingRole(models.Model):
    """Someone's part in running a meeting (chair, welcome, opening or closing remarks), with
    the post they held then: people change posts, so the post is kept per meeting. A chair may
    be a body with no person named ("co-chaired by RTC India"), as accounts often put it."""

    class Kind(models.TextChoices):
        # Presiding first, then the parts people speak, in the order meetings run them.
        CHAIR = "chair", "Chair"
        CO_CHAIR = "co_chair", "Co-chair"
        WELCOME = "welcome", "Welcome remarks"
        OPENING = "opening", "Opening"
        FURTHER_REMARKS = "further_remarks", "Further remarks"
        KEYNOTE = "keynote", "Keynote"
        WRAP_UP = "wrap_up", "Wrap-up and way forward"
        CLOSING = "closing", "Closing remarks"

    CHAIRING = (Kind.CHAIR, Kind.CO_CHAIR)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="meeting_roles",
        null=True,
        blank=True,
        help_text="Leave empty when the account names only the body (“co-chaired by RTC India”).",
    )
    kind = models.CharField("part", max_length=16, choices=Kind.choices, db_index=True)
    position = PrintableCharField(
        max_length=300,
        blank=True,
        help_text="The post held at the time, as the account gives it.",
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="meeting_roles",
        help_text="The body they spoke or presided for at the time; the body itself when the "
        "account names no person.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Speaking order: 1 for whoever spoke first."
    )
    online = models.BooleanField(default=False, help_text="Took part online, the rest in person.")
    citations = GenericRelation(Citation, related_query_name="meeting_role")

    citation_select_related = ("meeting", "person", "body")

    objects = MeetingRoleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = "chair or speaker"
        verbose_name_plural = "chairs and speakers"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person", "kind"],
                name="one_role_of_a_kind_per_person_per_meeting",
                violation_error_message="This person already has this part at this meeting.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "body", "kind"],
                condition=Q(person=None),
                name="one_role_of_a_kind_per_unnamed_body_per_meeting",
                violation_error_message="This body already has this part at this meeting.",
            ),
        ]

    def __str__(self):
        return f"{self.who}: {self.get_kind_display()} at {self.meeting}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#running-heading"

    @property
    def who(self):
        """The person, or the body where the account names no one."""
        return self.person or self.body


class SilenceQuerySet(models.QuerySet):
    def published(self):
        """Public when its meeting is."""
        return self.filter(meeting__status=Status.PUBLISHED)


class Silence(models.Model):
    """A fact the meeting's accounts leave unsaid, recorded as an answer: no chair named, no
    venue given, no count of RTCs. The page says so instead of leaving a gap, and the meeting's
    check before review counts it as answered."""

    class Fact(models.TextChoices):
        CHAIR = "chair", "Who chaired"
        ORGANISER = "organiser", "Who organised"
        VENUE = "venue", "Where it was held"
        RTC_COUNT = "rtc_count", "How many RTCs attended"
        PARTICIPANT_COUNT = "participant_count", "How many people took part"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="silences")
    fact = models.CharField(
        "what the accounts do not say", max_length=20, choices=Fact.choices, db_index=True
    )
    note = PrintableCharField(
        max_length=200,
        blank=True,
        help_text="What the account says instead, if anything: “RTC heads of the region”.",
    )
    citations = GenericRelation(Citation, related_query_name="silence")

    citation_select_related = ("meeting",)

    objects = SilenceQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "fact"]
        verbose_name = "fact the accounts do not give"
        verbose_name_plural = "facts the accounts do not give"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "fact"],
                name="one_silence_per_fact_per_meeting",
                violation_error_message="This meeting already records that the accounts do not "
                "say this.",
            ),
        ]

    def __str__(self):
        return f"{self.get_fact_display()} \N{EM DASH} not in any account of the {self.meeting}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


# --- Programme sessions ----------------------------------------------------------------------


class SessionQuerySet(models.QuerySet):
    def published(self):
        """Public when its meeting is."""
        return self.filter(meeting__status=Status.PUBLISHED)


class Session(models.Model):
    """One part of a meeting's programme, in the order it ran: the opening, an
    information-sharing session, the RTCs' presentations, a panel, a visit, the close."""

    class Kind(models.TextChoices):
        OPENING = "opening", "Opening"
        INFORMATION_SHARING = "information_sharing", "Information sharing"
        PRESENTATIONS = "presentations", "Presentations"
        RTC_PRESENTATIONS = "rtc_presentations", "RTC presentations"
        DISCUSSION = "discussion", "Discussion"
        PANEL = "panel", "Panel discussion"
        BREAKOUT = "breakout", "Breakout groups"
        CEREMONY = "ceremony", "Ceremony"
        VISIT = "visit", "Visit"
        WRAP_UP = "wrap_up", "Wrap-up and way forward"
        CLOSING = "closing", "Closing"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Where it came in the programme: 1 for the first session."
    )
    day = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Day of the meeting (1, 2, 3); empty when the account does not say.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    title = PrintableCharField(
        max_length=300,
        blank=True,
        help_text="The session's own title where the account gives one, e.g. a panel's "
        "question; empty to show the kind.",
    )
    summary = PrintableTextField(blank=True, help_text="What it covered, in the portal's words.")
    citations = GenericRelation(Citation, related_query_name="session")

    citation_select_related = ("meeting",)

    objects = SessionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = "programme session"

    def __str__(self):
        return f"{self.label} ({self.meeting})" if self.meeting_id else self.label

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#programme-heading"

    @property
    def label(self):
        return self.title or self.get_kind_display()


class PresentationQuerySet(models.QuerySet):
    def published(self):
        """Public when the meeting, the body presenting and the speaker's own body are."""
        return self.filter(
            session__meeting__status=Status.PUBLISHED, body__status=Status.PUBLISHED
        ).filter(Q(speaker=None) | Q(speaker__body__status=Status.PUBLISHED))


class Presentation(models.Model):
    """Who presented what in a session: a body, the person who spoke for it where the account
    names one, and the subject."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="presentations")
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="presentations",
        help_text="The body that presented.",
    )
    speaker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="presentations",
        null=True,
        blank=True,
        help_text="Leave empty when the account names only the body.",
    )
    topic = PrintableCharField(max_length=300, blank=True, help_text="What they presented.")
    order = models.PositiveSmallIntegerField(default=0)
    citations = GenericRelation(Citation, related_query_name="presentation")

    citation_select_related = ("session__meeting", "body", "speaker")

    objects = PresentationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "order", "pk"]

    def __str__(self):
        who = self.speaker or self.body
        return f"{who}: {self.topic}" if self.topic else str(who)

    def get_absolute_url(self):
        return self.session.get_absolute_url()

    @property
    def meeting(self):
        return self.session.meeting


# --- Topics that run through the series ------------------------------------------------------
# A topic (the Centre of Excellence concept, distance training under COVID-19) is told as a
# thread: one entry per meeting that took it up, with a note and its sources. Interventions,
# programmes, discussion points and initiatives are tagged with it.


class TopicQuerySet(SearchableQuerySet, PublishableQuerySet):
    def with_public_meetings(self):
        """Each with `public_meetings`: the published meetings of its thread, oldest first.
        One query for every topic listed."""
        return self.prefetch_related(
            models.Prefetch(
                "meetings",
                queryset=Meeting.objects.published()
                .order_by("start_date")
                .only("number", "title", "slug", "start_date"),
                to_attr="public_meetings",
            )
        )


class Topic(Publishable):
    """A subject the series returns to, meeting after meeting."""

    name = PrintableCharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = PrintableTextField(
        blank=True, help_text="What the topic is about, in the portal's own words."
    )
    search_vector = stored_search_vector()
    citations = GenericRelation(Citation, related_query_name="topic")

    # As the trigger of migration 0002_search_index weighs them in `search_vector`.
    fulltext_fields = (("name", "A"), ("summary", "B"))

    objects = TopicQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["name"]
        permissions = [("publish_topic", "Can publish and unpublish topics")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:topic-detail", args=[self.slug])

    @property
    def initiatives_url(self):
        """The initiatives list filtered to this topic."""
        return filtered_list_url("initiatives:list", topic=self.slug)


class TopicEntryQuerySet(CountingQuerySet):
    def published(self):
        """Public when both the topic and the meeting are."""
        return self.filter(topic__status=Status.PUBLISHED, meeting__status=Status.PUBLISHED)


class TopicEntry(models.Model):
    """One meeting's part in a topic's thread: what it said or did about the topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="entries")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="topic_entries")
    note = PrintableTextField(
        blank=True, help_text="What this meeting said or did about the topic, in your own words."
    )
    citations = GenericRelation(Citation, related_query_name="topic_entry")

    citation_select_related = ("topic", "meeting")

    objects = TopicEntryQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "meeting__start_date"]
        verbose_name = "thread entry"
        verbose_name_plural = "thread entries"
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "meeting"],
                name="one_thread_entry_per_topic_per_meeting",
                violation_error_message="This meeting is already in this topic's thread.",
            ),
        ]

    def __str__(self):
        return f"{self.topic} at the {self.meeting}"

    def get_absolute_url(self):
        return f"{self.topic.get_absolute_url()}#meeting-{self.meeting.number}"


# --- Regional roles over time ----------------------------------------------------------------


class RegionalRoleQuerySet(models.QuerySet):
    def published(self):
        """Public when the body holding it is."""
        return self.filter(body__status=Status.PUBLISHED)


class RegionalRole(models.Model):
    """A regional office an administration held for a time, e.g. the Asia/Pacific Vice-Chair,
    which passes from one member to the next. Where the record gives no term, the note says
    when the office is known to have been held (at which meetings)."""

    class Office(models.TextChoices):
        VICE_CHAIR = "ap_vice_chair", "Asia/Pacific Regional Vice-Chair"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="regional_roles")
    office = models.CharField(max_length=20, choices=Office.choices, default=Office.VICE_CHAIR)
    since = models.DateField(null=True, blank=True, help_text="First day of the term, if known.")
    since_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.MONTH
    )
    until = models.DateField(null=True, blank=True, help_text="Last day of the term, if known.")
    until_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.MONTH
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Place in the succession: 1 for the earliest holder recorded."
    )
    note = PrintableCharField(
        max_length=300,
        blank=True,
        help_text="In the portal's words, e.g. the meetings at which it is known to have held it.",
    )
    citations = GenericRelation(Citation, related_query_name="regional_role")

    citation_select_related = ("body",)

    objects = RegionalRoleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "order", "since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(since=None) | Q(until=None) | Q(until__gte=F("since")),
                name="regional_role_ends_after_it_starts",
                violation_error_message="The term must end on or after it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.body}: {self.get_office_display()}"

    def get_absolute_url(self):
        return f"{self.body.get_absolute_url()}#regional-roles-heading"

    @staticmethod
    def _date(value, precision):
        formats = {"day": f"{value.day} %B %Y", "month": "%B %Y", "year": "%Y"} if value else {}
        return value.strftime(formats[precision]) if value else ""

    @property
    def term_display(self):
        """'July 2018 to June 2020' with an en dash, 'from July 2018', or '' where the record
        gives no term."""
        since = self._date(self.since, self.since_precision)
        until = self._date(self.until, self.until_precision)
        if since and until:
            return f"{since} \N{EN DASH} {until}"
        if since:
            return f"from {since}"
        return f"until {until}" if until else ""
