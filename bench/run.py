"""Serve the portal with gunicorn on 127.0.0.1, load each page type with wrk, print a table.

    DATABASE_URL=postgres://... python bench/run.py [--cache] [--duration 10]

Every server runs with the same gunicorn.conf.py and worker count: the portal (production
settings plus one trivial view, bench/settings.py) and a raw WSGI app (bench/rawwsgi.py).
Each page's throughput is shown as a ratio of both ceilings. With --cache, the anonymous page
cache is on, over Redis (REDIS_URL, default redis://127.0.0.1:6379/8).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def server_environment(args, static_root):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,testserver",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_LOG_LEVEL="WARNING" if args.quiet else "INFO",
        GUNICORN_WORKERS=str(args.workers),
        GUNICORN_ACCESS_LOG="" if args.quiet else "-",
        DJANGO_PAGE_CACHE_SECONDS="600" if args.cache else "0",
    )
    if args.cache:
        env["REDIS_URL"] = args.redis_url
    return env


def start(app, port, env, log):
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), app, "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except urllib.error.HTTPError:
            return process  # the raw app answers anything, the portal /healthz
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn {app} did not start on port {port}")


def fetch(port, path, timeout=300):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        assert response.status == 200, (path, response.status)
        return response.read()


def wrk(port, path, args, seconds=None):
    result = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{seconds or args.duration}s",
            "--timeout=10s",
            "-s",
            str(ROOT / "bench" / "report.lua"),
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=(seconds or args.duration) + 30,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    data = json.loads(line.removeprefix("RESULT "))
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def pages():
    """One address per page type, chosen from the generated data."""
    import django

    django.setup()
    from initiatives.models import RTC, Category, Initiative
    from meetings.models import Meeting

    published = Initiative.objects.published()
    middle = published.order_by("pk")[published.count() // 2]
    rtc = RTC.objects.published().order_by("pk").first()
    category = Category.objects.published().order_by("pk").first()
    meeting = Meeting.objects.published().order_by("-start_date")[1]
    word = middle.title.split()[0].lower()
    return {
        "home": "/",
        "initiatives, filtered": f"/initiatives/?rtc={rtc.slug}&category={category.slug}",
        "initiative detail": middle.get_absolute_url(),
        "meeting detail": meeting.get_absolute_url(),
        "search": f"/initiatives/?q={word}+{middle.title.split()[1].lower()}",
    }, published.count()


def sql_queries(urls):
    """Queries one request makes, counted in-process on the same database and settings."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"X-Forwarded-Proto": "https"})
    counts = {}
    for name, url in urls.items():
        client.get(url)  # a cache fill, when the cache is on; then count a repeat
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = len(queries)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", action="store_true", help="switch the page cache on (Redis)")
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/8")
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of load before each")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers, for all")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8680, help="the portal; the raw app +1")
    parser.add_argument("--quiet", action="store_true", help="no per-request logs")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    static_root = Path(tempfile.mkdtemp(prefix="rtc-bench-static-"))
    env = server_environment(args, static_root)
    os.environ.update({k: v for k, v in env.items() if k.startswith(("DJANGO_", "REDIS_"))})
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"  # this process only counts queries
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    if args.cache:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
    urls, published = pages()
    queries = sql_queries(urls)
    with open(static_root / "servers.log", "w") as log:
        servers = [
            start("rtcportal.wsgi", args.port, env, log),
            start("bench.rawwsgi", args.port + 1, env, log),
        ]
        try:
            results = {}
            ceilings = [
                ("raw WSGI ceiling", args.port + 1, "/"),
                ("Django ceiling", args.port, "/bench/ceiling/"),
            ]
            # The ceilings are measured before and after the pages, and averaged: on a shared
            # machine the load of other processes drifts during a run.
            targets = [
                *ceilings,
                *((name, args.port, url) for name, url in urls.items()),
                *((f"{name} (again)", port, url) for name, port, url in ceilings),
            ]
            for name, port, url in targets:
                size = len(fetch(port, url))
                wrk(port, url, args, seconds=args.warmup)
                # gunicorn still works through what the warm-up left queued; one request
                # waits behind it, so the measured run starts on an idle server.
                fetch(port, url)
                results[name] = {**wrk(port, url, args), "size": size, "url": url}
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)

    for name, _, _ in ceilings:
        again = results.pop(f"{name} (again)")
        print(
            f"{name}: {results[name]['rps']:,.0f} req/s before the pages, "
            f"{again['rps']:,.0f} after; the ratios use the mean"
        )
        results[name]["rps"] = (results[name]["rps"] + again["rps"]) / 2
    raw = results["raw WSGI ceiling"]["rps"]
    django_ceiling = results["Django ceiling"]["rps"]
    from django.db import connection

    print(
        f"\n{published:,} published initiatives on {connection.vendor}, "
        f"page cache {'on (Redis)' if args.cache else 'off'}, gunicorn {args.workers} workers, "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s\n"
    )
    print("| page | req/s | median ms | p95 ms | non-2xx | SQL/req | bytes | ÷ raw | ÷ Django |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, result in results.items():
        print(
            f"| {name} | {result['rps']:,.0f} | {result['p50_us'] / 1000:.1f} "
            f"| {result['p95_us'] / 1000:.1f} | {result['non_2xx'] + result['socket_errors']} "
            f"| {queries.get(name, '-')} | {result['size']:,} "
            f"| {result['rps'] / raw:.2f} | {result['rps'] / django_ceiling:.2f} |"
        )
    print()
    for name, url in urls.items():
        print(f"- {name}: `{url}`")


if __name__ == "__main__":
    main()
