"""The admin of topics: a topic with its thread, one entry per meeting, each entry's sources
chosen in the same form; and the inline that tags a meeting with topics as it is entered.
Kept apart from meetings/admin.py, which registers it (one import)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.contenttypes.models import ContentType

from core.admin import ContentAdmin, PublishableAdmin
from sources.admin import CitationInline
from sources.models import Citation, Source

from .models import Topic, TopicEntry


class ThreadEntryForm(forms.ModelForm):
    """A thread entry with the sources that report it (citations of the whole entry); a
    citation's locator and note are edited on the entry's own page."""

    sources = forms.ModelMultipleChoiceField(
        queryset=Source.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Citation._meta.get_field("source"), admin.site),
        help_text="The accounts that report what the note says.",
    )

    class Meta:
        model = TopicEntry
        fields = ["meeting", "note", "sources"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["sources"] = list(self.cited().values_list("source_id", flat=True))

    def cited(self):
        return Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(TopicEntry),
            object_id=self.instance.pk,
            fact="",
        )

    def _save_m2m(self):
        # Saved with the entry (the formset saves with commit=True), in the admin's transaction.
        super()._save_m2m()
        chosen = {source.pk: source for source in self.cleaned_data.get("sources", [])}
        self.cited().exclude(source_id__in=chosen).delete()
        kept = set(self.cited().values_list("source_id", flat=True))
        content_type = ContentType.objects.get_for_model(TopicEntry)
        for pk, source in chosen.items():
            if pk not in kept:
                Citation.objects.create(
                    source=source, content_type=content_type, object_id=self.instance.pk
                )


class ThreadEntryInline(admin.StackedInline):
    model = TopicEntry
    form = ThreadEntryForm
    extra = 0
    autocomplete_fields = ["meeting"]
    fields = ["meeting", "note", "sources"]
    show_change_link = True
    verbose_name = "meeting in the thread"
    verbose_name_plural = "the thread, meeting by meeting"


class MeetingTopicInline(admin.TabularInline):
    """On the meeting's form: the topics it took up, each a step in that topic's thread."""

    model = TopicEntry
    extra = 0
    autocomplete_fields = ["topic"]
    fields = ["topic", "note"]
    show_change_link = True
    verbose_name = "topic"
    verbose_name_plural = "topics (each adds this meeting to the topic's thread)"


@admin.register(Topic)
class TopicAdmin(PublishableAdmin):
    list_display = ["name", "status"]
    list_filter = ["status"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "summary", "status", "status_changed"]
    inlines = [CitationInline, ThreadEntryInline]


@admin.register(TopicEntry)
class TopicEntryAdmin(ContentAdmin):
    list_display = ["topic", "meeting"]
    list_filter = ["topic", "meeting"]
    search_fields = ["topic__name", "meeting__title", "note"]
    list_select_related = ["topic", "meeting"]
    autocomplete_fields = ["topic", "meeting"]
    inlines = [CitationInline]
