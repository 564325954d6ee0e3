from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from nested_admin import (
    NestedGenericStackedInlineMixin,
    NestedGenericTabularInlineMixin,
    NestedModelAdminMixin,
    NestedStackedInline,
    NestedTabularInline,
)

from core import workflow
from core.admin import ContentAdmin, DateHintMixin, ImportableAdmin, PublishableAdmin, admin_url
from core.models import ReviewNote, Status
from documents.admin import DocumentInline, UploadDocumentsMixin
from sources.admin import CitationInline, CitedInlineMixin, DisagreementVersionsInline

from . import duplication, review
from .models import (
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
    Silence,
)
from .resources import DiscussionPointResource, ParticipationResource
from .spreadsheet.admin import WholeMeetingSpreadsheetMixin
from .topic_admin import MeetingTopicInline


class ParticipationInline(CitedInlineMixin, NestedTabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["body"]
    fields = ["body", "role", "mode", "note", "sources"]
    show_change_link = True
    default_from = "meeting"


class SilenceInline(CitedInlineMixin, NestedTabularInline):
    model = Silence
    extra = 0
    fields = ["fact", "note", "sources"]
    default_from = "meeting"


class MeetingRoleInline(CitedInlineMixin, NestedTabularInline):
    model = MeetingRole
    extra = 0
    autocomplete_fields = ["person", "body"]
    fields = ["kind", "person", "position", "body", "order", "online", "sources"]
    show_change_link = True
    default_from = "meeting"


class InterventionInline(CitedInlineMixin, NestedStackedInline):
    model = Intervention
    extra = 0
    autocomplete_fields = ["speaker", "body", "programmes", "topics"]
    fields = [("speaker", "body"), "topic", "summary", "programmes", "topics", "order", "sources"]
    default_from = "meeting"


class DiscussionPointInline(CitedInlineMixin, NestedTabularInline):
    model = DiscussionPoint
    extra = 0
    autocomplete_fields = ["body"]
    fields = ["kind", "text", "body", "order", "sources"]
    default_from = "meeting"


class SessionPresentationInline(CitedInlineMixin, NestedTabularInline):
    """Who presented what, entered under its session on the meeting's form."""

    model = Presentation
    extra = 0
    autocomplete_fields = ["body", "speaker"]
    fields = ["order", "body", "speaker", "topic", "sources"]
    ordering = ["order", "pk"]
    default_from = "session.meeting"
    # The order number sorts them; rows are not dragged.
    is_sortable = False


class SessionInline(CitedInlineMixin, NestedStackedInline):
    """The programme, in order (the order number sorts it), each session with who presented
    what in it (django-nested-admin nests the one inline in the other)."""

    model = Session
    extra = 0
    fields = [("order", "day", "kind"), "title", "sources"]
    ordering = ["order", "pk"]
    show_change_link = True
    default_from = "meeting"
    inlines = [SessionPresentationInline]
    is_sortable = False


# The meeting's form nests presentations in sessions: every inline on it is one of
# django-nested-admin's, those shared with other forms included.
class MeetingCitationInline(NestedGenericTabularInlineMixin, CitationInline):
    is_sortable = False


class MeetingDisagreementInline(NestedGenericStackedInlineMixin, DisagreementVersionsInline):
    is_sortable = False


class MeetingDocumentInline(NestedGenericStackedInlineMixin, DocumentInline):
    is_sortable = False


@admin.register(Meeting)
class MeetingAdmin(
    NestedModelAdminMixin, WholeMeetingSpreadsheetMixin, UploadDocumentsMixin, PublishableAdmin
):
    list_display = ["title", "number", "start_date", "end_date", "format", "status", "review_link"]
    list_filter = ["status", "format", "start_date"]
    search_fields = ["title", "theme", "summary", "venue", "city", "country"]
    ordering = ["-number"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "title",
                    "slug",
                    "theme",
                    ("status", "status_changed"),
                    "still_missing",
                ]
            },
        ),
        (
            "When and where",
            {"fields": [("start_date", "end_date"), "format", "venue", ("city", "country")]},
        ),
        ("Size", {"fields": ["participant_count", ("rtc_count", "rtcs_named")]}),
        ("Account", {"fields": ["summary", "report"]}),
    ]
    # The meeting's own citations first: saved before the rows that take them by default.
    inlines = [
        MeetingCitationInline,
        MeetingDisagreementInline,
        MeetingRoleInline,
        SilenceInline,
        SessionInline,
        ParticipationInline,
        InterventionInline,
        DiscussionPointInline,
        MeetingDocumentInline,
        MeetingTopicInline,
    ]
    actions = [*PublishableAdmin.actions, "duplicate_as_next_year"]
    readonly_fields = [*PublishableAdmin.readonly_fields, "still_missing"]
    error_messages = {
        **PublishableAdmin.error_messages,
        "number": {
            "unique": "There is already a meeting with this number. Open it from the meetings "
            "list, or check the number."
        },
    }

    @admin.display(description="Review")
    def review_link(self, meeting):
        if meeting.status != Status.IN_REVIEW:
            return ""
        return format_html('<a href="{}">Review</a>', admin_url(Meeting, "review", meeting.pk))

    @admin.display(description="Still missing before review")
    def still_missing(self, meeting):
        if meeting.pk is None:
            return "Save the meeting to see what it still lacks before it can go to review."
        missing = review.missing_for_review(meeting)
        if not missing:
            return "Nothing: it can be sent for review."
        items = format_html_join("", "<li>{}</li>", ((item,) for item in missing))
        return format_html('<ul class="still-missing">{}</ul>', items)

    @admin.action(
        description="Publish selected, with everything entered with them", permissions=["publish"]
    )
    def publish(self, request, queryset):
        meetings = list(queryset.order_by("number"))
        anyway = request.POST.get("anyway", "").strip()
        lacking = [(meeting, review.missing_for_review(meeting)) for meeting in meetings]
        lacking = [(meeting, missing) for meeting, missing in lacking if missing]
        if lacking and not anyway:
            # The same gate as the review page: publishing over what is missing takes a reason.
            return self.publish_anyway_view(request, meetings, lacking)
        for meeting in meetings:
            self._publish_with_everything(request, meeting, anyway)
        return None

    def publish_anyway_view(self, request, meetings, lacking):
        context = {
            **self.admin_site.each_context(request),
            "title": "Publish anyway?",
            "opts": self.model._meta,
            "meetings": meetings,
            "lacking": lacking,
            "complete": [meeting for meeting in meetings if meeting not in dict(lacking)],
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "asked_again": "anyway" in request.POST,
        }
        return TemplateResponse(request, "admin/meetings/meeting/publish_anyway.html", context)

    def _publish_with_everything(self, request, meeting, anyway=""):
        try:
            published = review.publish_with_everything(meeting, request.user, anyway)
        except (PermissionDenied, workflow.NotReady) as error:
            self.message_user(request, str(error), messages.ERROR)
            return False
        counts = ", ".join(published)
        self.message_user(
            request,
            f"“{meeting}” is public, with what was entered with it ({counts or 'nothing new'}).",
            messages.SUCCESS,
        )
        return True

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is MeetingRole:
            keep_latest_posts(form.instance)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        meeting = form.instance
        # Published from its form too: with what was entered with it, as from the review page.
        if meeting.status == Status.PUBLISHED and any(
            queryset.exists() for queryset in review.entered_with(meeting).values()
        ):
            self._publish_with_everything(request, meeting)

    def get_urls(self):
        return [
            self.admin_path("<int:pk>/review/", self.review_view, "review"),
            *super().get_urls(),
        ]

    def review_view(self, request, pk):
        """The reviewer's page: the preview, what is still missing, what changed since it was
        sent for review, what publishing will make public; publish, or send back with a note."""
        meeting = get_object_or_404(Meeting, pk=pk)
        if not self.has_view_or_change_permission(request, meeting):
            raise PermissionDenied
        if request.method == "POST":
            return self.review_decision(request, meeting)
        entered = [
            (model._meta.verbose_name_plural, list(queryset))
            for model, queryset in review.entered_with(meeting).items()
            if model is not Meeting
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review “{meeting}”",
            "opts": self.model._meta,
            "original": meeting,
            "meeting": meeting,
            "preview_url": self.preview_url(meeting),
            "change_url": admin_url(Meeting, "change", meeting.pk),
            "missing": review.missing_for_review(meeting),
            "sent_at": review.sent_for_review_at(meeting),
            "changes": review.changes_since_review(meeting),
            "entered": [(name, records) for name, records in entered if records],
            "can_publish": self.has_publish_permission(request),
        }
        return TemplateResponse(request, "admin/meetings/meeting/review.html", context)

    def review_decision(self, request, meeting):
        # The buttons are shown to reviewers only; a post from anyone else is refused here.
        if not self.has_publish_permission(request):
            raise PermissionDenied
        review_url = admin_url(Meeting, "review", meeting.pk)
        if "_publish" in request.POST:
            self._publish_with_everything(request, meeting, request.POST.get("anyway", ""))
            return redirect(review_url)
        note = request.POST.get("note", "").strip()
        if not note:
            self.message_user(
                request, "Say what the editors should fix before sending it back.", messages.ERROR
            )
            return redirect(review_url)
        workflow.move(Meeting.objects.filter(pk=meeting.pk), Status.DRAFT, request.user)
        ReviewNote.objects.create(
            content_type=ContentType.objects.get_for_model(Meeting),
            object_id=meeting.pk,
            text=note,
            written_by=request.user,
        )
        self.message_user(request, f"“{meeting}” was sent back to the editors.", messages.SUCCESS)
        return redirect(admin_url(Meeting, "changelist"))

    @admin.action(description="Duplicate as next year's meeting (draft)", permissions=["add"])
    def duplicate_as_next_year(self, request, queryset):
        for meeting in queryset.order_by("number"):
            try:
                copy = duplication.duplicate_as_next_year(meeting, request.user)
            except duplication.DuplicateError as error:
                self.message_user(request, str(error), messages.ERROR)
                continue
            self.message_user(
                request,
                f"Created “{copy}” as a draft, with {copy.participations.count()} "
                f"participations and {copy.sessions.count()} programme sessions copied from "
                f"“{meeting}”. Check its dates and programme and give its place, theme, chair "
                "and sources.",
                messages.SUCCESS,
            )
        return None

    def extra_object_tools(self, request, obj):
        return [
            *super().extra_object_tools(request, obj),
            ("Review", admin_url(Meeting, "review", obj.pk)),
            (
                "Participations",
                f"{admin_url(Participation, 'changelist')}?meeting__id__exact={obj.pk}",
            ),
        ]


class RegionalRoleInline(DateHintMixin, admin.TabularInline):
    model = RegionalRole
    extra = 0
    fields = ["office", "order", "since", "since_precision", "until", "until_precision", "note"]
    show_change_link = True


@admin.register(Body)
class BodyAdmin(PublishableAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "full_name", "kind", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "full_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline, RegionalRoleInline]


@admin.register(Participation)
class ParticipationAdmin(ImportableAdmin):
    resource_classes = [ParticipationResource]
    list_display = ["body", "meeting", "role", "note"]
    list_filter = ["role", "meeting"]
    search_fields = ["body__name", "meeting__title", "note"]
    list_select_related = ["body", "meeting"]
    autocomplete_fields = ["meeting", "body"]
    ordering = ["-meeting__number", "role", "body__name"]
    inlines = [CitationInline]


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    """A person's post is asked where it is known: on their part at a meeting (the post held
    then). Their own `position` is their latest post, kept from their latest part
    (keep_latest_posts), so a person made in a pop-up from a meeting's form is not asked it."""

    list_display = ["__str__", "position", "body"]
    list_filter = ["body"]
    search_fields = ["name", "position", "body__name"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]
    prepopulated_fields = {"slug": ["name"]}

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None and (IS_POPUP_VAR in request.GET or IS_POPUP_VAR in request.POST):
            return [name for name in fields if name != "position"]
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "position":
            formfield.help_text = (
                "Their latest post, e.g. Head of ROCB A/P: set from the post given on their "
                "latest part at a meeting, which keeps the post held then."
            )
        return formfield


def keep_latest_posts(meeting):
    """Each person with a part at `meeting` whose latest post on record is the one given
    there: their `position` is set to it. An earlier meeting entered later changes nothing."""
    roles = meeting.roles.exclude(position="").filter(person__isnull=False)
    for role in roles.select_related("person"):
        latest = (
            MeetingRole.objects.filter(person=role.person)
            .exclude(position="")
            .order_by("-meeting__start_date", "-order", "-pk")
            .first()
        )
        if latest == role and role.person.position != role.position:
            role.person.position = role.position
            role.person.save(update_fields=["position"])


@admin.register(Programme)
class ProgrammeAdmin(UploadDocumentsMixin, PublishableAdmin):
    inlines = [CitationInline, DocumentInline]
    list_display = ["name", "kind", "body", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "description"]
    list_select_related = ["body"]
    autocomplete_fields = ["body", "topics"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Intervention)
class InterventionAdmin(UploadDocumentsMixin, ContentAdmin):
    inlines = [CitationInline, DocumentInline]
    list_display = ["topic", "speaker", "body", "meeting", "order"]
    list_filter = ["meeting", "body"]
    search_fields = ["topic", "summary", "speaker__name", "body__name"]
    list_select_related = ["speaker", "body", "meeting"]
    autocomplete_fields = ["meeting", "speaker", "body", "programmes", "topics"]


@admin.register(DiscussionPoint)
class DiscussionPointAdmin(ImportableAdmin):
    resource_classes = [DiscussionPointResource]
    list_display = ["text", "kind", "meeting", "body"]
    list_filter = ["kind", "meeting"]
    search_fields = ["text", "detail"]
    list_select_related = ["meeting", "body"]
    autocomplete_fields = ["meeting", "body", "topics"]
    inlines = [CitationInline]


@admin.register(MeetingRole)
class MeetingRoleAdmin(ContentAdmin):
    list_display = ["who", "kind", "position", "meeting", "order"]
    list_filter = ["kind", "meeting"]
    search_fields = ["person__name", "body__name", "position", "meeting__title"]
    list_select_related = ["person", "body", "meeting"]
    autocomplete_fields = ["meeting", "person", "body"]
    inlines = [CitationInline]


@admin.register(Silence)
class SilenceAdmin(ContentAdmin):
    list_display = ["fact", "meeting", "note"]
    list_filter = ["fact", "meeting"]
    search_fields = ["note", "meeting__title"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]
    inlines = [CitationInline]


class PresentationInline(admin.TabularInline):
    model = Presentation
    extra = 0
    autocomplete_fields = ["body", "speaker"]
    fields = ["order", "body", "speaker", "topic"]
    show_change_link = True


@admin.register(Session)
class SessionAdmin(ContentAdmin):
    list_display = ["__str__", "kind", "day", "order", "meeting"]
    list_filter = ["kind", "meeting"]
    search_fields = ["title", "summary", "meeting__title"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]
    ordering = ["-meeting__number", "order"]
    inlines = [PresentationInline, CitationInline]


@admin.register(Presentation)
class PresentationAdmin(ContentAdmin):
    list_display = ["__str__", "session"]
    list_filter = ["session__meeting"]
    search_fields = ["topic", "body__name", "speaker__name", "session__title"]
    list_select_related = ["session__meeting", "body", "speaker"]
    autocomplete_fields = ["session", "body", "speaker"]
    inlines = [CitationInline]


@admin.register(RegionalRole)
class RegionalRoleAdmin(ContentAdmin):
    list_display = ["body", "office", "term_display", "order"]
    list_filter = ["office"]
    search_fields = ["body__name", "note"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]
    inlines = [CitationInline]
