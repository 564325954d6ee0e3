"""An Atom feed of newly published sources: /sources/feed/."""

from core.feeds import NewRecordsFeed

from .models import Source


class NewSourcesFeed(NewRecordsFeed):
    title = "RTC Portal: new sources"
    subtitle = "Public accounts newly cited by the WCO Asia/Pacific RTC Portal."
    list_url_name = "sources:list"
    feed_url_name = "sources:feed"

    def records(self):
        return Source.objects.published()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        details = f"{item.get_kind_display()}, {item.date_display}."
        return f"{details} {item.note}" if item.note else details

    def item_author_name(self, item):
        return item.publisher

    def item_categories(self, item):
        return [item.get_kind_display()]
