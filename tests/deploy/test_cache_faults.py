"""Faults with real servers: two gunicorn servers (two workers each) over one database and a
Redis of their own that the tests stop, pause, fill and restart. Whatever Redis does, public
pages, sign-in and admin saves never answer 500, and no page is stale once it is back."""

import os
import shutil
import signal
import subprocess
import time

import pytest

from rtcportal.cache import RETRY_SECONDS
from tests.support.servers import (
    Browser,
    Deployment,
    drop_scratch_database,
    free_port,
    free_ports,
    read_through_both_workers,
    scratch_database_url,
)

INITIATIVE = "/initiatives/japan-rtc-ai-tutoring-and-qa/"
PUBLIC_PAGES = [
    "/",
    "/meetings/",
    "/meetings/19th-rtc-heads-meeting/",
    "/rtcs/",
    "/rtcs/japan-rtc/",
    "/initiatives/",
    "/initiatives/?rtc=japan-rtc",
    INITIATIVE,
    "/administrations/",
    "/search/?q=training",
]


class Redis:
    """A Redis server without persistence, that a test may stop, pause or fill, on a free port
    (pytest-xdist's workers may each start one)."""

    def __init__(self):
        self.process = None
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not self.answers():
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)

    def answers(self):
        import redis

        try:
            return self.client().ping()
        except redis.RedisError:
            return False

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=2)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_server():
    if not shutil.which("redis-server"):
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing (CI must run the cache fault tests)")
        pytest.skip("redis-server is missing: apt-get install redis-server")
    server = Redis()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, tmp_path_factory, redis_server):
    from django.db import connection

    tmp_path = tmp_path_factory.mktemp("faults")
    with django_db_blocker.unblock():
        url = scratch_database_url(connection.settings_dict, "faults", tmp_path)
    deployment = Deployment(url, tmp_path / "static", redis_url=redis_server.url)
    deployment.env["REDIS_TIMEOUT_SECONDS"] = "0.2"
    try:
        deployment.set_up()
        yield [
            deployment.start(port, workers=2, log_path=tmp_path / f"gunicorn-{port}.log")
            for port in free_ports(2)
        ]
    finally:
        deployment.stop()
        drop_scratch_database(url)


@pytest.fixture(autouse=True)
def redis_as_deployed(redis_server):
    """Each test starts with Redis running and without a memory cap, whatever fault the test
    before it left (they run in any order), and with the workers past the back-off that a
    fault starts (rtcportal.cache.RETRY_SECONDS), so that they use Redis again."""
    if not redis_server.answers():
        redis_server.start()
    redis_server.client().config_set("maxmemory", 0)
    time.sleep(RETRY_SECONDS + 1)


def read_everything(servers, rounds=3):
    """Every public page from both servers, several times so that every worker answers."""
    visitor = Browser()
    statuses = []
    for _ in range(rounds):
        for server in servers:
            for path in PUBLIC_PAGES:
                statuses.append((server.port, path, visitor.request(server, path).status))
    return [status for status in statuses if status[2] != 200]


def change_path(server, editor):
    """The admin address of the initiative, found by its slug (its title changes here)."""
    listing = editor.request(server, "/admin/initiatives/initiative/?q=japan-rtc-ai-tutoring")
    assert listing.status == 200
    return next(
        line.split('href="', 1)[1].split('"', 1)[0]
        for line in listing.text.splitlines()
        if 'href="/admin/initiatives/initiative/' in line and "/change/" in line
    )


def save_title(server, title):
    """Sign in and save the initiative's title in the admin, as the secretariat would."""
    editor = Browser()
    editor.log_in(server)
    path = change_path(server, editor)
    form = editor.request(server, path).form()
    form["title"] = [title]
    saved = editor.request(server, path, form)
    assert saved.status == 302, saved.text[:2000]


def assert_every_worker_shows(servers, title):
    visitor = Browser()
    for server in servers:
        read_through_both_workers(visitor, server, INITIATIVE, title)


def test_with_redis_stopped_pages_sign_in_and_saves_work(servers, redis_server):
    assert read_everything(servers) == []
    assert redis_server.client().keys("rtcportal:*page:*"), "nothing was cached to begin with"
    redis_server.stop()
    assert read_everything(servers) == []
    save_title(servers[1], "Saved while Redis was stopped")
    assert_every_worker_shows(servers, "Saved while Redis was stopped")
    health = Browser().request(servers[0], "/healthz")
    assert health.status == 200
    assert '"cache": "unavailable"' in health.text


def test_after_a_restart_no_page_is_stale(servers, redis_server):
    assert read_everything(servers) == []
    redis_server.stop()
    save_title(servers[1], "Saved before the restart")
    redis_server.start()
    assert read_everything(servers) == []
    assert_every_worker_shows(servers, "Saved before the restart")
    save_title(servers[0], "Saved after the restart")
    assert_every_worker_shows(servers, "Saved after the restart")


def test_a_write_while_redis_hangs_is_not_hidden_by_its_old_pages(servers, redis_server):
    """Redis paused (a partition), not restarted: it comes back with every old page."""
    assert read_everything(servers, rounds=2) == []
    os.kill(redis_server.process.pid, signal.SIGSTOP)
    try:
        save_title(servers[1], "Saved while Redis hung")
    finally:
        os.kill(redis_server.process.pid, signal.SIGCONT)
    time.sleep(RETRY_SECONDS + 1)  # past the workers' back-off after a failure
    assert_every_worker_shows(servers, "Saved while Redis hung")
    assert read_everything(servers) == []


def test_a_full_redis_that_refuses_writes_breaks_nothing(servers, redis_server):
    client = redis_server.client()
    client.config_set("maxmemory-policy", "noeviction")
    client.config_set("maxmemory", client.info("memory")["used_memory"] + 64 * 1024)
    import redis

    filler = "x" * 10_000
    for number in range(1000):
        try:
            client.set(f"filler-{number}", filler)
        except redis.ResponseError:  # OOM: the cap is reached
            break
    try:
        assert read_everything(servers) == []
        save_title(servers[0], "Saved while Redis was full")
        assert_every_worker_shows(servers, "Saved while Redis was full")
    finally:
        client.config_set("maxmemory", 0)
