"""An Atom feed of newly published initiatives: /initiatives/feed/."""

from core.feeds import NewRecordsFeed

from .models import Initiative


class NewInitiativesFeed(NewRecordsFeed):
    title = "RTC Portal: new initiatives"
    subtitle = "Remote-training initiatives newly added to the WCO Asia/Pacific RTC Portal."
    list_url_name = "initiatives:list"
    feed_url_name = "initiatives:feed"

    def records(self):
        return Initiative.objects.published().with_related()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.rtc.name

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]
