"""Logs: one JSON object per line on stdout, from the portal and from gunicorn alike, and no
flood of tracebacks anyone can cause with a bad Host header."""

import json
import logging
import urllib.error
import urllib.request

from rtcportal.logs import JsonFormatter
from tests.support.servers import Deployment, free_port

DISALLOWED_HOST = "django.security.DisallowedHost"


def test_a_bad_host_header_is_one_warning_without_a_traceback(client, db, caplog):
    caplog.set_level(logging.INFO)
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    [record] = [record for record in caplog.records if record.name == DISALLOWED_HOST]
    assert record.levelname == "WARNING"
    assert record.exc_info is None
    entry = json.loads(JsonFormatter().format(record))
    assert "traceback" not in entry
    assert "evil.example" in entry["message"]


def get(url, host=None):
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_gunicorn_writes_its_access_lines_as_json_like_the_portal(tmp_path):
    # /healthz and a refused Host need no tables: an empty SQLite database will do.
    deployment = Deployment(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path / "static")
    deployment.manage("collectstatic", "--noinput")
    server = deployment.start(
        free_port(), workers=1, log_path=tmp_path / "gunicorn.log", access_log=True
    )
    try:
        status, headers = get(server.url("/healthz"))
        assert status == 200
        assert get(server.url("/healthz"), host="evil.example")[0] == 400
    finally:
        deployment.stop()
    lines = (tmp_path / "gunicorn.log").read_text().splitlines()
    entries = [json.loads(line) for line in lines]  # every line is one JSON object

    access = [entry for entry in entries if entry["logger"] == "gunicorn.access"]
    # The last two: before them, start() polled /healthz until the server answered.
    assert [(entry["method"], entry["path"], entry["status"]) for entry in access[-2:]] == [
        ("GET", "/healthz", 200),
        ("GET", "/healthz", 400),
    ]
    assert access[-2]["request_id"] == headers["X-Request-ID"]
    assert access[-2]["duration_ms"] >= 0

    [bad_host] = [entry for entry in entries if entry["logger"] == DISALLOWED_HOST]
    assert bad_host["level"] == "WARNING"
    assert "traceback" not in bad_host
