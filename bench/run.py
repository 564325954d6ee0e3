"""Serve the portal with gunicorn on 127.0.0.1, load each page type with wrk, print one table.

    DATABASE_URL=postgres://... python bench/run.py [--duration 10]

Three servers run with the same gunicorn.conf.py and worker count: the portal with the page
cache off (production settings plus one trivial view, bench/settings.py), the same portal with
the page cache and validators on over Redis (REDIS_URL, default redis://127.0.0.1:6379/8), and a
raw WSGI app (bench/rawwsgi.py). Each page type is loaded uncached, cached, and as a 304 (wrk
sending the page's ETag in If-None-Match), every request with `Accept-Encoding: gzip, br`; each
throughput is shown as a ratio of the trivial Django view on the same server, measured just
before and after that column's pages (a 304 run that got full pages is flagged). The table
also gives the bytes on the wire, the uncompressed size, and the in-process cost (median of
--repeats requests through the test client, page cache off; the first request after a write,
which counts afresh, in brackets).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Headers of a 304 are well under this; a page of any type is well over.
NOT_MODIFIED_BYTES = 1500
BIN = Path(sys.executable).parent


def server_environment(args, static_root, cache):
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
        DJANGO_PAGE_CACHE_SECONDS="600" if cache else "0",
        # wrk is one client: the API's rate limit per client would answer it 429.
        DJANGO_API_RATE="100000000/minute",
    )
    if cache:
        # Redis also gives the validators (ETag, 304) a generation every worker shares.
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


def fetch(port, path, timeout=300, headers=None):
    """(body as sent, response headers) for a GET as a browser behind the TLS proxy sends it;
    urllib never decodes a content coding, so the body is the bytes on the wire."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https", **(headers or {})}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        assert response.status == 200, (path, response.status)
        return response.read(), response.headers


def wrk(port, path, args, seconds=None, headers=()):
    result = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{seconds or args.duration}s",
            "--timeout=10s",
            "-s",
            str(ROOT / "bench" / "report.lua"),
            *(option for header in headers for option in ("-H", header)),
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
        # Parameters in order of name: the page cache stores only canonical addresses.
        "initiatives, filtered": f"/initiatives/?category={category.slug}&rtc={rtc.slug}",
        "initiative detail": middle.get_absolute_url(),
        "meeting detail": meeting.get_absolute_url(),
        "search": f"/initiatives/?q={word}+{middle.title.split()[1].lower()}",
        "RTC detail": rtc.get_absolute_url(),
        "RTC matrix": "/rtcs/matrix/",
        "attendance": "/administrations/attendance/",
        "discussion points": "/discussion-points/challenges/",
        "calendar (ICS)": "/meetings/calendar.ics",
        # The read API, beside the pages that show the same records.
        "API initiatives, filtered": f"/api/v1/initiatives/?category={category.slug}"
        f"&rtc={rtc.slug}",
        "API initiative detail": f"/api/v1/initiatives/{middle.pk}/",
        "API meeting detail": f"/api/v1/meetings/{meeting.pk}/",
        "API search": f"/api/v1/initiatives/?q={word}+{middle.title.split()[1].lower()}",
        "API meetings": "/api/v1/meetings/",
    }, published.count()


def in_process(urls, repeats):
    """Per page: (SQL queries, median ms) of a request served in this process by the test
    client, page cache off, after one warming request (so the counts remembered per content
    generation are what a page after the first costs; the first is shown apart)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.counts import advance

    client = Client(headers={"X-Forwarded-Proto": "https"})
    costs = {}
    for name, url in urls.items():
        advance()  # a new content generation: the first request counts afresh
        started = time.perf_counter()
        response = client.get(url)
        first = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        costs[name] = {
            "queries": len(queries),
            "median_ms": statistics.median(times),
            "first_ms": first,
            "uncompressed": len(response.content),
        }
    return costs


def measure(targets, args, headers=()):
    """wrk results for each (name, port, url), after a warm-up of each."""
    results = {}
    for name, port, url in targets:
        wrk(port, url, args, seconds=args.warmup, headers=headers)
        # gunicorn still works through what the warm-up left queued; one request waits
        # behind it, so the measured run starts on an idle server.
        fetch(port, url)
        results[name] = {**wrk(port, url, args, headers=headers), "url": url}
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/8")
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of load before each")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers, for all")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=15, help="in-process requests per page")
    parser.add_argument(
        "--port", type=int, default=8680, help="the portal; the raw app +1, the cached portal +2"
    )
    parser.add_argument("--quiet", action="store_true", help="no per-request logs")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    load_before = os.getloadavg()
    static_root = Path(tempfile.mkdtemp(prefix="rtc-bench-static-"))
    uncached_env = server_environment(args, static_root, cache=False)
    cached_env = server_environment(args, static_root, cache=True)
    os.environ.update({k: v for k, v in uncached_env.items() if k.startswith("DJANGO_")})
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"  # this process only measures in-process costs
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=uncached_env,
        check=True,
    )
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    urls, published = pages()
    costs = in_process(urls, args.repeats)
    portal, raw, cached = args.port, args.port + 1, args.port + 2
    with open(static_root / "servers.log", "w") as log:
        servers = [
            start("rtcportal.wsgi", portal, uncached_env, log),
            start("bench.rawwsgi", raw, uncached_env, log),
            start("rtcportal.wsgi", cached, cached_env, log),
        ]
        try:
            wire, etags = {}, {}
            for name, url in urls.items():
                body, headers = fetch(cached, url, headers={"Accept-Encoding": "gzip, br"})
                wire[name] = (len(body), headers.get("Content-Encoding", "identity"))
                etags[name] = headers.get("ETag")
                assert etags[name], f"{url} has no ETag: are the validators on?"
            # The trivial view is measured on the server each group of pages ran on, right
            # before and after that group, and each ratio uses the mean of those two: on a
            # shared virtual machine the capacity drifts by a fifth within minutes.
            ceiling_runs = []

            def ceilings():
                runs = measure(
                    [
                        ("raw WSGI ceiling", raw, "/"),
                        ("Django ceiling", portal, "/bench/ceiling/"),
                        ("Django ceiling, cached server", cached, "/bench/ceiling/"),
                    ],
                    args,
                )
                ceiling_runs.append(runs)

            ceilings()
            uncached_runs = measure([(n, portal, u) for n, u in urls.items()], args)
            ceilings()
            cached_runs = measure([(n, cached, u) for n, u in urls.items()], args)
            ceilings()
            not_modified = {}
            for name, url in urls.items():
                run = measure(
                    [(name, cached, url)], args, headers=[f"If-None-Match: {etags[name]}"]
                )
                not_modified[name] = run[name]
            ceilings()
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)
    load_after = os.getloadavg()

    def around(group, name):
        """The mean throughput of the ceiling `name` just before and just after `group`."""
        return (ceiling_runs[group][name]["rps"] + ceiling_runs[group + 1][name]["rps"]) / 2

    for name in ceiling_runs[0]:
        figures = ", ".join(f"{runs[name]['rps']:,.0f}" for runs in ceiling_runs)
        print(f"{name}: {figures} req/s (before the uncached pages, the cached, the 304s, after)")
    uncached_ceiling = around(0, "Django ceiling")
    cached_ceiling = around(1, "Django ceiling, cached server")
    not_modified_ceiling = around(2, "Django ceiling, cached server")
    django_rps = statistics.mean(runs["Django ceiling"]["rps"] for runs in ceiling_runs)
    raw_rps = statistics.mean(runs["raw WSGI ceiling"]["rps"] for runs in ceiling_runs)
    from django.db import connection

    print(
        f"\n{published:,} published initiatives on {connection.vendor}; gunicorn {args.workers} "
        f"workers; wrk -t{args.threads} -c{args.connections} -d{args.duration}s; "
        f"load average {' '.join(f'{x:.2f}' for x in load_before)} before, "
        f"{' '.join(f'{x:.2f}' for x in load_after)} after; {os.cpu_count()} CPUs\n"
    )
    print(
        "| page | uncached ÷ Django | cached ÷ Django | 304 ÷ Django | uncached req/s (p95 ms) "
        "| bytes on the wire | uncompressed | in-process median ms (first) | SQL/req |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in urls:
        uncached_run, cached_run, nm = uncached_runs[name], cached_runs[name], not_modified[name]
        errors = sum(r["non_2xx"] + r["socket_errors"] for r in (uncached_run, cached_run, nm))
        flag = f" ({errors} errors)" if errors else ""
        # A 304 is headers only; more bytes a response means the ETag did not match.
        if nm["bytes"] / max(nm["requests"], 1) > NOT_MODIFIED_BYTES:
            flag += " (the 304 run got full pages)"
        size, coding = wire[name]
        cost = costs[name]
        print(
            f"| {name}{flag} | {uncached_run['rps'] / uncached_ceiling:.2f} "
            f"| {cached_run['rps'] / cached_ceiling:.2f} | {nm['rps'] / not_modified_ceiling:.2f} "
            f"| {uncached_run['rps']:,.0f} ({uncached_run['p95_us'] / 1000:.0f}) "
            f"| {size:,} ({coding}) | {cost['uncompressed']:,} "
            f"| {cost['median_ms']:.1f} ({cost['first_ms']:.0f}) | {cost['queries']} |"
        )
    print(
        f"\nDjango ceiling {django_rps:,.0f} req/s on average; raw WSGI ceiling {raw_rps:,.0f}. "
        f"Each ratio divides by the trivial view on the same server just before and after its "
        f"column: {uncached_ceiling:,.0f} (uncached), {cached_ceiling:,.0f} (cached), "
        f"{not_modified_ceiling:,.0f} (304)."
    )
    for name, url in urls.items():
        print(f"- {name}: `{url}`")


if __name__ == "__main__":
    main()
