from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join

from core import workflow
from core.admin import ContentAdmin, ImportableAdmin, PublishableAdmin, admin_url
from core.models import ReviewNote, Status
from documents.admin import DocumentInline, UploadDocumentsMixin
from sources.admin import CitationInline, DisagreementVersionsInline

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
)
from .resources import DiscussionPointResource, ParticipationResource
from .spreadsheet.admin import WholeMeetingSpreadsheetMixin
from .topic_admin import MeetingTopicInline


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["body"]
    show_change_link = True


class MeetingRoleInline(admin.TabularInline):
    model = MeetingRole
    extra = 0
    autocomplete_fields = ["person", "body"]
    fields = ["kind", "person", "position", "body", "order", "online"]
    show_change_link = True


class InterventionInline(admin.StackedInline):
    model = Intervention
    extra = 0
    autocomplete_fields = ["speaker", "body", "programmes", "topics"]
    fields = [("speaker", "body"), "topic", "summary", "programmes", "topics", "order"]


class DiscussionPointInline(admin.TabularInline):
    model = DiscussionPoint
    extra = 0
    autocomplete_fields = ["body"]
    fields = ["kind", "text", "body", "order"]


class SessionInline(admin.TabularInline):
    """The programme, in order: the order number sorts it; who presented what is edited on
    each session's own page (the link beside the row)."""

    model = Session
    extra = 0
    fields = ["order", "day", "kind", "title"]
    ordering = ["order", "pk"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(WholeMeetingSpreadsheetMixin, UploadDocumentsMixin, PublishableAdmin):
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
    # Citations of a participation, a speaker or a point are edited on its own page
    # (the link beside each row): Django's admin does not nest inlines.
    inlines = [
        CitationInline,
        DisagreementVersionsInline,
        MeetingRoleInline,
        SessionInline,
        ParticipationInline,
        InterventionInline,
        DiscussionPointInline,
        DocumentInline,
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
        for meeting in queryset.order_by("number"):
            self._publish_with_everything(request, meeting)

    def _publish_with_everything(self, request, meeting):
        try:
            published = review.publish_with_everything(meeting, request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return False
        counts = ", ".join(f"{count} {name}" for name, count in published.items())
        self.message_user(
            request,
            f"“{meeting}” is public, with what was entered with it ({counts or 'nothing new'}).",
            messages.SUCCESS,
        )
        return True

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
            self._publish_with_everything(request, meeting)
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


class RegionalRoleInline(admin.TabularInline):
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
    list_display = ["__str__", "position", "body"]
    list_filter = ["body"]
    search_fields = ["name", "position", "body__name"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]


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
    list_display = ["person", "kind", "position", "meeting", "order"]
    list_filter = ["kind", "meeting"]
    search_fields = ["person__name", "position", "meeting__title"]
    list_select_related = ["person", "meeting"]
    autocomplete_fields = ["meeting", "person", "body"]
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
