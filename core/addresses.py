"""The one way the portal builds an address: of a filtered list, and of any page in full.

People bookmark and share filtered views, so an address is part of the product: the same
filters must always give the same string. Empty values are left out; a parameter given a list
repeats, in the order given (`?rtc=a&rtc=b`).

Absolute addresses and ids (feed, sitemaps, JSON-LD, exports, calendar UIDs) start with the
site's one configured address, settings.SITE_URL (DJANGO_SITE_URL), never with the Host a
request came with: the same page keeps one address however the site was reached.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse


def with_query(path, params):
    """`path` with `params` (a dict of values or lists, or a QueryDict) as its query string."""
    query = QueryDict(mutable=True)
    items = params.lists() if isinstance(params, QueryDict) else params.items()
    for name, value in items:
        values = value if isinstance(value, list | tuple) else [value]
        kept = [str(item) for item in values if item not in (None, "")]
        if kept:
            query.setlist(name, kept)
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


def filtered_list_url(url_name, **filters):
    """The list at `url_name` with these filters, e.g. ("initiatives:list", rtc="japan-rtc")."""
    return with_query(reverse(url_name), filters)


def site_url(request):
    """The site's address, "https://rtc.example.org": the configured one; the request's own
    only where none is configured (development, see settings.SITE_URL). Without a request (a
    file the task worker makes) and without a configured address, addresses stay relative."""
    if settings.SITE_URL or request is None:
        return settings.SITE_URL
    return f"{request.scheme}://{request.get_host()}"


def site_host(request):
    """The site's host name without a port, for ids such as calendar UIDs."""
    return urlsplit(site_url(request)).hostname


def absolute_url(request, path):
    """`path` ("/meetings/19th/") as a full address on the site's one address."""
    return site_url(request) + path
