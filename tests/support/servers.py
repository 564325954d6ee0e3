"""Real deployments for tests: a scratch database, gunicorn servers on the production settings,
and a small HTTP client that behaves like a browser behind the TLS-terminating proxy."""

import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import dj_database_url

from tests.support.caches import worker_redis_url

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
REDIS_URL = worker_redis_url(7)
PASSWORD = "correct horse battery staple"


def free_ports(count):
    """`count` distinct TCP ports free on 127.0.0.1 now: fixed ports would collide between
    pytest-xdist's workers. All are held open together, so none is handed out twice."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def free_port():
    [port] = free_ports(1)
    return port


def clean_environment(**env):
    """This process's environment without any of the portal's settings, plus `env`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "GUNICORN_"))
    }
    environment.update(env)
    return environment


def scratch_database_url(settings_dict, suffix, tmp_path):
    """A new, empty database next to the test database: PostgreSQL if the tests use it."""
    if settings_dict["ENGINE"].endswith("postgresql"):
        import psycopg2

        name = f"{settings_dict['NAME']}_{suffix}"
        params = {
            "host": settings_dict["HOST"] or "127.0.0.1",
            "port": settings_dict["PORT"] or 5432,
            "user": settings_dict["USER"],
            "password": settings_dict["PASSWORD"],
        }
        server = psycopg2.connect(dbname="postgres", **params)
        server.autocommit = True
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        server.close()
        auth = f"{params['user']}:{params['password'] or ''}@" if params["user"] else ""
        return f"postgres://{auth}{params['host']}:{params['port']}/{name}"
    return f"sqlite:///{tmp_path / f'{suffix}.sqlite3'}"


def drop_scratch_database(url):
    config = dj_database_url.parse(url)
    if not config["ENGINE"].endswith("postgresql"):
        return
    import psycopg2

    server = psycopg2.connect(
        dbname="postgres",
        host=config["HOST"],
        port=config["PORT"],
        user=config["USER"],
        password=config["PASSWORD"],
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
    server.close()


class Deployment:
    """What an operator sets up: a migrated, seeded database, static files, a superuser."""

    def __init__(self, database_url, static_root, redis_url=REDIS_URL):
        self.env = clean_environment(
            DJANGO_SETTINGS_MODULE="rtcportal.settings",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            DJANGO_STATIC_ROOT=str(static_root),
            PYTHONUNBUFFERED="1",
        )
        self.servers = []

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def set_up(self, static=True):
        self.manage("migrate", "--noinput")
        if static:
            self.manage("collectstatic", "--noinput")
        self.manage("load_public_record", "--meeting", "19")
        self.manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            f"User.objects.create_superuser('operator', 'op@example.org', '{PASSWORD}')",
        )

    def start(self, port, workers, log_path, access_log=False):
        """gunicorn on `port`; its access log is off unless asked for (the portal logs each
        request itself)."""
        log = open(log_path, "w")  # noqa: SIM115 - closed when the server stops
        process = subprocess.Popen(
            [str(GUNICORN), "rtcportal.wsgi", "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env={
                **self.env,
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_WORKERS": str(workers),
                "GUNICORN_ACCESS_LOG": "-" if access_log else "",
            },
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = Server(port, process, log, log_path)
        self.servers.append(server)
        server.wait_until_healthy()
        return server

    def stop(self):
        for server in self.servers:
            server.stop()


@contextmanager
def task_worker(deployment, log_path):
    """`manage.py db_worker` beside the servers, with the deployment's environment, for as
    long as the block runs."""
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-reload"],
            cwd=ROOT,
            env=deployment.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield worker
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()


class Server:
    def __init__(self, port, process, log, log_path):
        self.port = port
        self.process = process
        self.log = log
        self.log_path = log_path
        self.origin = f"https://127.0.0.1:{port}"

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_until_healthy(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, Path(self.log_path).read_text()
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn on {self.port} did not become healthy")

    def pid_that_served(self, request_id):
        """The worker process that logged this request id."""
        for line in Path(self.log_path).read_text().splitlines():
            if request_id in line and line.startswith("{"):
                entry = json.loads(line)
                if entry.get("request_id") == request_id and "status" in entry:
                    return entry["pid"]
        raise AssertionError(f"no log line for request {request_id}")

    @contextmanager
    def connection_held_by_a_worker(self):
        """An open connection that has sent nothing yet. The gunicorn sync worker that accepts
        it waits for its request and serves nothing else meanwhile, so while the block runs
        every other request goes to another worker. Connections are accepted in the order
        they arrive, so it is this one that a worker takes first."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.connect()
        try:
            yield connection
        finally:
            connection.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def read_through_both_workers(browser, server, path, expected):
    """Reads `path` once through each of the server's two workers; each read must show `expected`.

    Sequential reads may all be served by one worker (which one accepts is up to the kernel),
    so one worker is kept waiting on a connection while the other serves the first read."""
    with server.connection_held_by_a_worker() as held:
        pages = [browser.request(server, path)]
        pages.append(browser.request_over(held, server, path))
    for page in pages:
        assert page.status == 200
        assert expected in page.text, f"worker served a stale page: {page.heading()}"
    pids = {server.pid_that_served(page.request_id) for page in pages}
    assert len(pids) == 2, f"one worker, {pids}, served both reads"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies and CSRF as a browser keeps them, over the proxy's X-Forwarded-Proto: https.

    The cookies are Secure and __Host- prefixed (production settings), so this jar sends them
    to any of the servers, as a browser does to one host behind a load balancer.
    """

    def __init__(self, timeout=10):
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)
        self.timeout = timeout

    def request(self, server, path, data=None):
        request_id = uuid.uuid4().hex
        headers, body = self.headers_and_body(server, request_id, data)
        request = urllib.request.Request(server.url(path), data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            return self.page(response, request_id)

    def request_over(self, connection, server, path):
        """GET `path` over an `http.client` connection opened beforehand (see
        `Server.connection_held_by_a_worker`)."""
        request_id = uuid.uuid4().hex
        headers, _ = self.headers_and_body(server, request_id)
        connection.request("GET", path, headers=headers)
        with connection.getresponse() as response:
            return self.page(response, request_id)

    def headers_and_body(self, server, request_id, data=None):
        headers = {"X-Forwarded-Proto": "https", "X-Request-ID": request_id}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Origin"] = server.origin
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers, body

    def page(self, response, request_id):
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in header.lower() or not value.strip('"'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return Page(response.status, dict(response.headers), text, request_id)

    def log_in(self, server):
        form = self.request(server, "/admin/login/").form()
        form.update(username="operator", password=PASSWORD)
        page = self.request(server, "/admin/login/", form)
        assert page.status == 302, page.text
        assert "__Host-sessionid" in self.cookies
        return page


class Page:
    def __init__(self, status, headers, text, request_id):
        self.status = status
        self.headers = headers
        self.text = text
        self.request_id = request_id

    def form(self):
        parser = FormParser()
        parser.feed(self.text)
        return parser.data

    def heading(self):
        match = re.search(r"<h1[^>]*>(.*?)</h1>", self.text, re.S)
        return match.group(1).strip() if match else ""


class FormParser(HTMLParser):
    """The values a browser would submit for the page's main form (first form with a CSRF field)."""

    def __init__(self):
        super().__init__()
        self.data = {}
        self.select = None
        self.textarea = None

    def add(self, name, value):
        self.data.setdefault(name, [])
        self.data[name].append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                self.add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.add(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            # As in a browser, the newline right after <textarea> is not part of the value.
            if not self.data[self.textarea][-1]:
                data = data.removeprefix("\n")
            self.data[self.textarea][-1] += data
