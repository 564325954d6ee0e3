"""Deploy-ready: the production configuration, from environment variables alone."""

import json
import runpy
import secrets
import subprocess
import sys

from tests.support.servers import ROOT, clean_environment

PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "rtc.example.org",
}


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_environment(DJANGO_SETTINGS_MODULE="rtcportal.settings", **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_settings(**env):
    names = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_SAMESITE",
        "PAGE_CACHE_SECONDS",
        "DATABASE_ROUTERS",
        "HTTP_VALIDATORS",
        "HTTP_MAX_AGE",
        "HTTP_S_MAXAGE",
        "HTTP_STALE_WHILE_REVALIDATE",
    ]
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}} | "
        "{'CACHE': settings.CACHES['default']['BACKEND'], "
        "'CACHE_OPTIONS': settings.CACHES['default'].get('OPTIONS', {}), "
        "'CONN_MAX_AGE': settings.DATABASES['default']['CONN_MAX_AGE'], "
        "'CONN_HEALTH_CHECKS': settings.DATABASES['default']['CONN_HEALTH_CHECKS']}))"
    )
    result = manage("shell", "-c", script, **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    # The last line: Django 5.2's shell first says how many objects it imported.
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean_with_only_the_secret_key_and_allowed_hosts():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_complains_when_https_is_switched_off():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_HTTPS="0", **PRODUCTION)
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stderr


def test_production_cookies_are_secure_httponly_samesite_and_host_prefixed():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert values["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["CSRF_COOKIE_SAMESITE"] == "Lax"


def test_production_redirects_to_https_and_sends_hsts_for_a_year():
    values = production_settings()
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600


def test_connections_persist_and_are_health_checked():
    values = production_settings()
    assert values["CONN_MAX_AGE"] == 60
    assert values["CONN_HEALTH_CHECKS"] is True


def test_redis_url_switches_on_the_shared_cache_and_the_page_cache():
    assert production_settings()["CACHE"].endswith("LocMemCache")
    assert production_settings()["PAGE_CACHE_SECONDS"] == 0
    shared = production_settings(REDIS_URL="redis://127.0.0.1:6379/9")
    assert shared["CACHE"] == "django_redis.cache.RedisCache"
    # A dead or full Redis must be a cache miss, never a 500 (tests/deploy/test_cache_faults.py).
    assert shared["CACHE_OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert shared["PAGE_CACHE_SECONDS"] == 600


def test_validators_need_the_generation_that_redis_shares():
    # Without Redis each worker keeps a generation of its own: one that missed an edit made
    # in another would answer 304 for the old page.
    assert production_settings()["HTTP_VALIDATORS"] is False
    assert production_settings(REDIS_URL="redis://127.0.0.1:6379/9")["HTTP_VALIDATORS"] is True
    assert production_settings(DJANGO_HTTP_VALIDATORS="1")["HTTP_VALIDATORS"] is True


def test_public_responses_are_kept_as_the_environment_says():
    values = production_settings()
    assert (values["HTTP_MAX_AGE"], values["HTTP_S_MAXAGE"]) == (60, 300)
    assert values["HTTP_STALE_WHILE_REVALIDATE"] == 60
    values = production_settings(DJANGO_HTTP_MAX_AGE="0", DJANGO_HTTP_S_MAXAGE="3600")
    assert (values["HTTP_MAX_AGE"], values["HTTP_S_MAXAGE"]) == (0, 3600)


def test_a_replica_url_switches_on_the_router():
    assert production_settings()["DATABASE_ROUTERS"] == []
    replica = production_settings(DATABASE_REPLICA_URL="sqlite:///replica.sqlite3")
    assert replica["DATABASE_ROUTERS"] == ["rtcportal.routers.PrimaryReplicaRouter"]


def test_gunicorn_takes_bind_and_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:8650")
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["bind"] == "127.0.0.1:8650"
    assert config["workers"] == 3
    assert config["accesslog"] == "-"


def test_gunicorn_accepts_the_configuration():
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    executable = gunicorn if gunicorn.exists() else "gunicorn"
    result = subprocess.run(
        [str(executable), "--check-config", "--config", "gunicorn.conf.py", "rtcportal.wsgi"],
        cwd=ROOT,
        env=clean_environment(DJANGO_SETTINGS_MODULE="rtcportal.settings", **PRODUCTION),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
