"""The admin of topics: a topic with its thread, one entry per meeting, each entry's sources
chosen in the same form; and the inline that tags a meeting with topics as it is entered.
Kept apart from meetings/admin.py, which registers it (one import)."""

from django.contrib import admin
from nested_admin import NestedTabularInline

from core.admin import ContentAdmin, PublishableAdmin
from sources.admin import CitationInline, CitedForm, CitedInlineMixin

from .models import Topic, TopicEntry


class ThreadEntryForm(CitedForm):
    """A thread entry with the sources that report it (citations of the whole entry); a
    citation's locator and note are edited on the entry's own page."""

    class Meta:
        model = TopicEntry
        fields = ["meeting", "note", "sources"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].help_text = "The accounts that report what the note says."


class ThreadEntryInline(admin.StackedInline):
    model = TopicEntry
    form = ThreadEntryForm
    extra = 0
    autocomplete_fields = ["meeting"]
    fields = ["meeting", "note", "sources"]
    show_change_link = True
    verbose_name = "meeting in the thread"
    verbose_name_plural = "the thread, meeting by meeting"


class MeetingTopicInline(CitedInlineMixin, NestedTabularInline):
    """On the meeting's form: the topics it took up, each a step in that topic's thread, with
    the sources that report it."""

    model = TopicEntry
    extra = 0
    autocomplete_fields = ["topic"]
    fields = ["topic", "note", "sources"]
    default_from = "meeting"
    show_change_link = True
    verbose_name = "topic"
    verbose_name_plural = "topics (each adds this meeting to the topic's thread)"
    is_sortable = False


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
