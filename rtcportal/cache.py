"""The anonymous page cache, and the content generation that keeps it from ever being stale.

Every cached page is stored with the content generation current when its request began.
Any write to a content model (meetings, initiatives) replaces the generation, so every page
stored before the write stops matching at once, in every worker and on every server that
shares the cache. A page is served only to a visitor with no session (never to the
secretariat), and stored only when anyone may keep it (`may_anyone_keep`, the rule the HTTP
headers follow too: never the admin or a preview, only a plain 200 that set no cookie). The same
generation makes the ETag and Last-Modified that browsers and CDNs revalidate with
(rtcportal/http.py), so they are never stale either. A generation also ends with the day it
began, for what depends on the date (a meeting planned until it starts).

The shared cache is an accelerator, never a dependency. When it cannot be reached, or is full
and refuses writes, pages are served uncached. A worker that could not retire the pages after
a write, or that saw the cache fail, starts a new generation as soon as the cache answers
again, before it serves anything from it, and keeps trying in the background every
BACKGROUND_RETRY_SECONDS even without traffic: once the cache is back, another server may
serve a page stored before that write for at most that long. Only canonical addresses are
stored (known parameters, in order, none empty or repeated), so made-up query strings cannot
fill the cache.
"""

import datetime
import hashlib
import logging
import threading
import time
import uuid
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re

from core import counts
from core.codings import content_coding

GENERATION_KEY = "content-generation"
# Responses that belong to one visitor, or that the view asked nobody to keep.
PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}
# Set by the page or by outer middleware on every response; never stored with a page.
UNSTORED_HEADERS = {"set-cookie", "x-request-id"}
# After a failure, how long a worker leaves the shared cache alone before trying it again, and
# how often it says so in the log: a dead cache costs no time per request and floods no log.
RETRY_SECONDS = 5
WARNING_SECONDS = 60
# How often a worker that owes a new generation tries to start it in the background.
BACKGROUND_RETRY_SECONDS = 0.5

logger = logging.getLogger(__name__)


class SharedCacheState:
    """What this worker knows about the shared cache (one per process; races are harmless)."""

    # True when a write may not have retired the stored pages: set on any failure, cleared
    # only by a new generation that is known to have landed.
    owes_new_generation = False
    retry_at = 0.0
    warned_at = float("-inf")
    retrying = threading.Lock()

    @classmethod
    def failed(cls, what):
        now = time.monotonic()
        cls.owes_new_generation = True
        cls.retry_at = now + RETRY_SECONDS
        if now - cls.warned_at >= WARNING_SECONDS:
            cls.warned_at = now
            logger.warning("Shared cache unavailable (%s): pages are served uncached.", what)
        if settings.PAGE_CACHE_BACKGROUND_RETRY and cls.retrying.acquire(blocking=False):
            threading.Thread(target=cls.retry_in_background, daemon=True).start()

    @classmethod
    def retry_in_background(cls):
        try:
            while cls.owes_new_generation:
                time.sleep(BACKGROUND_RETRY_SECONDS)
                new_generation()
        finally:
            cls.retrying.release()

    @classmethod
    def resting(cls):
        return time.monotonic() < cls.retry_at


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


def began_before_today(generation):
    """Whether the generation began before today (TIME_ZONE's midnight). A page may depend on
    the date as well as on the content (a meeting is "planned" until the day it starts), so no
    generation outlives the day it began: the first request of a day starts a new one."""
    began = generation_began(generation)
    midnight = datetime.datetime.combine(
        timezone.localdate(), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    return began is not None and began < midnight.timestamp()


def new_generation():
    """Make every page cached so far unreachable. False when the cache did not take it.

    The cache backend swallows connection errors (django-redis IGNORE_EXCEPTIONS), so the
    write is read back. If it did not land, the old generation is deleted (a full Redis still
    allows that), and this worker owes a new one until the cache takes it.
    """
    generation = make_generation()
    cache.set(GENERATION_KEY, generation, timeout=None)
    if cache.get(GENERATION_KEY) == generation:
        SharedCacheState.owes_new_generation = False
        return True
    cache.delete(GENERATION_KEY)
    SharedCacheState.failed("a write could not retire the cached pages")
    return False


def current_generation():
    """The shared content generation, or None when pages must not come from the cache now."""
    if SharedCacheState.resting():
        return None
    if SharedCacheState.owes_new_generation and not new_generation():
        return None
    generation = cache.get(GENERATION_KEY)
    if generation is not None and began_before_today(generation):
        new_generation()
        generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First request after a flush, an eviction or a restart: start a generation.
        cache.add(GENERATION_KEY, make_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    if generation is None:
        SharedCacheState.failed("no content generation could be read or written")
    return generation


def request_generation(request):
    """The content generation current when `request` began, read once per request; None when
    the shared cache cannot vouch for it (then nothing is served from it or validated by it).

    Read before the view runs, never after: a write that commits while the page renders then
    leaves the page under the older generation, which the write has already replaced.
    """
    if not hasattr(request, "_content_generation"):
        request._content_generation = current_generation()
    return request._content_generation


def representation(request):
    """What one stored page or one validator stands for: scheme, host, path and the whole query
    string as the visitor sent them, and the content coding the response will have."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{address}\n{content_coding(request)}"


def is_anonymous(request):
    """No session, no pending message, no credentials: the request of a visitor."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "Authorization" not in request.headers
    )


def is_canonical_query(query_string):
    """Whether the query names only known parameters, in order of name, none empty and no
    name-value pair twice. Values of one parameter keep their order: it can matter (the
    columns of a comparison)."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    canonical = sorted(dict.fromkeys(pair for pair in pairs if pair[1]), key=lambda p: p[0])
    known = set(settings.PAGE_CACHE_QUERY_PARAMETERS)
    return pairs == canonical and all(name in known for name, _ in pairs)


def content_changed(sender, **kwargs):
    """Receiver for every write to a content model (connected in PortalConfig.ready)."""
    # In the write's transaction: the remembered counts (core.counts) retire with it.
    counts.advance()
    new_generation()
    # Again after commit: a request that read the new generation while the write was still
    # uncommitted may have cached the old content under it.
    transaction.on_commit(new_generation, robust=True)


def is_public_view(match):
    """Whether the view behind `match` (a URL resolved) answers the same to every visitor:
    never the admin or a preview, nor a view marked with `page_cache_exempt`."""
    return not (
        {"admin", "preview"} & set(match.namespaces)
        or getattr(match.func, "page_cache_exempt", False)
    )


def cache_directives(response):
    """The names of the response's Cache-Control directives, in lower case."""
    return {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }


def may_anyone_keep(request, response, match):
    """Whether `response` to an anonymous `request` may be kept and served again to anyone:
    by the page cache, by browsers and by shared caches alike. Only a public view's (`match`:
    the address resolved, None when it resolved to nothing) plain 200 that sets no cookie, asks
    nobody to keep it private and opened no session. Read from the response, not the view: the
    view may not have run (a page from the page cache)."""
    return (
        match is not None
        and is_public_view(match)
        and response.status_code == 200
        and not response.cookies
        and not cache_directives(response) & PRIVATE_DIRECTIVES
        # A session opened by the view (a login, a message) makes the response personal.
        and not getattr(getattr(request, "session", None), "modified", False)
    )


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
        generation = request_generation(request)
        if generation is None:
            return self.get_response(request)
        key = self.page_key(request)
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
            and is_canonical_query(request.META.get("QUERY_STRING", ""))
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
        # A streamed response has no content to store, whoever else may keep it.
        return not response.streaming and may_anyone_keep(
            request, response, getattr(request, "resolver_match", None)
        )

    @staticmethod
    def page_key(request):
        # Per coding: a page is kept compressed as it leaves, so a hit compresses nothing
        # (brotli took half the time of a hit on a 44 KB meeting page).
        return "page:" + hashlib.sha256(representation(request).encode()).hexdigest()
