"""The anonymous page cache: fast for visitors, never stale, never personal."""

import datetime
import gzip
import time

import brotli
import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from core.admin import admin_url
from initiatives.models import Category, Initiative
from meetings.models import Status
from rtcportal.cache import (
    GENERATION_KEY,
    PageCacheMiddleware,
    SharedCacheState,
    began_before_today,
    is_canonical_query,
)
from rtcportal.http import HttpCacheMiddleware
from tests.support import factories
from tests.support.caches import REDIS_URL, redis_page_cache, require_redis


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """The page cache switched on, over the local-memory cache and over Redis."""
    if request.param == "redis":
        redis_page_cache(settings)
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_cache_state(monkeypatch):
    """Each test starts with a worker that has seen no cache failure."""
    monkeypatch.setattr(SharedCacheState, "owes_new_generation", False)
    monkeypatch.setattr(SharedCacheState, "retry_at", 0.0)
    monkeypatch.setattr(SharedCacheState, "warned_at", float("-inf"))


# Nothing listens there: every command is refused at once, as with a stopped Redis.
DEAD_REDIS = {
    "BACKEND": "django_redis.cache.RedisCache",
    "LOCATION": "redis://127.0.0.1:6399/0",
    "KEY_PREFIX": "rtcportal-tests",
    "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
}


@pytest.fixture
def dead_redis(settings):
    """The page cache on, over a Redis that is down."""
    settings.CACHES = {"default": DEAD_REDIS, "worker-pages": settings.WORKER_PAGES_CACHE}
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def staff_client(secretariat_user):
    client = Client()
    client.force_login(secretariat_user)
    return client


JAPAN_AI = "japan-rtc-ai-tutoring-and-qa"


def page_of(slug):
    return Initiative.objects.get(slug=slug).get_absolute_url()


@pytest.mark.engine
def test_a_repeated_anonymous_request_is_answered_without_sql(
    client, seeded, page_cache, django_assert_num_queries
):
    url = page_of(JAPAN_AI)
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_page_from_the_cache_carries_the_same_validators_and_caching_as_the_first(
    client, seeded, page_cache
):
    # A hit skips the view; it must not lose the public headers (it once went out as
    # "private, no-store" without an ETag, so browsers and CDNs kept nothing after the first).
    url = page_of(JAPAN_AI)
    first = client.get(url)
    hit = client.get(url)
    for header in ("ETag", "Cache-Control", "Vary", "Content-Type"):
        assert hit[header] == first[header], header
    assert "public" in hit["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=hit["ETag"]).status_code == 304


@pytest.mark.engine
@pytest.mark.parametrize("coding", ["br", "gzip", "identity"])
def test_each_content_coding_is_kept_compressed_and_decodes_to_the_same_page(
    client, seeded, page_cache, coding, django_assert_num_queries, monkeypatch
):
    url = page_of(JAPAN_AI)
    plain = client.get(url, HTTP_ACCEPT_ENCODING="identity")
    client.get(url, HTTP_ACCEPT_ENCODING=coding)

    def compressing_again(*args, **kwargs):
        raise AssertionError("a page from the cache was compressed again")

    monkeypatch.setattr("rtcportal.compression.brotli.compress", compressing_again)
    monkeypatch.setattr("django.middleware.gzip.compress_string", compressing_again)
    with django_assert_num_queries(0):
        hit = client.get(url, HTTP_ACCEPT_ENCODING=coding)
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, "identity": bytes}[coding]
    assert hit.get("Content-Encoding", "identity") == coding
    assert decode(hit.content) == plain.content
    assert int(hit["Content-Length"]) == len(hit.content)


def test_an_admin_edit_shows_on_the_very_next_anonymous_request(
    client, staff_client, seeded, page_cache
):
    initiative = Initiative.objects.get(slug=JAPAN_AI)
    assert "AI-powered tutoring" in client.get(initiative.get_absolute_url()).text
    response = factories.edit_in_admin(
        staff_client, initiative, title="AI tutoring, edited in the admin"
    )
    assert response.status_code == 302

    assert "AI tutoring, edited in the admin" in client.get(initiative.get_absolute_url()).text
    assert "AI tutoring, edited in the admin" in client.get(reverse("initiatives:list")).text


@pytest.mark.engine
def test_a_workers_own_copy_is_not_served_once_another_server_changed_the_content(
    client, seeded, page_cache, django_assert_num_queries
):
    url = Initiative.objects.get(slug=JAPAN_AI).get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):
        client.get(url)  # from this worker's own copy
    # Another server's write, seen here only as a new generation in the shared cache.
    Initiative.objects.filter(slug=JAPAN_AI).update(title="Retitled on another server")
    page_cache.set(GENERATION_KEY, "generation-from-another-server", None)
    assert "Retitled on another server" in client.get(url).text


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda i: Initiative.objects.get(pk=i.pk).save(), id="save"),
        pytest.param(lambda i: i.categories.add(factories.make_category("Brand new")), id="m2m"),
        pytest.param(lambda i: factories.make_category("Brand new"), id="create"),
        pytest.param(lambda i: Category.objects.get(slug="vr-simulation").delete(), id="delete"),
    ],
)
def test_every_kind_of_write_retires_the_cached_pages(client, seeded, page_cache, write):
    initiative = Initiative.objects.get(slug=JAPAN_AI)
    client.get(reverse("initiatives:list"))
    before = cache.get(GENERATION_KEY)
    write(initiative)
    assert cache.get(GENERATION_KEY) != before


def test_a_deleted_category_disappears_from_the_cached_list(client, seeded, page_cache):
    url = reverse("initiatives:list")
    category = Category.objects.get(slug="vr-simulation")
    checkbox = 'value="vr-simulation"'
    assert checkbox in client.get(url).text
    category.initiatives.clear()
    category.delete()
    assert checkbox not in client.get(url).text


def test_publishing_a_draft_shows_it_at_once(client, seeded, page_cache):
    draft = factories.make_initiative(title="Not yet published", status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Not yet published" not in client.get(reverse("initiatives:list")).text
    draft.status = Status.PUBLISHED
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert "Not yet published" in client.get(reverse("initiatives:list")).text


def test_the_query_string_is_part_of_the_cached_address(client, seeded, page_cache):
    url = reverse("initiatives:list")
    vr = client.get(url, {"q": "VR"}).text
    mobile = client.get(url, {"q": "mobile"}).text
    assert "VR simulation of customs enforcement scenarios" in vr
    assert "VR simulation of customs enforcement scenarios" not in mobile
    assert "Mobile learning applications" in mobile


def test_signed_in_users_never_get_a_cached_page(client, staff_client, seeded, page_cache):
    url = page_of(JAPAN_AI)
    client.get(url)
    client.get(url)
    Initiative.objects.filter(slug=JAPAN_AI).update(title="Changed without a signal")
    # The anonymous page is cached (update() sends no signal) but staff read the database.
    assert "Changed without a signal" not in client.get(url).text
    assert "Changed without a signal" in staff_client.get(url).text


def test_a_staff_write_of_any_kind_retires_the_cached_pages(staff_client, seeded, page_cache):
    Client().get(reverse("home"))
    before = cache.get(GENERATION_KEY)
    staff_client.post(admin_url(Initiative, "changelist"), {"action": "", "index": "0"})
    assert cache.get(GENERATION_KEY) != before


def test_responses_that_set_cookies_or_are_not_200_are_not_cached(client, seeded, page_cache):
    login = client.get(reverse("admin:login"))
    assert "csrftoken" in login.cookies
    again = Client().get(reverse("admin:login"))
    # A cached login form would hand one visitor's CSRF token to the next.
    assert "csrftoken" in again.cookies
    assert again.context is not None

    missing = "/initiatives/not-yet-there/"
    assert client.get(missing).status_code == 404
    factories.make_initiative(slug="not-yet-there")
    assert client.get(missing).status_code == 200


@pytest.mark.parametrize(
    "name", [("preview:initiative", "a-draft"), ("admin:index",)], ids=["preview", "admin"]
)
def test_the_page_cache_and_the_http_headers_agree_a_staff_page_is_kept_by_nobody(
    rf, db, page_cache, name
):
    """Were a preview or an admin page ever answered 200 to a visitor, the page cache would
    not store it and the headers would not let browsers or shared caches keep it."""
    views_run = []

    def staff_page(request):
        request.resolver_match = resolve(request.path_info)
        views_run.append(request.path_info)
        return HttpResponse("<p>A draft, as the public would see it</p>")

    address = reverse(name[0], args=name[1:])
    stack = HttpCacheMiddleware(PageCacheMiddleware(staff_page))
    responses = [stack(rf.get(address)) for _ in range(2)]
    assert views_run == [address, address]
    for response in responses:
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert not response.has_header("ETag")


def test_a_write_inside_a_transaction_retires_pages_again_when_it_commits(
    seeded, page_cache, django_capture_on_commit_callbacks
):
    initiative = Initiative.objects.get(slug=JAPAN_AI)
    with django_capture_on_commit_callbacks(execute=True):
        initiative.save()
        during = cache.get(GENERATION_KEY)
    assert cache.get(GENERATION_KEY) != during


def test_pages_survive_a_lost_generation_key(client, seeded, page_cache):
    url = reverse("initiatives:list")
    client.get(url)
    cache.delete(GENERATION_KEY)
    factories.make_initiative(title="Made after the key was lost")
    assert "Made after the key was lost" in client.get(url).text


def test_the_cache_is_off_without_a_shared_cache_by_default(client, seeded):
    url = page_of(JAPAN_AI)
    client.get(url)
    Initiative.objects.filter(slug=JAPAN_AI).update(title="Changed without a signal")
    assert "Changed without a signal" in client.get(url).text


def test_the_redis_backend_reuses_one_client_and_still_reads_and_writes():
    require_redis()
    from django_redis.cache import RedisCache

    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": "rtcportal-tests"})
    client = backend.client.get_client(write=True)
    assert backend.client.get_client(write=True) is client
    backend.set("shared-client-check", {"page": "content"}, 5)
    assert backend.get("shared-client-check") == {"page": "content"}
    assert backend.get_many(["shared-client-check", "absent"]) == {
        "shared-client-check": {"page": "content"}
    }
    backend.delete("shared-client-check")


@pytest.mark.parametrize(
    "page", ["/", "/initiatives/", "/meetings/19th-rtc-heads-meeting/", "/rtcs/", "/search/?q=vr"]
)
def test_a_dead_redis_serves_public_pages_uncached(client, seeded, dead_redis, page):
    assert client.get(page).status_code == 200
    Initiative.objects.filter(slug=JAPAN_AI).update(title="Changed while Redis is down")
    assert "Changed while Redis is down" in client.get(reverse("initiatives:list")).text


def test_sign_in_and_an_admin_save_work_with_redis_down(
    client, secretariat_user, seeded, dead_redis
):
    response = client.post(
        reverse("admin:login"),
        {"username": "secretary", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get(slug=JAPAN_AI)
    response = factories.edit_in_admin(client, initiative, title="Saved while Redis is down")
    assert response.status_code == 302
    assert Initiative.objects.get(slug=JAPAN_AI).title == "Saved while Redis is down"


def test_healthz_says_the_cache_is_unavailable_and_still_answers_200(client, db, dead_redis):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_a_dead_redis_is_logged_once_per_interval_not_per_request(
    client, seeded, dead_redis, caplog
):
    caplog.set_level("WARNING", logger="rtcportal.cache")
    for _ in range(3):
        SharedCacheState.retry_at = 0.0  # as if each request came after the back-off
        assert client.get("/initiatives/").status_code == 200
    warnings = [r for r in caplog.records if r.name == "rtcportal.cache"]
    assert len(warnings) == 1
    assert "served uncached" in warnings[0].getMessage()


# Only Redis: a local-memory cache cannot be cut off.
@pytest.mark.parametrize("page_cache", ["redis"], indirect=True)
def test_a_write_made_while_redis_was_away_retires_the_pages_stored_before(
    client, seeded, page_cache, settings
):
    """A partition, not a restart: Redis comes back with the old pages and generation."""
    url = page_of(JAPAN_AI)
    assert "AI-powered tutoring" in client.get(url).text  # stored under the old generation
    reachable = settings.CACHES
    settings.CACHES = {"default": DEAD_REDIS, "worker-pages": settings.WORKER_PAGES_CACHE}
    Initiative.objects.get(slug=JAPAN_AI).save()  # the signal cannot reach Redis
    Initiative.objects.filter(slug=JAPAN_AI).update(title="Retitled during the outage")
    settings.CACHES = reachable
    SharedCacheState.retry_at = 0.0  # the back-off is over: Redis answers again
    assert "Retitled during the outage" in client.get(url).text


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", True),
        ("rtc=japan-rtc", True),
        ("category=vr&rtc=japan-rtc&rtc=china-rtc", True),
        ("rtc=japan-rtc&category=vr", False),
        ("utm_source=mail", False),
        ("rtc=japan-rtc&rtc=japan-rtc", False),
        ("rtc=", False),
        ("q=virtual+reality&sort=relevance", True),
    ],
)
def test_only_canonical_addresses_are_cached(query, canonical, settings):
    assert is_canonical_query(query) is canonical


def test_an_address_with_unknown_parameters_is_served_but_not_stored(client, seeded, page_cache):
    url = page_of(JAPAN_AI)
    client.get(f"{url}?utm_source=mail")
    Initiative.objects.filter(slug=JAPAN_AI).update(title="Changed without a signal")
    assert "Changed without a signal" in client.get(f"{url}?utm_source=mail").text


def test_a_page_stored_yesterday_is_not_served_today(client, db, page_cache):
    # Whether a meeting is still planned changes at midnight, with no write to say so.
    start = timezone.localdate() + datetime.timedelta(days=1)
    factories.make_meeting(title="Tomorrow's meeting", start_date=start)
    assert "(planned)" in client.get("/meetings/").text
    yesterday = time.time() - 86_400
    page_cache.set(GENERATION_KEY, f"{yesterday:.6f}:{'0' * 32}", timeout=None)
    stored = page_cache.get(GENERATION_KEY)
    client.get("/meetings/")
    assert page_cache.get(GENERATION_KEY) != stored
    assert not began_before_today(page_cache.get(GENERATION_KEY))
