"""Errors and budgets: friendly error pages in the site's design, and light pages."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from rtcportal.views import HomeView
from tests.support.page_types import PAGE_TYPES

# Bytes, compressed, for a page's whole first load (HTML, stylesheet, script): the most any
# page type may cost on the seeded data.
BUDGET = 15_000


def test_a_server_error_shows_the_friendly_500_page(db, monkeypatch):
    def broken(self, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.text
    assert '<link rel="stylesheet" href="/static/css/site.css">' in response.text
    assert "the database went away" not in response.text


@pytest.mark.parametrize(
    "failure",
    [
        OperationalError("connection to server at 127.0.0.1, port 5432 failed: refused"),
        InterfaceError("connection already closed"),
    ],
    ids=["cannot-connect", "connection-lost"],
)
@pytest.mark.parametrize("path", ["/", "/initiatives/?page=2", "/search/?q=customs"])
def test_the_database_down_answers_503_with_retry_after(db, monkeypatch, failure, path):
    def unavailable(self):
        raise failure

    # Undone before the test database is torn down, which needs the connection.
    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "ensure_connection", unavailable)
        response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "<h1>The portal is briefly unavailable</h1>" in response.text
    assert '<link rel="stylesheet" href="/static/css/site.css">' in response.text
    assert str(failure) not in response.text


def test_a_bad_request_page_is_in_the_sites_design(client, seeded):
    response = client.get("/initiatives/", {"page": "abc"})
    assert response.status_code == 400
    assert '<nav aria-label="Main">' in response.text
    assert '<a href="/initiatives/">Browse all initiatives</a>' in response.text


JSON_LD = re.compile(rb'<script type="application/ld\+json">.*?</script>', re.S)
# The scripts a page may load: the portal's own, deferred, each an enhancement the page works
# without (forms that follow the address; the cue that a wide table scrolls sideways).
OWN_SCRIPT = re.compile(rb'<script src="/static/(js/[a-z-]+\.js)" defer></script>')


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_page_type_fits_the_15_kb_budget_with_its_stylesheet(client, seeded, name):
    html = client.get(PAGE_TYPES[name]).content
    # Structured data (JSON-LD) is a data block browsers never run.
    assert b"<script" not in OWN_SCRIPT.sub(b"", JSON_LD.sub(b"", html))
    assert b"<style" not in html
    assert b" style=" not in html
    css = Path(finders.find("css/site.css")).read_bytes()
    total = len(gzip.compress(html)) + len(gzip.compress(css))
    for script in OWN_SCRIPT.findall(html):
        total += len(gzip.compress(Path(finders.find(script.decode())).read_bytes()))
    assert total < BUDGET, f"{name}: {total} bytes compressed"


def test_a_form_failing_its_csrf_check_shows_a_page_in_the_sites_design(db):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    assert "<h1>This form could not be sent</h1>" in response.text
    assert '<link rel="stylesheet" href="/static/css/site.css">' in response.text
    assert "<style" not in response.text
