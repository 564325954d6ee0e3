"""/sitemap.xml: every public page, for search engines (django.contrib.sitemaps).

/sitemap.xml is an index of one sitemap per kind of page (/sitemap-initiatives.xml, …), and
each of those comes in pages: the protocol allows 50,000 addresses a file, and a page of
5,000 keeps each response small enough to build quickly.

Every <loc> is on the site's one address (core.addresses), whatever Host the request used.
"""

import functools
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.urls import reverse

from core import downloads
from core.addresses import absolute_url
from core.models import GeneratedFile
from initiatives.models import RTC, Initiative
from meetings.models import Body, Meeting, Person, Topic
from meetings.views import KIND_SLUGS
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
            "initiatives:compare",
            "sources:list",
            "sources:disagreement-list",
            "meetings:topic-list",
            "meetings:person-list",
            "glossary",
            "accessibility",
            "data",
        ]

    def location(self, item):
        return reverse(item)


class DiscussionKindSitemap(Sitemap):
    """/discussion-points/<kind>/: one page per kind, whether or not any point has it yet."""

    def items(self):
        return list(KIND_SLUGS)

    def location(self, item):
        return reverse("meetings:discussion-kind", args=[item])


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


class TopicSitemap(PublishedSitemap):
    queryset = Topic.objects


class DownloadsSitemap(Sitemap):
    """/data/<name>: every registered download (core.downloads), with when its latest file was
    made as lastmod (none before the first)."""

    def items(self):
        made = dict(GeneratedFile.objects.values_list("name", "made_at"))
        return [(download, made.get(download.name)) for download in downloads.registered()]

    def location(self, item):
        return item[0].get_absolute_url()

    def lastmod(self, item):
        return item[1]


class PersonSitemap(Sitemap):
    """The public people's pages. A person keeps no time of change: no lastmod."""

    limit = PublishedSitemap.limit

    def items(self):
        return Person.objects.published().only("slug").order_by("pk")


SITEMAPS = {
    "pages": PagesSitemap,
    "discussion-points": DiscussionKindSitemap,
    "meetings": MeetingSitemap,
    "rtcs": RTCSitemap,
    "initiatives": InitiativeSitemap,
    "administrations": AdministrationSitemap,
    "sources": SourceSitemap,
    "topics": TopicSitemap,
    "downloads": DownloadsSitemap,
    "people": PersonSitemap,
}


def on_site_address(view):
    """Django's sitemap `view` with every <loc> on the site's one address. Django builds them
    from the request's Host (without the Sites framework), which would give each page one
    address per host name and port."""

    def relocated(request, location):
        parts = urlsplit(location)
        return absolute_url(request, parts.path + (f"?{parts.query}" if parts.query else ""))

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # Still a TemplateResponse, rendered later: its addresses can be set here.
        for item in response.context_data.get("sitemaps", []):  # the index
            item.location = relocated(request, item.location)
        for url in response.context_data.get("urlset", []):  # one sitemap's page
            url["location"] = relocated(request, url["location"])
        return response

    return wrapped


index = on_site_address(sitemap_views.index)
sitemap = on_site_address(sitemap_views.sitemap)
