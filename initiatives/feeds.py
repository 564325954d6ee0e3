"""An Atom feed of newly published initiatives: /initiatives/feed/."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from core.addresses import absolute_url

from .models import Initiative


class PlainTextSummaryAtom1Feed(Atom1Feed):
    """Atom with each summary sent as type="text".

    Summaries are plain text on the site (escaped when shown). Django writes them as
    type="html", which tells a feed reader to render them as markup: a summary holding
    `<img src=x onerror=...>` would run in the reader.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        # The order of an entry's children carries no meaning in Atom (RFC 4287, 4.1.2).
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class NewInitiativesFeed(Feed):
    feed_type = PlainTextSummaryAtom1Feed
    title = "RTC Portal: new initiatives"
    subtitle = "Remote-training initiatives newly added to the WCO Asia/Pacific RTC Portal."
    size = 30

    # Django's Feed completes relative links with the request's Host, which would give the
    # feed and its entries new ids for every host name or port; every link here is already
    # absolute, on the site's one address. The request comes as the feed's "object", so the
    # methods below get it without the feed (one instance for all requests) holding it.
    def get_object(self, request, *args, **kwargs):
        return request

    def link(self, request):
        return absolute_url(request, reverse("initiatives:list"))

    def feed_url(self, request):
        return absolute_url(request, reverse("initiatives:feed"))

    def items(self, request):
        # There is no publication date: the newest records first, as they were created.
        items = list(
            Initiative.objects.published()
            .with_related()
            .order_by("-created_at", "-pk")[: self.size]
        )
        for item in items:
            item.feed_link = absolute_url(request, item.get_absolute_url())
        return items

    def item_link(self, item):
        return item.feed_link

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
