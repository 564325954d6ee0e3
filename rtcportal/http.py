"""HTTP caching of public responses: validators, 304s and Cache-Control.

Every anonymous 200 from a public view (pages, feed, calendars, sitemaps, exports) carries:
- a strong ETag made of the content generation current when its request began
  (rtcportal/cache.py), the address with its query string and the content coding the client
  accepts: the same three always give the same bytes, and any write to content changes the
  generation, so the validator changes with every admin edit;
- Last-Modified, when that generation began (see `last_modified` for when it is left out);
- `public, max-age, s-maxage, stale-while-revalidate` from the settings, and `Vary` on
  Accept-Encoding (the coding) and Cookie (a session gets a private answer).

A request that already holds the current validators is answered 304 before sessions, the page
cache or the view run. Everything else (signed-in users, previews, the admin, error responses,
responses that set a cookie) is `private, no-store`. Whether a response may be kept is one rule,
`rtcportal.cache.may_anyone_keep`, which the page cache follows too.
"""

import hashlib
import math
import time

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag

from .cache import (
    PRIVATE_DIRECTIVES,
    cache_directives,
    generation_began,
    is_anonymous,
    is_public_view,
    may_anyone_keep,
    representation,
    request_generation,
)

PUBLIC_VARY = ("Accept-Encoding", "Cookie")


def public_match(request):
    """The resolved address of an anonymous read of a public view, or None for any other
    request (resolved here: the view may never run, when the answer is a 304 or a page from the
    page cache)."""
    if request.method not in ("GET", "HEAD") or not is_anonymous(request):
        return None
    if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXEMPT_PATHS)):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match if is_public_view(match) else None


def keeps_public_caching(response):
    """A response whose view made it public itself, for anyone: a success or a redirect,
    setting no cookie."""
    directives = cache_directives(response)
    return (
        "public" in directives
        and response.status_code < 400
        and not response.cookies
        and not directives & PRIVATE_DIRECTIVES
    )


def etag(request, generation):
    digest = hashlib.sha256(f"{generation}\n{representation(request)}".encode())
    return quote_etag(digest.hexdigest()[:32])


def last_modified(generation, now):
    """When the content last changed, in whole seconds; None if that could mislead.

    HTTP dates have whole seconds, so two generations begun within one second would share a
    Last-Modified, and a client holding the first would be told the second had not changed.
    Sending it only once the generation's second is over rules that out: any later generation
    begins after this request did, so in a later second. (Servers' clocks are assumed to
    agree to well within a second.)
    """
    began = generation_began(generation)
    if began is None or now < math.floor(began) + 1:
        return None
    return math.floor(began)


def public_headers(etag, modified):
    """The headers of a public response, on an empty one (the 304 copies them from it)."""
    headers = HttpResponse()
    if etag is not None:
        headers["ETag"] = etag
    if modified is not None:
        headers["Last-Modified"] = http_date(modified)
    patch_cache_control(
        headers,
        public=True,
        max_age=settings.HTTP_MAX_AGE,
        s_maxage=settings.HTTP_S_MAXAGE,
        stale_while_revalidate=settings.HTTP_STALE_WHILE_REVALIDATE,
    )
    patch_vary_headers(headers, PUBLIC_VARY)
    return headers


class HttpCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = public_match(request)
        if match is None:
            return self.private(self.get_response(request))
        tag = modified = None
        generation = request_generation(request) if settings.HTTP_VALIDATORS else None
        if generation is not None:
            tag = etag(request, generation)
            modified = last_modified(generation, time.time())
        headers = public_headers(tag, modified)
        if tag is not None:
            # Django's reading of If-None-Match and If-Modified-Since (If-None-Match wins).
            answer = get_conditional_response(
                request, etag=tag, last_modified=modified, response=headers
            )
            if answer is not headers:
                return answer
        response = self.get_response(request)
        if "Cache-Control" in response and keeps_public_caching(response):
            # The view chose its own caching (a document's file under its content hash, kept
            # a year; its stable address, redirecting for five minutes): its validators too.
            patch_vary_headers(response, PUBLIC_VARY)
            return response
        if not may_anyone_keep(request, response, match):
            return self.private(response)
        # The view's own Last-Modified (the feed's newest entry, a sitemap's latest change)
        # misses deletions; the generation's does not.
        del response["Last-Modified"]
        for name in ("ETag", "Last-Modified", "Cache-Control"):
            if name in headers:
                response.headers[name] = headers[name]
        patch_vary_headers(response, PUBLIC_VARY)
        return response

    @staticmethod
    def private(response):
        patch_cache_control(response, private=True, no_store=True)
        return response
