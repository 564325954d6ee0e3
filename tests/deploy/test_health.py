"""/healthz, the structured request log and what a 500 shows."""

import json
import logging

from django.db import connections
from django.urls import reverse

from rtcportal.logs import JsonFormatter


def test_healthz_answers_ok_as_json_when_the_database_answers(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"
    assert response.json()["databases"] == {"default": "ok"}


def test_healthz_is_never_cached(client, db):
    cache_control = client.get(reverse("healthz"))["Cache-Control"]
    assert "no-store" in cache_control
    assert "no-cache" in cache_control


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise connections["default"].Database.OperationalError("the database is down")

    with monkeypatch.context() as patch:
        patch.setattr(connections["default"], "cursor", refuse)
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "databases": {"default": "unavailable"},
        "cache": "ok",
        "duration_ms": response.json()["duration_ms"],
    }


def test_healthz_needs_no_https_redirect_so_load_balancers_can_probe_it(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


def request_lines(caplog):
    return [record for record in caplog.records if record.name == "rtcportal.request"]


def test_each_request_logs_one_json_line_with_id_method_path_status_and_duration(
    client, db, caplog
):
    caplog.set_level(logging.INFO, logger="rtcportal.request")
    response = client.get("/initiatives/?q=VR")
    [record] = request_lines(caplog)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["method"] == "GET"
    assert entry["path"] == "/initiatives/"
    assert entry["status"] == 200
    assert entry["duration_ms"] > 0


def test_an_incoming_request_id_is_kept_and_echoed(client, db, caplog):
    caplog.set_level(logging.INFO, logger="rtcportal.request")
    response = client.get("/", headers={"X-Request-ID": "lb-7f3a.42"})
    assert response["X-Request-ID"] == "lb-7f3a.42"
    assert request_lines(caplog)[0].request_id == "lb-7f3a.42"


def test_a_malformed_request_id_is_replaced(client, db):
    response = client.get("/", headers={"X-Request-ID": "<script>" + "x" * 200})
    assert len(response["X-Request-ID"]) == 32
    assert "<" not in response["X-Request-ID"]


def test_requests_get_different_ids(client, db):
    assert client.get("/")["X-Request-ID"] != client.get("/")["X-Request-ID"]


def test_a_500_is_logged_with_its_traceback_and_never_shown(client, seeded, caplog, monkeypatch):
    from rtcportal.views import HomeView

    def broken(self, **kwargs):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    client.raise_request_exception = False
    response = client.get("/")

    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text
    [error] = [record for record in caplog.records if record.name == "django.request"]
    entry = json.loads(JsonFormatter().format(error))
    assert entry["level"] == "ERROR"
    assert "RuntimeError: secret detail of the failure" in entry["traceback"]
    assert entry["request_id"] == response["X-Request-ID"]
    assert request_lines(caplog)[0].status == 500
