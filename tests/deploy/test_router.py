"""The replica router: anonymous reads from the replica; writes and signed-in users read from
the primary."""

import json
import subprocess
import sys

import pytest
from django.test import RequestFactory

from rtcportal.routers import PrimaryForStaffAndWritesMiddleware, PrimaryReplicaRouter
from tests.support.servers import ROOT, Deployment, drop_scratch_database, scratch_database_url

pytestmark = pytest.mark.engine

router = PrimaryReplicaRouter()


def database_read_during(request):
    """Which alias the router picks for reads while the middleware handles `request`."""
    seen = []
    middleware = PrimaryForStaffAndWritesMiddleware(
        lambda request: seen.append(router.db_for_read(None))
    )
    middleware(request)
    return seen[0]


def test_anonymous_reads_go_to_the_replica(settings):
    assert database_read_during(RequestFactory().get("/initiatives/")) == "replica"


def test_writes_read_from_the_primary():
    assert database_read_during(RequestFactory().post("/admin/login/")) == "default"


def test_signed_in_users_read_from_the_primary(settings):
    request = RequestFactory().get("/initiatives/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "some-session"
    assert database_read_during(request) == "default"


def test_outside_a_request_reads_go_to_the_replica_and_writes_to_the_primary():
    assert router.db_for_read(None) == "replica"
    assert router.db_for_write(None) == "default"


def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "initiatives") is True
    assert router.allow_migrate("replica", "initiatives") is False


SCRIPT = """
import json
import django
django.setup()
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

def queries(client, method, path, data=None):
    with CaptureQueriesContext(connections["default"]) as primary, \\
            CaptureQueriesContext(connections["replica"]) as replica:
        response = getattr(client, method)(path, data or {})
    return {"status": response.status_code, "primary": len(primary), "replica": len(replica),
            "text": response.content.decode()}

anonymous = queries(Client(), "get", "/initiatives/japan-rtc-ai-tutoring-and-qa/")
staff = Client()
staff.force_login(User.objects.get(username="operator"))
signed_in = queries(staff, "get", "/initiatives/japan-rtc-ai-tutoring-and-qa/")
health = Client().get("/healthz").json()
print(json.dumps({"anonymous": anonymous, "signed_in": signed_in, "health": health}))
"""


@pytest.fixture(scope="module")
def replica_run(django_db_setup, django_db_blocker, tmp_path_factory):
    """A deployment with DATABASE_REPLICA_URL pointing at the primary's database."""
    from django.db import connection

    tmp_path = tmp_path_factory.mktemp("replica")
    with django_db_blocker.unblock():
        url = scratch_database_url(connection.settings_dict, "replica", tmp_path)
    deployment = Deployment(url, tmp_path / "static")
    deployment.env.update(DATABASE_REPLICA_URL=url, DJANGO_HTTPS="0", DJANGO_PAGE_CACHE_SECONDS="0")
    # The test settings: the same database setup, without collected static files.
    deployment.env.update(
        DJANGO_ALLOWED_HOSTS="testserver", DJANGO_SETTINGS_MODULE="tests.settings"
    )
    try:
        deployment.set_up(static=False)
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT],
            cwd=ROOT,
            env={**deployment.env, "DJANGO_LOG_LEVEL": "WARNING"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        yield json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        drop_scratch_database(url)


def test_with_a_replica_configured_anonymous_pages_read_only_from_it(replica_run):
    page = replica_run["anonymous"]
    assert page["status"] == 200
    assert "AI-powered tutoring" in page["text"]
    assert page["replica"] > 0
    assert page["primary"] == 0


def test_with_a_replica_configured_signed_in_users_read_only_from_the_primary(replica_run):
    page = replica_run["signed_in"]
    assert page["status"] == 200
    assert page["primary"] > 0
    assert page["replica"] == 0


def test_the_health_check_covers_the_replica_too(replica_run):
    assert replica_run["health"]["databases"] == {"default": "ok", "replica": "ok"}
