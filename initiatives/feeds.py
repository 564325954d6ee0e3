"""An Atom feed of newly published initiatives: /initiatives/feed/."""

from core.feeds import NewRecordsFeed
from sources.models import published_citations

from .models import Initiative

# The pages' "not confirmed" mark (sources/includes/_unconfirmed.html), spelt out for a feed
# reader, which has no note on the page to explain it.
UNCONFIRMED = "(Not confirmed: known only from aggregators, not from an official account.)"


class NewInitiativesFeed(NewRecordsFeed):
    title = "RTC Portal: new initiatives"
    subtitle = "Remote-training initiatives newly added to the WCO Asia/Pacific RTC Portal."
    list_url_name = "initiatives:list"
    feed_url_name = "initiatives:feed"

    def records(self):
        # With their sources, for the pages' "not confirmed" mark.
        return Initiative.objects.published().with_related().prefetch_related(published_citations())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # A reader of the feed never sees the page's mark: the summary carries it, in words.
        if item.unconfirmed:
            return f"{item.summary} {UNCONFIRMED}"
        return item.summary

    def item_author_name(self, item):
        return item.rtc.name

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]
