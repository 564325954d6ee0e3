from django.contrib import admin, messages
from django.db import models

from core.admin import ContentAdmin, ImportableAdmin, PublishableAdmin, admin_url
from documents.admin import DocumentInline, UploadDocumentsMixin

from . import duplication
from .models import Body, DiscussionPoint, Intervention, Meeting, Participation, Person, Programme
from .resources import DiscussionPointResource, ParticipationResource


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["body"]


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


@admin.register(Meeting)
class MeetingAdmin(UploadDocumentsMixin, PublishableAdmin):
    list_display = ["title", "number", "start_date", "end_date", "format", "status"]
    list_filter = ["status", "format", "start_date"]
    search_fields = ["title", "theme", "summary", "location"]
    ordering = ["-number"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["number", "title", "slug", "theme", ("status", "status_changed")]}),
        ("When and where", {"fields": [("start_date", "end_date"), "format", "location"]}),
        ("Account", {"fields": ["summary", "report"]}),
    ]
    inlines = [ParticipationInline, InterventionInline, DiscussionPointInline, DocumentInline]
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


@admin.register(Body)
class BodyAdmin(PublishableAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "full_name", "kind", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "full_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Participation)
class ParticipationAdmin(ImportableAdmin):
    resource_classes = [ParticipationResource]
    list_display = ["body", "meeting", "role", "note"]
    list_filter = ["role", "meeting"]
    search_fields = ["body__name", "meeting__title", "note"]
    list_select_related = ["body", "meeting"]
    autocomplete_fields = ["meeting", "body"]
    ordering = ["-meeting__number", "role", "body__name"]


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    list_display = ["__str__", "position", "body"]
    list_filter = ["body"]
    search_fields = ["name", "position", "body__name"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]


@admin.register(Programme)
class ProgrammeAdmin(UploadDocumentsMixin, PublishableAdmin):
    inlines = [DocumentInline]
    list_display = ["name", "kind", "body", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "description"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Intervention)
class InterventionAdmin(UploadDocumentsMixin, ContentAdmin):
    inlines = [DocumentInline]
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
