"""What the site's Atom feeds share."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from core.addresses import absolute_url


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


class NewRecordsFeed(Feed):
    """The newest published records of one kind, newest first (there is no publication date:
    as they were created). Subclasses name `list_url_name`, `feed_url_name` and `records()`.

    Django's Feed completes relative links with the request's Host, which would give the
    feed and its entries new ids for every host name or port; every link here is already
    absolute, on the site's one address. The request comes as the feed's "object", so the
    methods below get it without the feed (one instance for all requests) holding it."""

    feed_type = PlainTextSummaryAtom1Feed
    size = 30
    list_url_name = feed_url_name = None

    def records(self):
        raise NotImplementedError

    def get_object(self, request, *args, **kwargs):
        return request

    def link(self, request):
        return absolute_url(request, reverse(self.list_url_name))

    def feed_url(self, request):
        return absolute_url(request, reverse(self.feed_url_name))

    def items(self, request):
        items = list(self.records().order_by("-created_at", "-pk")[: self.size])
        for item in items:
            item.feed_link = absolute_url(request, item.get_absolute_url())
        return items

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
