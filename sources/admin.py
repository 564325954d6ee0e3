from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from core.admin import ContentAdmin, PublishableAdmin

from .models import Account, Citation, Disagreement, Source


class CitationInline(GenericTabularInline):
    """The sources of a record, edited where the record is edited; each for one of the facts
    the record's page shows (Citation.facts_for), the fact column left out where the page
    shows the record as a whole only."""

    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "fact", "locator", "note"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if len(Citation.facts_for(self.parent_model)) == 1:
            return [name for name in fields if name != "fact"]
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "fact":
            kwargs["choices"] = Citation.fact_choices_for(self.parent_model)
        return super().formfield_for_choice_field(db_field, request, **kwargs)


# Where CitedInlineMixin puts each row's citations of the record as a whole.
WHOLE_RECORD_CITATIONS = "whole_record_citations"


def whole_record_citations(record):
    """The citations of `record` as a whole (not of one of its facts)."""
    return Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        fact=Citation.Fact.RECORD,
    )


class CitedForm(forms.ModelForm):
    """A record's form with the sources that support it as a whole (its citations with no
    fact), chosen in one box and saved with it. On another record's form (a participation on
    its meeting's), a new row takes the sources `default_from` names (the meeting's own) when
    none are chosen: they are shown chosen in a row added to a saved meeting's form, and
    given at the save to a row added with the meeting itself. A citation's locator and note,
    and a citation of one fact, are edited on the record's own page."""

    sources = forms.ModelMultipleChoiceField(
        queryset=Source.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Citation._meta.get_field("source"), admin.site),
        help_text="The accounts that report it.",
    )
    # A dotted path from the record to the one whose sources it takes when none are chosen
    # ("meeting", "session.meeting"); empty for none.
    default_from = ""
    # The sources of that record when the form was built (the inline sets it).
    default_sources = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_new = self.instance._state.adding
        if self.default_from:
            self.fields["sources"].help_text = (
                "The accounts that report this row. A new row takes the meeting's own sources "
                "(those cited for the meeting as a whole) unless others are chosen."
            )
        if self.is_new:
            self.initial.setdefault("sources", list(self.default_sources))
        elif hasattr(self.instance, WHOLE_RECORD_CITATIONS):
            # Prefetched for every row by the inline (CitedInlineMixin.get_queryset).
            self.initial["sources"] = [
                citation.source_id for citation in getattr(self.instance, WHOLE_RECORD_CITATIONS)
            ]
        else:
            self.initial["sources"] = list(self.cited().values_list("source_id", flat=True))

    def cited(self):
        return whole_record_citations(self.instance)

    def sources_by_default(self):
        record = self.instance
        for name in self.default_from.split(".") if self.default_from else []:
            record = getattr(record, name, None)
        if record is None or record.pk is None:
            return Source.objects.none()
        cited = whole_record_citations(record).values("source_id")
        return Source.objects.filter(pk__in=cited)

    def _save_m2m(self):
        # Saved with the record (an inline formset saves with commit=True), in the admin's
        # transaction: a failed save keeps neither.
        super()._save_m2m()
        chosen = list(self.cleaned_data.get("sources") or [])
        if not chosen and self.is_new:
            chosen = list(self.sources_by_default())
        chosen = {source.pk: source for source in chosen}
        self.cited().exclude(source_id__in=chosen).delete()
        kept = set(self.cited().values_list("source_id", flat=True))
        content_type = ContentType.objects.get_for_model(self.instance)
        for pk, source in chosen.items():
            if pk not in kept:
                Citation.objects.create(
                    source=source, content_type=content_type, object_id=self.instance.pk
                )


def sources_of(request, record):
    """The ids of the sources cited for `record` as a whole, read once per request: every
    inline of a meeting's form asks for the meeting's."""
    known = request.__dict__.setdefault("whole_record_sources", {})
    key = (ContentType.objects.get_for_model(record).pk, record.pk)
    if key not in known:
        known[key] = tuple(whole_record_citations(record).values_list("source_id", flat=True))
    return known[key]


class CitedInlineMixin:
    """An inline whose rows carry their sources (CitedForm): `default_from`, a path from the
    row to the record whose sources a new row takes, its first step being the record whose
    form the inline is on."""

    form = CitedForm
    default_from = ""

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                models.Prefetch(
                    "citations",
                    queryset=Citation.objects.filter(fact=Citation.Fact.RECORD),
                    to_attr=WHOLE_RECORD_CITATIONS,
                )
            )
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        record = obj
        for name in self.default_from.split(".")[1:] if self.default_from else []:
            record = getattr(record, name, None)
        defaults = ()
        if self.default_from and record is not None and record.pk is not None:
            defaults = sources_of(request, record)
        formset.form = type(
            formset.form.__name__,
            (formset.form,),
            {"default_from": self.default_from, "default_sources": defaults},
        )
        return formset


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
