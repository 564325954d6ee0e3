"""Every request bounded: a body over the limit is refused before it is read (a much smaller
limit for anyone not signed in), and a request past its deadline ends with the portal's 503
page and a log line, having saved nothing."""

import logging
import signal
import time

from django.db import transaction
from django.test import Client

from core.models import Synonym
from rtcportal.views import HomeView

MB = 1024 * 1024


def post_claiming(client, path, length):
    """A multipart POST whose Content-Length says `length` bytes while only a few are there:
    the test client's payload fails any attempt to read past them, so a 413 here proves the
    body was never read."""
    return client.generic(
        "POST",
        path,
        b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
    )


def test_an_anonymous_300_mb_post_to_the_sign_in_page_is_refused_unread(db):
    started = time.perf_counter()
    response = post_claiming(Client(), "/admin/login/", 300 * MB)
    assert time.perf_counter() - started < 1
    assert response.status_code == 413
    assert "<h1>Too large to send</h1>" in response.text
    assert "What was sent is 300.0\xa0MB" in response.text
    assert "not signed in" in response.text
    assert response["Connection"] == "close"


def test_an_anonymous_post_just_over_its_small_limit_is_refused(db, settings):
    response = post_claiming(Client(), "/admin/login/", settings.ANONYMOUS_REQUEST_MAX_BYTES + 1)
    assert response.status_code == 413


def test_signing_in_is_well_inside_the_anonymous_limit(client, editor_user):
    response = client.post("/admin/login/", {"username": "editor", "password": "password"})
    assert response.status_code in (200, 302)


def test_a_signed_in_user_may_send_more_than_an_anonymous_one(client, editor_user, settings):
    client.force_login(editor_user)
    body = b"x" * (settings.ANONYMOUS_REQUEST_MAX_BYTES + 1024)
    response = client.generic("POST", "/admin/", body, content_type="application/octet-stream")
    assert response.status_code != 413


def test_a_signed_in_upload_over_the_site_limit_is_refused_unread(client, editor_user, settings):
    client.force_login(editor_user)
    response = post_claiming(client, "/admin/documents/document/add/", 600 * MB)
    assert response.status_code == 413
    assert f"at most {settings.REQUEST_MAX_BYTES // MB}.0\xa0MB in one request" in response.text
    assert "Upload fewer files at a time" in response.text


def test_a_request_past_its_deadline_gets_the_portals_503_page_and_a_log_line(
    db, settings, monkeypatch, caplog
):
    settings.REQUEST_DEADLINE_SECONDS = 0.2
    monkeypatch.setattr(HomeView, "get_context_data", lambda self, **kwargs: time.sleep(5))
    caplog.set_level(logging.INFO, logger="rtcportal.request")
    started = time.perf_counter()
    response = Client(raise_request_exception=False).get("/")
    assert time.perf_counter() - started < 2
    assert response.status_code == 503
    assert "<h1>This took too long</h1>" in response.text
    assert '<link rel="stylesheet" href="/static/css/site.css">' in response.text
    [line] = [record for record in caplog.records if "deadline" in record.getMessage()]
    assert line.levelname == "ERROR"
    assert line.getMessage() == "GET / stopped after the 0.2 s request deadline"
    # The request's own access line records the 503 too.
    assert any(getattr(record, "status", None) == 503 for record in caplog.records)


def test_a_request_stopped_at_its_deadline_saves_nothing(db, settings, monkeypatch):
    settings.REQUEST_DEADLINE_SECONDS = 0.2

    def slow_save(self, **kwargs):
        with transaction.atomic():
            Synonym.objects.create(term="Half-done", equivalents="Halfway")
            time.sleep(5)

    monkeypatch.setattr(HomeView, "get_context_data", slow_save)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert not Synonym.objects.filter(term="Half-done").exists()


def test_the_deadline_is_disarmed_once_the_request_is_answered(client, db, settings):
    settings.REQUEST_DEADLINE_SECONDS = 0.2
    previous = signal.getsignal(signal.SIGALRM)
    assert client.get("/healthz").status_code in (200, 503)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is previous
    time.sleep(0.3)  # the timer would have gone off here, failing this test
