from django.contrib import admin
from django.db import models

from .models import RTC, Category, Initiative, Partner


class InitiativeInline(admin.StackedInline):
    model = Initiative
    extra = 0
    autocomplete_fields = ["meeting", "categories", "partners"]
    prepopulated_fields = {"slug": ["title"]}
    fields = [("title", "slug"), "meeting", "summary", "categories", "partners", "status"]
    show_change_link = True


@admin.register(RTC)
class RTCAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "host", "city", "status"]
    list_filter = ["status"]
    search_fields = ["name", "host__name", "city"]
    list_select_related = ["host"]
    autocomplete_fields = ["host"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [InitiativeInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "status"]
    list_filter = ["status"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "rtc", "meeting", "status", "updated_at"]
    list_filter = ["status", "rtc", "meeting", "categories"]
    search_fields = ["title", "summary", "description", "rtc__name"]
    list_select_related = ["rtc", "meeting"]
    autocomplete_fields = ["rtc", "meeting", "categories", "partners"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "status"]}),
        ("Reported", {"fields": ["rtc", "meeting"]}),
        ("Content", {"fields": ["summary", "description", "categories", "partners"]}),
    ]
