from django.contrib import admin
from django.db import models

from .models import Body, DiscussionPoint, Intervention, Meeting, Participation, Person, Programme


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
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "start_date", "end_date", "format", "status"]
    list_filter = ["status", "format", "start_date"]
    search_fields = ["title", "theme", "summary", "location"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["number", "title", "slug", "theme", "status"]}),
        ("When and where", {"fields": [("start_date", "end_date"), "format", "location"]}),
        ("Account", {"fields": ["summary", "report"]}),
    ]
    inlines = [ParticipationInline, InterventionInline, DiscussionPointInline]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "full_name", "kind", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "full_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["body", "meeting", "role", "note"]
    list_filter = ["role", "meeting"]
    search_fields = ["body__name", "meeting__title", "note"]
    list_select_related = ["body", "meeting"]
    autocomplete_fields = ["meeting", "body"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "position", "body"]
    list_filter = ["body"]
    search_fields = ["name", "position", "body__name"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "body", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "description"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["topic", "speaker", "body", "meeting", "order"]
    list_filter = ["meeting", "body"]
    search_fields = ["topic", "summary", "speaker__name", "body__name"]
    list_select_related = ["speaker", "body", "meeting"]
    autocomplete_fields = ["meeting", "speaker", "body", "programmes"]


@admin.register(DiscussionPoint)
class DiscussionPointAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "meeting", "body"]
    list_filter = ["kind", "meeting"]
    search_fields = ["text", "detail"]
    list_select_related = ["meeting", "body"]
    autocomplete_fields = ["meeting", "body"]
