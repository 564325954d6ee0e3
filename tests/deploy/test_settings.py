import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="rtcportal.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_debug_and_secret_key_the_app_refuses_to_start():
    result = run_check()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_with_a_secret_key_the_app_starts():
    result = run_check(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_debug_is_off_unless_asked_for():
    from django.conf import settings

    assert settings.DEBUG is False


def site_url_with(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(env, DJANGO_SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="rtcportal.settings")
    code = "from django.conf import settings; print(settings.SITE_URL)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_the_site_address_is_the_one_configured():
    result = site_url_with(DJANGO_SITE_URL="https://rtc.example.org/")
    assert result.stdout.strip() == "https://rtc.example.org"


def test_without_a_site_address_production_uses_its_first_host_name():
    result = site_url_with(DJANGO_ALLOWED_HOSTS=".example.org,rtc.example.org,other.example")
    assert result.stdout.strip() == "https://rtc.example.org"


def test_a_site_address_with_a_path_is_refused():
    result = site_url_with(DJANGO_SITE_URL="https://rtc.example.org/portal")
    assert result.returncode != 0
    assert "is not a site address" in result.stderr
