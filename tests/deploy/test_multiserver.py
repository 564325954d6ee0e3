"""Scale-out: gunicorn workers and app servers sharing one database and one Redis are
interchangeable, and the shared page cache is never stale on any of them."""

import os
import urllib.error
import urllib.request

import pytest

from tests.support.servers import (
    REDIS_URL,
    Browser,
    Deployment,
    NoRedirect,
    drop_scratch_database,
    free_ports,
    read_through_both_workers,
    scratch_database_url,
)

INITIATIVE = "/initiatives/japan-rtc-ai-tutoring-and-qa/"
OLD_TITLE = "AI-powered tutoring and Q&amp;A systems"


def redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.flushdb()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"no Redis at {REDIS_URL} (CI must run the scale-out tests)")
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two app servers (on free ports), two workers each, one database, one Redis."""
    from django.db import connection

    redis_client = redis_or_skip()
    tmp_path = tmp_path_factory.mktemp("deployment")
    with django_db_blocker.unblock():
        url = scratch_database_url(connection.settings_dict, "servers", tmp_path)
    deployment = Deployment(url, tmp_path / "static")
    try:
        deployment.set_up()
        yield (
            [
                deployment.start(port, workers=2, log_path=tmp_path / f"gunicorn-{port}.log")
                for port in free_ports(2)
            ],
            redis_client,
        )
    finally:
        deployment.stop()
        redis_client.flushdb()
        drop_scratch_database(url)


def test_log_in_on_one_server_edit_on_the_other_read_fresh_through_every_worker(servers):
    (one, other), redis_client = servers
    visitor = Browser()
    # Warm the shared cache through every worker of both servers.
    for server in (one, other):
        read_through_both_workers(visitor, server, INITIATIVE, OLD_TITLE)
    assert redis_client.keys("rtcportal:*page:*"), "the anonymous page was not cached"

    editor = Browser()
    editor.log_in(one)
    change = editor.request(other, "/admin/initiatives/initiative/")
    assert change.status == 200, "the session made on one server is unknown on the other"
    path = next(
        line.split('href="', 1)[1].split('"', 1)[0]
        for line in change.text.splitlines()
        if "AI-powered tutoring" in line and 'href="' in line
    )
    form = editor.request(other, path).form()
    form["title"] = ["AI tutoring, edited on the other server"]
    saved = editor.request(other, path, form)
    assert saved.status == 302, saved.text

    for server in (one, other):
        read_through_both_workers(
            visitor, server, INITIATIVE, "AI tutoring, edited on the other server"
        )
    assert editor.request(one, path).status == 200


def test_static_files_are_hashed_compressed_and_immutable(servers):
    (one, _), _ = servers
    home = Browser().request(one, "/")
    stylesheet = home.text.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert stylesheet.startswith("/static/css/site.")
    assert stylesheet != "/static/css/site.css", "the stylesheet name carries no hash"
    for encoding in ("br", "gzip"):
        request = urllib.request.Request(
            one.url(stylesheet),
            headers={"Accept-Encoding": encoding, "X-Forwarded-Proto": "https"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.headers["Content-Encoding"] == encoding
            assert "immutable" in response.headers["Cache-Control"]
            assert "max-age=315360000" in response.headers["Cache-Control"]


def test_the_production_server_sends_the_security_headers_and_host_cookies(servers):
    (one, _), _ = servers
    browser = Browser()
    login = browser.request(one, "/admin/login/")
    assert "__Host-csrftoken" in browser.cookies
    assert "default-src 'none'" in login.headers["Content-Security-Policy"]
    assert "max-age=31536000" in login.headers["Strict-Transport-Security"]
    set_cookie = login.headers["Set-Cookie"]
    assert "Secure" in set_cookie
    assert "SameSite=Lax" in set_cookie


def test_plain_http_is_redirected_to_https_but_health_checks_are_not(servers):
    (one, _), _ = servers
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(one.url("/"), timeout=5)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"] == f"https://127.0.0.1:{one.port}/"
    with opener.open(one.url("/healthz"), timeout=5) as health:
        assert health.status == 200
