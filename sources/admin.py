from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline
from django.db import models, transaction

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


# A disputed point and its versions, entered on the record's own form (up to this many).
VERSION_SLOTS = 3


class DisagreementVersionsForm(forms.ModelForm):
    """A disputed point with up to three sources' versions: the admin does not nest inlines,
    so each version is a pair of fields; each filled pair is one Account, in slot order.
    Unchanged versions are left as they are, so the history shows only real changes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.accounts.order_by("order", "pk") if self.instance.pk else []
        self.stored = list(stored)
        for slot, account in enumerate(self.stored[:VERSION_SLOTS], 1):
            self.initial.setdefault(f"source_{slot}", account.source_id)
            self.initial.setdefault(f"version_{slot}", account.version)

    def wanted_versions(self):
        """[(slot, source, version)] as filled in."""
        wanted = []
        for slot in range(1, VERSION_SLOTS + 1):
            source = self.cleaned_data.get(f"source_{slot}")
            version = (self.cleaned_data.get(f"version_{slot}") or "").strip()
            if source or version:
                wanted.append((slot, source, version))
        return wanted

    def clean(self):
        cleaned_data = super().clean()
        beyond = {account.source_id for account in self.stored[VERSION_SLOTS:]}
        seen = set()
        for slot, source, version in self.wanted_versions():
            if not source:
                self.add_error(f"source_{slot}", "Name the source of this version.")
            elif not version:
                self.add_error(f"version_{slot}", "Say what this source gives, or clear it.")
            elif source.pk in seen or source.pk in beyond:
                self.add_error(f"source_{slot}", "This source's version is already given.")
            if source:
                seen.add(source.pk)
        return cleaned_data

    def save(self, commit=True):
        disagreement = super().save(commit)
        if commit:
            self.save_versions()
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_versions():
                save_m2m()
                self.save_versions()

            self.save_m2m = save_m2m_and_versions
        return disagreement

    @transaction.atomic
    def save_versions(self):
        stored = dict(enumerate(self.stored[:VERSION_SLOTS], 1))
        wanted = {slot: (source, version) for slot, source, version in self.wanted_versions()}
        changed = [
            account
            for slot, account in stored.items()
            if wanted.get(slot) != (account.source, account.version)
        ]
        # Removed first, so a source moved to another slot is not there twice for a moment.
        for account in changed:
            account.delete()
        kept = {slot for slot, account in stored.items() if account not in changed}
        for slot, (source, version) in wanted.items():
            if slot not in kept:
                Account.objects.create(
                    disagreement=self.instance, source=source, version=version, order=slot
                )


def version_fields():
    source_field = Account._meta.get_field("source")
    fields = {}
    for slot in range(1, VERSION_SLOTS + 1):
        fields[f"source_{slot}"] = forms.ModelChoiceField(
            Source.objects.all(),
            required=False,
            label=f"Source {slot}",
            widget=AutocompleteSelect(source_field, admin.site),
        )
        fields[f"version_{slot}"] = forms.CharField(
            required=False,
            max_length=source_field.model._meta.get_field("version").max_length,
            label=f"Its version {slot}",
            widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        )
    return fields


class DisagreementVersionsInline(GenericStackedInline):
    """The disputed points of a record with their versions, all on the record's form."""

    model = Disagreement
    extra = 0
    form = type("DisagreementVersionsForm", (DisagreementVersionsForm,), version_fields())
    fields = [
        ("point", "fact", "order"),
        *(((f"source_{slot}", f"version_{slot}")) for slot in range(1, VERSION_SLOTS + 1)),
    ]
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
