"""/sitemap.xml: every public page, for search engines (django.contrib.sitemaps)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from initiatives.models import RTC, Initiative
from meetings.models import Body, Meeting


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
        ]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(Sitemap):
    """The published records of one model, with their last change as lastmod."""

    queryset = None

    def items(self):
        return self.queryset.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class MeetingSitemap(PublishedSitemap):
    queryset = Meeting.objects


class RTCSitemap(PublishedSitemap):
    queryset = RTC.objects


class InitiativeSitemap(PublishedSitemap):
    queryset = Initiative.objects


class AdministrationSitemap(PublishedSitemap):
    queryset = Body.objects


SITEMAPS = {
    "pages": PagesSitemap,
    "meetings": MeetingSitemap,
    "rtcs": RTCSitemap,
    "initiatives": InitiativeSitemap,
    "administrations": AdministrationSitemap,
}
