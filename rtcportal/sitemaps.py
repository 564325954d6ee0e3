"""/sitemap.xml: every public page, for search engines (django.contrib.sitemaps).

/sitemap.xml is an index of one sitemap per kind of page (/sitemap-initiatives.xml, …), and
each of those comes in pages: the protocol allows 50,000 addresses a file, and a page of
5,000 keeps each response small enough to build quickly.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from initiatives.models import RTC, Initiative
from meetings.models import Body, Meeting
from sources.models import Source


class PagesSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "meetings:list",
            "initiatives:rtc-list",
            "initiatives:list",
            "meetings:administration-list",
            "initiatives:matrix",
            "meetings:attendance",
            "sources:list",
            "sources:disagreement-list",
        ]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(Sitemap):
    """The published records of one model, with their last change as lastmod."""

    queryset = None
    limit = 5000

    def items(self):
        # The address needs the slug only; lastmod, the time of the last change.
        return self.queryset.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index; Django's default builds every item in Python to take the max.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class MeetingSitemap(PublishedSitemap):
    queryset = Meeting.objects


class RTCSitemap(PublishedSitemap):
    queryset = RTC.objects


class InitiativeSitemap(PublishedSitemap):
    queryset = Initiative.objects


class AdministrationSitemap(PublishedSitemap):
    queryset = Body.objects


class SourceSitemap(PublishedSitemap):
    queryset = Source.objects


SITEMAPS = {
    "pages": PagesSitemap,
    "meetings": MeetingSitemap,
    "rtcs": RTCSitemap,
    "initiatives": InitiativeSitemap,
    "administrations": AdministrationSitemap,
    "sources": SourceSitemap,
}
