from django.contrib import admin, messages
from django.db import models

from core.admin import ContentAdmin, ImportableAdmin, PublishableAdmin, admin_url
from documents.admin import DocumentInline, UploadDocumentsMixin
from sources.admin import CitationInline, DisagreementInline

from . import duplication
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
    autocomplete_fields = ["speaker", "body", "programmes"]
    fields = [("speaker", "body"), "topic", "summary", "programmes", "order"]


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
class MeetingAdmin(UploadDocumentsMixin, PublishableAdmin):
    list_display = ["title", "number", "start_date", "end_date", "format", "status"]
    list_filter = ["status", "format", "start_date"]
    search_fields = ["title", "theme", "summary", "venue", "city", "country"]
    ordering = ["-number"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["number", "title", "slug", "theme", ("status", "status_changed")]}),
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
        DisagreementInline,
        MeetingRoleInline,
        SessionInline,
        ParticipationInline,
        InterventionInline,
        DiscussionPointInline,
        DocumentInline,
    ]
    actions = [*PublishableAdmin.actions, "duplicate_as_next_year"]
    error_messages = {
        **PublishableAdmin.error_messages,
        "number": {
            "unique": "There is already a meeting with this number. Open it from the meetings "
            "list, or check the number."
        },
    }

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
                f"participations copied from “{meeting}”. Check its dates and add its "
                "initiatives.",
                messages.SUCCESS,
            )
        return None

    def extra_object_tools(self, request, obj):
        return [
            *super().extra_object_tools(request, obj),
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
    autocomplete_fields = ["body"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Intervention)
class InterventionAdmin(UploadDocumentsMixin, ContentAdmin):
    inlines = [CitationInline, DocumentInline]
    list_display = ["topic", "speaker", "body", "meeting", "order"]
    list_filter = ["meeting", "body"]
    search_fields = ["topic", "summary", "speaker__name", "body__name"]
    list_select_related = ["speaker", "body", "meeting"]
    autocomplete_fields = ["meeting", "speaker", "body", "programmes"]


@admin.register(DiscussionPoint)
class DiscussionPointAdmin(ImportableAdmin):
    resource_classes = [DiscussionPointResource]
    list_display = ["text", "kind", "meeting", "body"]
    list_filter = ["kind", "meeting"]
    search_fields = ["text", "detail"]
    list_select_related = ["meeting", "body"]
    autocomplete_fields = ["meeting", "body"]
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
