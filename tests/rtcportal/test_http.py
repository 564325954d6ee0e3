"""HTTP caching as a client sees it: validators, 304s and Cache-Control per kind of response."""

import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import resolve, reverse
from django.utils.http import http_date

from initiatives.models import Initiative
from meetings.models import Meeting, Status
from rtcportal.cache import GENERATION_KEY
from rtcportal.http import HttpCacheMiddleware
from tests.support import factories
from tests.support.admin import logged_in

JAPAN_AI = "japan-rtc-ai-tutoring-and-qa"

# One address of every kind that carries validators; lambdas, as the records come from `seeded`.
PUBLIC_ADDRESSES = {
    "home": lambda: reverse("home"),
    "filtered list": lambda: reverse("initiatives:list") + "?rtc=japan-rtc&q=AI",
    "initiative detail": lambda: Initiative.objects.get(slug=JAPAN_AI).get_absolute_url(),
    "meeting detail": lambda: Meeting.objects.get(number=19).get_absolute_url(),
    "feed": lambda: reverse("initiatives:feed"),
    "calendar": lambda: reverse("meetings:calendar"),
    "sitemap index": lambda: reverse("sitemap"),
    "sitemap section": lambda: reverse("sitemap-section", args=["initiatives"]),
    "CSV export": lambda: reverse("initiatives:export-csv") + "?rtc=japan-rtc",
    "JSON export": lambda: reverse("initiatives:export-json") + "?rtc=japan-rtc",
    "search": lambda: reverse("search") + "?q=training",
}


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.fixture
def staff_client(secretariat_user):
    client = Client()
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def old_generation():
    """A generation that began ten seconds ago, so responses may say when it began."""
    began = time.time() - 10
    cache.set(GENERATION_KEY, f"{began:.6f}:test", None)
    return int(began)


@pytest.mark.parametrize("name", list(PUBLIC_ADDRESSES))
def test_a_repeated_request_with_its_etag_is_answered_304(client, seeded, name):
    url = PUBLIC_ADDRESSES[name]()
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')  # strong
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]


@pytest.mark.engine
def test_a_304_runs_no_query_and_no_view(client, seeded, django_assert_num_queries):
    url = Initiative.objects.get(slug=JAPAN_AI).get_absolute_url()
    tag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 304
    assert response.context is None


def test_an_admin_edit_gives_a_200_with_a_new_etag(client, staff_client, seeded):
    initiative = Initiative.objects.get(slug=JAPAN_AI)
    url = initiative.get_absolute_url()
    before = client.get(url)["ETag"]
    edit = factories.edit_in_admin(staff_client, initiative, title="Retitled in the admin")
    assert edit.status_code == 302
    after = client.get(url, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert "Retitled in the admin" in after.text
    assert after["ETag"] != before


def test_an_edit_to_any_record_changes_every_pages_etag(client, seeded):
    url = reverse("meetings:list")
    before = client.get(url)["ETag"]
    factories.make_category("A category no meeting shows")
    assert client.get(url, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_the_etag_names_the_query_string_and_the_content_coding(client, seeded):
    url = reverse("initiatives:list")
    plain = client.get(url)["ETag"]
    assert client.get(url + "?q=AI")["ETag"] != plain
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip")["ETag"] != plain
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")["ETag"] != plain
    assert client.get(url)["ETag"] == plain


def test_an_etag_for_another_coding_is_not_answered_304(client, seeded):
    url = reverse("initiatives:list")
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=gzipped).status_code == 200


def test_if_modified_since_is_answered_304_until_the_content_changes(
    client, seeded, old_generation
):
    url = reverse("initiatives:feed")
    first = client.get(url)
    assert first["Last-Modified"] == http_date(old_generation)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    Initiative.objects.get(slug=JAPAN_AI).save()
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


def test_last_modified_waits_until_the_generations_second_is_over(client, seeded):
    # Two edits within one second would otherwise share a Last-Modified.
    Initiative.objects.get(slug=JAPAN_AI).save()
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    assert not response.has_header("Last-Modified")


def test_public_responses_may_be_kept_by_browsers_and_shared_caches(client, seeded, settings):
    settings.HTTP_MAX_AGE = 30
    settings.HTTP_S_MAXAGE = 600
    settings.HTTP_STALE_WHILE_REVALIDATE = 90
    response = client.get(reverse("home"))
    assert directives(response) == {
        "public",
        "max-age=30",
        "s-maxage=600",
        "stale-while-revalidate=90",
    }
    assert response["Vary"] == "Accept-Encoding, Cookie"


def test_signed_in_users_get_private_pages_without_validators(staff_client, seeded):
    url = Initiative.objects.get(slug=JAPAN_AI).get_absolute_url()
    anonymous = Client().get(url)
    response = staff_client.get(url, HTTP_IF_NONE_MATCH=anonymous["ETag"])
    assert response.status_code == 200
    assert directives(response) == {"private", "no-store"}
    assert not response.has_header("ETag")


def test_the_admin_is_private(staff_client, seeded):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
    assert not response.has_header("ETag")


def test_the_admin_login_page_is_private(client, db):
    response = client.get(reverse("admin:login"))
    assert {"private", "no-store"} <= directives(response)
    assert not response.has_header("ETag")


def test_a_preview_is_private(client, editor_user):
    draft = factories.make_initiative(title="Drafted", status=Status.DRAFT)
    response = logged_in(client, editor_user).get(reverse("preview:initiative", args=[draft.slug]))
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
    assert not response.has_header("ETag")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/initiatives/no-such-initiative/", 404),
        ("/no/such/page/", 404),
        ("/initiatives/?rtc=no-such-rtc", 400),
    ],
)
def test_error_responses_are_private(client, seeded, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert directives(response) == {"private", "no-store"}
    assert not response.has_header("ETag")


def test_an_etag_never_turns_an_error_into_a_304(client, seeded):
    url = Initiative.objects.get(slug=JAPAN_AI).get_absolute_url()
    tag = client.get(url)["ETag"]
    Initiative.objects.filter(slug=JAPAN_AI).delete()
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 404


def test_the_health_check_is_never_kept(client, db):
    response = client.get(reverse("healthz"))
    assert "no-store" in directives(response)
    assert not response.has_header("ETag")


def test_without_shared_validators_pages_carry_cache_control_only(client, seeded, settings):
    settings.HTTP_VALIDATORS = False
    response = client.get(reverse("home"))
    assert not response.has_header("ETag")
    assert not response.has_header("Last-Modified")
    assert "public" in directives(response)
    assert client.get(reverse("home"), HTTP_IF_NONE_MATCH="*").status_code == 200


def test_a_public_page_that_sets_a_cookie_is_private(rf, db):
    def home_setting_a_cookie(request):
        request.resolver_match = resolve(request.path_info)
        response = HttpResponse("<p>Welcome</p>")
        response.set_cookie("seen-the-banner", "1")
        return response

    response = HttpCacheMiddleware(home_setting_a_cookie)(rf.get("/"))
    assert directives(response) == {"private", "no-store"}
    assert not response.has_header("ETag")


def test_a_head_request_gets_the_same_validators_and_its_304(client, seeded):
    url = reverse("initiatives:rtc-list")
    tag = client.get(url)["ETag"]
    assert client.head(url)["ETag"] == tag
    assert client.head(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
