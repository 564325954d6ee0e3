from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models

from core.admin import ContentAdmin, PublishableAdmin

from .models import Account, Citation, Disagreement, Source


class CitationInline(GenericTabularInline):
    """The sources of a record, edited where the record is edited."""

    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "fact", "locator", "note"]


class DisagreementInline(GenericTabularInline):
    """The disputed points of a record; each opens on its own page with its versions."""

    model = Disagreement
    extra = 0
    fields = ["point", "order"]
    show_change_link = True


class AccountInline(admin.TabularInline):
    model = Account
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "version", "order"]


@admin.register(Source)
class SourceAdmin(PublishableAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "publisher", "kind", "tag", "published_on", "status"]
    list_filter = ["kind", "status", "language"]
    search_fields = ["title", "publisher", "tag", "url"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "publisher", "kind", ("status", "status_changed")]}),
        ("Where and when", {"fields": ["url", ("published_on", "date_precision"), "language"]}),
        ("For the secretariat", {"fields": ["tag", "note"]}),
    ]


@admin.register(Disagreement)
class DisagreementAdmin(ContentAdmin):
    list_display = ["point", "content_type", "object_id"]
    list_filter = ["content_type"]
    search_fields = ["point"]
    list_select_related = ["content_type"]
    inlines = [AccountInline]
