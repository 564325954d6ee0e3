"""The anonymous page cache, and the content generation that keeps it from ever being stale.

Every cached page is stored with the content generation current when its request began.
Any write to a content model (meetings, initiatives) replaces the generation, so every page
stored before the write stops matching at once, in every worker and on every server that
shares the cache. A page is served only to a visitor with no session (never to the
secretariat, never a preview) and only when it was a plain 200 that set no cookie. The same
generation makes the ETag and Last-Modified that browsers and CDNs revalidate with
(rtcportal/http.py), so they are never stale either.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

GENERATION_KEY = "content-generation"
# Responses that belong to one visitor, or that the view asked nobody to keep.
PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}
# Set by the page or by outer middleware on every response; never stored with a page.
UNSTORED_HEADERS = {"set-cookie", "x-request-id"}


def make_generation():
    # The time it began, for Last-Modified (rtcportal/http.py), and a random part, so two
    # generations begun in the same microsecond on two servers still differ.
    return f"{time.time():.6f}:{uuid.uuid4().hex}"


def generation_began(generation):
    """The time (epoch seconds) a generation began, or None for one written before it said."""
    began, _, _ = generation.partition(":")
    try:
        return float(began)
    except ValueError:
        return None


def new_generation():
    """Make every page cached so far unreachable."""
    cache.set(GENERATION_KEY, make_generation(), timeout=None)


def request_generation(request):
    """The content generation current when `request` began, read once per request.

    Read before the view runs, never after: a write that commits while the page renders then
    leaves the page under the older generation, which the write has already replaced.
    """
    generation = getattr(request, "_content_generation", None)
    if generation is None:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            # First request after a cache flush or eviction: start a generation.
            cache.add(GENERATION_KEY, make_generation(), timeout=None)
            generation = cache.get(GENERATION_KEY)
        request._content_generation = generation
    return generation


def is_anonymous(request):
    """No session, no pending message, no credentials: the request of a visitor."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "Authorization" not in request.headers
    )


def content_changed(sender, **kwargs):
    """Receiver for every write to a content model (connected in PortalConfig.ready)."""
    new_generation()
    # Again after commit: a request that read the new generation while the write was still
    # uncommitted may have cached the old content under it.
    transaction.on_commit(new_generation, robust=True)


def page_cache_exempt(view):
    """Mark a view whose responses the page cache never stores."""
    view.page_cache_exempt = True
    return view


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            response = self.get_response(request)
            if self.is_staff_write(request, response):
                # Belt and braces for writes that send no signal (QuerySet.update() in an
                # admin action): whatever the secretariat changed, no page outlives it.
                new_generation()
            return response
        key = self.page_key(request)
        generation = request_generation(request)
        stored = self.stored_page(key, generation)
        if stored is not None:
            _, content, headers = stored
            return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            }
            cache.set(key, (generation, response.content, headers), settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def stored_page(key, generation):
        """The page stored under `key` for this generation, or None.

        The shared generation is always read first, so a copy is never served stale. A copy
        kept in this worker's memory saves fetching the whole page from the shared cache on
        each hit; the shared cache is asked only when this worker has no copy of this
        generation.
        """
        local = caches["worker-pages"]
        stored = local.get(key)
        if stored is not None and stored[0] == generation:
            return stored
        stored = cache.get(key)
        if stored is not None and stored[0] == generation:
            local.set(key, stored, settings.PAGE_CACHE_SECONDS)
            return stored
        return None

    @staticmethod
    def is_cacheable_request(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and is_anonymous(request)
            and not request.path_info.startswith(tuple(settings.PAGE_CACHE_EXEMPT_PATHS))
        )

    @staticmethod
    def is_staff_write(request, response):
        return (
            request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and response.status_code < 400
        )

    @staticmethod
    def is_cacheable_response(request, response):
        match = getattr(request, "resolver_match", None)
        if match is None or "admin" in match.namespaces:
            return False
        if getattr(match.func, "page_cache_exempt", False):
            return False
        directives = {
            directive.split("=")[0].strip().lower()
            for directive in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not directives & PRIVATE_DIRECTIVES
            # A session opened by the view (a login, a message) makes the page personal.
            and not getattr(getattr(request, "session", None), "modified", False)
        )

    @staticmethod
    def page_key(request):
        # Scheme, host, path and the whole query string, as the visitor sent them.
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return "page:" + hashlib.sha256(address.encode()).hexdigest()
