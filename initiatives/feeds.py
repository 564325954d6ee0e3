"""An Atom feed of newly published initiatives: /initiatives/feed/."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Initiative


class NewInitiativesFeed(Feed):
    feed_type = Atom1Feed
    title = "RTC Portal: new initiatives"
    subtitle = "Remote-training initiatives newly added to the WCO Asia/Pacific RTC Portal."
    link = reverse_lazy("initiatives:list")
    feed_url = reverse_lazy("initiatives:feed")
    size = 30

    def items(self):
        # There is no publication date: the newest records first, as they were created.
        return (
            Initiative.objects.published()
            .with_related()
            .order_by("-created_at", "-pk")[: self.size]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.rtc.name

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]
