"""Requests bounded on real gunicorn servers: a 300 MB anonymous POST is refused before its
body is sent, a request past the portal's deadline gets the portal's own 503 page, and one
that gunicorn's timeout kills still leaves a line in the portal's log."""

import json
import socket
import time
import urllib.error
import urllib.request

import pytest

from tests.support.servers import Deployment, free_port

MB = 1024 * 1024


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    Deployment("sqlite://", static_root).manage("collectstatic", "--noinput")
    return static_root


@pytest.fixture
def deployment(tmp_path, static_root):
    # None of these requests needs a table: an empty SQLite database will do.
    deployment = Deployment(f"sqlite:///{tmp_path / 'db.sqlite3'}", static_root)
    yield deployment
    deployment.stop()


def log_entries(server):
    return [
        json.loads(line)
        for line in server.log_path.read_text().splitlines()
        if line.startswith("{")
    ]


def get(server, path, timeout=20):
    # As the TLS-terminating proxy sends it.
    request = urllib.request.Request(server.url(path), headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_300_mb_anonymous_post_is_refused_before_its_body_is_sent(deployment, tmp_path):
    server = deployment.start(free_port(), workers=1, log_path=tmp_path / "gunicorn.log")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        started = time.monotonic()
        connection.sendall(
            b"POST /admin/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            + f"Content-Length: {300 * MB}\r\n\r\n".encode()
            + b"--x\r\n"
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        elapsed = time.monotonic() - started
    # The answer came, and the server closed the connection, with 5 bytes of 300 MB sent.
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"<h1>Too large to send</h1>" in answer
    assert elapsed < 2


def test_a_request_past_the_deadline_gets_the_portals_503_page(deployment, tmp_path):
    deployment.env |= {
        "DJANGO_SETTINGS_MODULE": "tests.support.slow_site",
        "DJANGO_REQUEST_DEADLINE_SECONDS": "1",
    }
    server = deployment.start(free_port(), workers=1, log_path=tmp_path / "gunicorn.log")
    started = time.monotonic()
    status, text = get(server, "/slow/?seconds=10")
    assert time.monotonic() - started < 5
    assert status == 503
    assert "<h1>This took too long</h1>" in text
    # The worker lives on and serves the next request.
    assert get(server, "/slow/?seconds=0")[0] == 200
    messages = [entry["message"] for entry in log_entries(server)]
    assert "GET /slow/ stopped after the 1.0 s request deadline" in messages
    assert "GET /slow/ 503" in messages


def test_a_request_killed_by_gunicorns_timeout_leaves_a_line_in_the_portals_log(
    deployment, tmp_path
):
    deployment.env |= {
        "DJANGO_SETTINGS_MODULE": "tests.support.slow_site",
        "DJANGO_REQUEST_DEADLINE_SECONDS": "0",
        "GUNICORN_TIMEOUT": "2",
    }
    server = deployment.start(free_port(), workers=1, log_path=tmp_path / "gunicorn.log")
    # What the browser gets is gunicorn's own bare page, which the portal cannot change.
    assert get(server, "/slow/?seconds=30")[0] == 500
    [entry] = [
        entry for entry in log_entries(server) if "gunicorn's 2 s timeout" in entry["message"]
    ]
    assert entry["level"] == "ERROR"
    assert entry["message"].endswith("during GET /slow/")
    assert (entry["method"], entry["path"]) == ("GET", "/slow/")
