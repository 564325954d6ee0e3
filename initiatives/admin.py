from urllib.parse import urlencode

from django.contrib import admin
from django.db import models

from core.admin import (
    ContentAdmin,
    ImportableAdmin,
    PublishableAdmin,
    PublishingRuleInlineMixin,
    admin_url,
)
from documents.admin import DocumentInline, UploadDocumentsMixin
from sources.admin import CitationInline, DisagreementInline

from .models import RTC, Accreditation, Category, HostInstitution, Initiative, Partner
from .resources import InitiativeResource


class InitiativeInline(PublishingRuleInlineMixin, admin.StackedInline):
    model = Initiative
    extra = 0
    autocomplete_fields = ["meeting", "categories", "partners"]
    prepopulated_fields = {"slug": ["title"]}
    fields = [("title", "slug"), "meeting", "summary", "categories", "partners", "status"]
    # Publishing goes through the initiative's own page or the list's actions, where the
    # reviewer's permission is checked and the move recorded.
    readonly_fields = ["status"]
    show_change_link = True


class AccreditationInline(admin.TabularInline):
    model = Accreditation
    extra = 0
    fields = ["step", "date", "date_precision", "ordinal", "note", "order"]
    show_change_link = True


class HostInstitutionInline(admin.TabularInline):
    model = HostInstitution
    extra = 0
    fields = ["name", "since", "until", "city", "note"]
    show_change_link = True


@admin.register(Accreditation)
class AccreditationAdmin(ContentAdmin):
    list_display = ["rtc", "step", "date", "date_precision", "ordinal"]
    list_filter = ["step", "rtc"]
    search_fields = ["rtc__name", "note"]
    list_select_related = ["rtc"]
    autocomplete_fields = ["rtc"]
    inlines = [CitationInline]


@admin.register(HostInstitution)
class HostInstitutionAdmin(ContentAdmin):
    list_display = ["name", "rtc", "since", "until", "city"]
    list_filter = ["rtc"]
    search_fields = ["name", "rtc__name", "city"]
    list_select_related = ["rtc"]
    autocomplete_fields = ["rtc"]
    inlines = [CitationInline]


@admin.register(RTC)
class RTCAdmin(UploadDocumentsMixin, PublishableAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "host", "city", "status"]
    list_filter = ["status"]
    search_fields = ["name", "host__name", "city"]
    list_select_related = ["host"]
    autocomplete_fields = ["host"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [
        InitiativeInline,
        AccreditationInline,
        HostInstitutionInline,
        CitationInline,
        DisagreementInline,
        DocumentInline,
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The disagreements' versions, saved by their inline, are in the RTC's search text.
        RTC.objects.filter(pk=form.instance.pk).index_history()

    def extra_object_tools(self, request, obj):
        tools = super().extra_object_tools(request, obj)
        if request.user.has_perm("initiatives.add_initiative"):
            query = urlencode({"rtc": obj.pk})
            tools.insert(0, ("Add initiative", f"{admin_url(Initiative, 'add')}?{query}"))
        return tools


@admin.register(Category)
class CategoryAdmin(PublishableAdmin):
    list_display = ["name", "slug", "status"]
    list_filter = ["status"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Partner)
class PartnerAdmin(ContentAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Initiative)
class InitiativeAdmin(UploadDocumentsMixin, ImportableAdmin, PublishableAdmin):
    resource_classes = [InitiativeResource]
    inlines = [CitationInline, DocumentInline]
    list_display = ["title", "rtc", "meeting", "status", "status_changed_at", "updated_at"]
    list_filter = ["status", "rtc", "meeting", "categories"]
    search_fields = ["title", "slug", "summary", "description", "rtc__name"]
    list_select_related = ["rtc", "meeting"]
    autocomplete_fields = ["rtc", "meeting", "categories", "partners", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", ("status", "status_changed")]}),
        ("Reported", {"fields": ["rtc", "meeting"]}),
        ("Content", {"fields": ["summary", "description", "categories", "partners", "topics"]}),
    ]
