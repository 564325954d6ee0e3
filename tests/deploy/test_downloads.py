"""Whole exports as deployed: gunicorn with several workers and the task worker beside it. The
file is made by the worker, not by a web request; it is served with validators; and with every
download slot taken, downloads are answered 503 with Retry-After while pages are served."""

import time
import urllib.error
import urllib.request

import pytest

from tests.support.servers import (
    Deployment,
    drop_scratch_database,
    free_port,
    scratch_database_url,
    task_worker,
)

pytestmark = pytest.mark.engine

TAKE_THE_ONLY_SLOT = "from core import slots; assert slots.take()"


@pytest.fixture(scope="module")
def deployment(django_db_setup, django_db_blocker, tmp_path_factory):
    """The 19th meeting on a server of three workers, one task worker, one download at once."""
    from django.db import connection

    tmp_path = tmp_path_factory.mktemp("downloads")
    with django_db_blocker.unblock():
        url = scratch_database_url(connection.settings_dict, "downloads", tmp_path)
    deployment = Deployment(url, tmp_path / "static")
    deployment.env.update(
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_DOWNLOADS_AT_ONCE="1",
        DJANGO_DOWNLOAD_RETRY_SECONDS="1",
    )
    try:
        deployment.set_up()
        server = deployment.start(free_port(), workers=3, log_path=tmp_path / "gunicorn.log")
        with task_worker(deployment, tmp_path / "worker.log"):
            yield deployment, server
    finally:
        deployment.stop()
        drop_scratch_database(url)


def get(server, path, headers=None):
    """(status, headers, body) of a GET behind the TLS proxy."""
    request = urllib.request.Request(
        server.url(path), headers={"X-Forwarded-Proto": "https", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def download(server, path, patience=60):
    """The first answer to `path` that is not a 503, waiting as each Retry-After says."""
    deadline = time.monotonic() + patience
    waits = 0
    while True:
        status, headers, body = get(server, path)
        if status != 503 or time.monotonic() > deadline:
            return status, headers, body, waits
        waits += 1
        time.sleep(int(headers["Retry-After"]))


def test_the_task_worker_makes_the_file_and_the_server_hands_it_out(deployment):
    _, server = deployment
    status, headers, body, waits = download(server, "/initiatives/export.csv")
    assert status == 200
    assert waits >= 1  # being prepared first: no web worker made it
    assert "Japan RTC" in body.decode("utf-8-sig")
    again, not_modified, _ = get(
        server, "/initiatives/export.csv", {"If-None-Match": headers["ETag"]}
    )
    assert again == 304
    assert not_modified["ETag"] == headers["ETag"]
    status, _, page = get(server, "/data/")
    assert status == 200
    assert b'href="/data/initiatives.csv"' in page


def test_with_every_slot_taken_downloads_wait_and_pages_are_served(deployment):
    operator, server = deployment
    download(server, "/data/initiatives.json")
    operator.manage("shell", "-c", TAKE_THE_ONLY_SLOT)
    for path in ("/data/initiatives.json", "/initiatives/export.csv?rtc=japan-rtc"):
        status, headers, body = get(server, path)
        assert status == 503, path
        assert headers["Retry-After"] == "5"
        assert b"Many downloads at once" in body
    began = time.monotonic()
    status, _, _ = get(server, "/")
    assert status == 200
    assert time.monotonic() - began < 5
