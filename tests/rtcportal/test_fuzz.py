"""Bad input at volume: generated query strings, paths and form posts never cause a 500.

Hypothesis generates 10,500 requests in all (the max_examples below) against the public views
and the admin login. They go straight to Django's request handler, as a WSGI server sends
them: the test client's copying of every template context would triple the run time. A view
that lets an exception escape answers 500, and the test fails with the request that did it.
"""

import logging
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.conf import settings as settings_module
from django.core.cache import cache
from django.test import RequestFactory
from django.test.client import ClientHandler
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives.models import RTC, Initiative
from meetings.models import Body, Meeting
from tests.support.caches import redis_page_cache


def fuzz(max_examples):
    return settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Any text a URL or form can carry: control characters, NUL, surrogates, RTL marks, emoji.
junk = st.text(st.characters(codec="utf-8"), max_size=40)
numbers = st.integers(min_value=-(10**20), max_value=10**20).map(str)
slugs = st.sampled_from(
    ["japan-rtc", "china-rtc", "vr-simulation", "19th-rtc-heads-meeting", "", "-", "%", "../.."]
)
values = st.one_of(junk, numbers, slugs, st.just("0"), st.just("9" * 400))
known_keys = st.sampled_from(["rtc", "category", "meeting", "q", "sort", "page"])
parameters = st.lists(st.tuples(st.one_of(known_keys, junk), values), max_size=8)


def public_pages():
    return [
        "/",
        "/meetings/",
        Meeting.objects.first().get_absolute_url(),
        "/rtcs/",
        RTC.objects.first().get_absolute_url(),
        "/initiatives/",
        Initiative.objects.first().get_absolute_url(),
        "/administrations/",
        Body.objects.first().get_absolute_url(),
        "/healthz",
    ]


class Requests:
    """Sends a request through the whole middleware stack and returns the response."""

    def __init__(self):
        self.handler = ClientHandler(enforce_csrf_checks=False)
        self.factory = RequestFactory()

    def get(self, path, query=""):
        return self.send("GET", path, query, b"")

    def post(self, path, fields):
        return self.send("POST", path, "", urlencode(fields).encode())

    def send(self, method, path, query, body):
        environ = self.factory._base_environ(
            REQUEST_METHOD=method,
            # WSGI carries the path's UTF-8 bytes as Latin-1 text.
            PATH_INFO=path.encode().decode("iso-8859-1"),
            QUERY_STRING=query,
            CONTENT_TYPE="application/x-www-form-urlencoded",
            CONTENT_LENGTH=str(len(body)),
            **{"wsgi.input": BytesIO(body)},
        )
        response = self.handler(environ)
        assert response.status_code < 500, f"{method} {path}?{query} {body!r}"
        return response


@pytest.fixture
def client():
    # The request log would write 10,000 lines; the test reads statuses, not logs.
    logger = logging.getLogger("rtcportal.request")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield Requests()
    logger.setLevel(level)


@pytest.fixture
def redis_cache(settings):
    redis_page_cache(settings)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pages(seeded):
    return public_pages()


@fuzz(max_examples=1500)
@given(query=parameters)
def test_generated_filters_on_the_initiative_list_never_cause_a_500(client, seeded, query):
    client.get("/initiatives/", urlencode(query))


@fuzz(max_examples=1500)
@given(data=st.data(), query=parameters)
def test_generated_query_strings_on_every_public_page_never_cause_a_500(client, pages, data, query):
    client.get(data.draw(st.sampled_from(pages)), urlencode(query))


@fuzz(max_examples=1500)
@given(data=st.data(), query=parameters)
def test_generated_query_strings_never_cause_a_500_with_the_redis_page_cache(
    client, pages, redis_cache, data, query
):
    client.get(data.draw(st.sampled_from(pages)), urlencode(query))


@fuzz(max_examples=4500)
@given(
    prefix=st.sampled_from(["/initiatives/", "/meetings/", "/rtcs/", "/administrations/", "/"]),
    segments=st.lists(st.one_of(junk, slugs, numbers), min_size=1, max_size=4),
)
def test_generated_paths_never_cause_a_500(client, seeded, prefix, segments):
    client.get(prefix + "/".join(segments))


@fuzz(max_examples=1500)
@given(
    fields=st.lists(
        st.tuples(st.one_of(st.sampled_from(["username", "password", "next"]), junk), values),
        max_size=6,
    )
)
def test_generated_admin_logins_never_cause_a_500(client, db, fields):
    response = client.post("/admin/login/", fields)
    # Nobody gets in with generated credentials: the login form comes back (or, once a
    # lockout such as django-axes counts too many failures, a refusal).
    assert response.status_code in (200, 403, 429)
    assert settings_module.SESSION_COOKIE_NAME not in response.cookies


@fuzz(max_examples=1500)
@given(data=st.data(), fields=parameters)
def test_generated_form_posts_to_public_pages_never_cause_a_500(client, pages, data, fields):
    response = client.post(data.draw(st.sampled_from(pages)), fields)
    assert response.status_code == 405
