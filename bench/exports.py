"""Full exports at once while a visitor reads the home page, against the portal as deployed.

    DATABASE_URL=postgres://... python bench/exports.py [--downloads 3] [--workers 3]

Starts gunicorn with gunicorn.conf.py and the production settings (bench/settings.py) on
127.0.0.1, with the page cache over Redis (REDIS_URL, default db 8, flushed first), and the
task worker (`manage.py db_worker`) beside it, sharing a scratch media folder. Then:

1. alone: each export once, one after another; a 503 is retried after its Retry-After, so
   the time includes the task worker making the file where the portal makes files;
2. at once: --downloads full exports started together (CSV, JSON, CSV...), each retried after
   Retry-After when answered 503, while the home page is read every --interval seconds until
   every download has ended.

A download counts as complete only if it parses and holds every published initiative
(CSV rows, JSON records). The home page is read from a process of its own, so its times are
the server's, not this process's threads parsing the downloads. Prints a Markdown table of
the downloads and one line for the home page (reads, median, 95th percentile, slowest). wrk is
not used: the point is how long one visitor waits while the exports run. --media keeps the
files in a folder of your choosing, so a second run finds them made.
"""

import argparse
import csv
import gzip
import io
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import BIN, server_environment, start  # noqa: E402

EXPORTS = ["/initiatives/export.csv", "/initiatives/export.json"]


def get(port, path, timeout):
    """(status, body decoded from its coding, headers, error) for a browser-like GET."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return response.status, body, response.headers, None
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers, None
    except Exception as error:  # a connection cut short, a timeout: the download failed
        return None, b"", {}, f"{type(error).__name__}: {error}"


def records_in(path, body):
    """How many initiatives the export holds, or None when it does not parse."""
    try:
        if path.endswith(".json"):
            return len(json.loads(body)["initiatives"])
        return sum(1 for _ in csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    except Exception:
        return None


def download(port, path, timeout, patience):
    """Fetch `path` until it is not a 503 (waiting as Retry-After says), within `patience` s."""
    began = time.monotonic()
    retries = 0
    while True:
        status, body, headers, error = get(port, path, timeout)
        if status == 503 and time.monotonic() - began < patience:
            retries += 1
            time.sleep(int(headers.get("Retry-After", "5")))
            continue
        return {
            "path": path,
            "status": status,
            "bytes": len(body),
            "records": records_in(path, body) if status == 200 else None,
            "seconds": time.monotonic() - began,
            "retries": retries,
            "error": error,
        }


def read_home(port, interval, timeout, stop, out):
    """Read the home page every `interval` s until `stop` is set; put [(s, status, error)]."""
    reads = []
    while not stop.is_set():
        began = time.monotonic()
        status, _, _, error = get(port, "/", timeout)
        reads.append((time.monotonic() - began, status, error))
        time.sleep(interval)
    out.put(reads)


def published_initiatives():
    import django

    django.setup()
    from initiatives.models import Initiative

    return Initiative.objects.published().count()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/8")
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--downloads", type=int, default=3, help="full exports at once")
    parser.add_argument("--interval", type=float, default=0.25, help="s between home reads")
    parser.add_argument("--timeout", type=float, default=300, help="s a request may take")
    parser.add_argument("--patience", type=float, default=900, help="s of 503s a download takes")
    parser.add_argument("--port", type=int, default=8690)
    parser.add_argument("--quiet", action="store_true", help="no per-request logs")
    parser.add_argument("--media", help="the media folder (default: a new, empty one)")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="rtc-bench-exports-"))
    env = server_environment(args, scratch / "static", cache=True)
    env["DJANGO_MEDIA_ROOT"] = args.media or str(scratch / "media")
    os.environ.update({k: v for k, v in env.items() if k.startswith("DJANGO_")})
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    published = published_initiatives()
    with open(scratch / "servers.log", "w") as log:
        server = start("rtcportal.wsgi", args.port, env, log)
        worker = subprocess.Popen(
            [str(BIN / "python"), "manage.py", "db_worker", "--interval", "0.5", "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            alone = [download(args.port, path, args.timeout, args.patience) for path in EXPORTS]
            paths = [EXPORTS[number % len(EXPORTS)] for number in range(args.downloads)]
            results = [None] * len(paths)

            def run(number):
                results[number] = download(args.port, paths[number], args.timeout, args.patience)

            threads = [threading.Thread(target=run, args=(n,)) for n in range(len(paths))]
            spawn = multiprocessing.get_context("spawn")
            stop, out = spawn.Event(), spawn.Queue()
            reader = spawn.Process(
                target=read_home, args=(args.port, args.interval, args.timeout, stop, out)
            )
            reader.start()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            stop.set()
            home = out.get()
            reader.join()
        finally:
            for process in (worker, server):
                process.terminate()
                process.wait(timeout=30)

    def row(label, result):
        complete = result["records"] == published
        note = result["error"] or ""
        return (
            f"| {label} | `{result['path']}` | {result['status']} | {result['bytes']:,} "
            f"| {'yes' if complete else 'NO'} | {result['seconds']:.1f} | {result['retries']} "
            f"| {note} |"
        )

    print(
        f"\n{published:,} published initiatives; gunicorn {args.workers} workers "
        f"(gunicorn.conf.py), page cache over Redis, one task worker; {os.cpu_count()} CPUs; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end\n"
    )
    print(
        "| download | address | status | bytes (uncompressed) | complete | s | 503s waited "
        "| error |"
    )
    print("| --- | --- | ---: | ---: | --- | ---: | ---: | --- |")
    for result in alone:
        print(row("alone", result))
    for number, result in enumerate(results, 1):
        print(row(f"at once, {number} of {len(results)}", result))
    times = sorted(seconds for seconds, _, _ in home)
    failed = sum(1 for _, status, _ in home if status != 200)
    p95 = times[max(0, round(len(times) * 0.95) - 1)]
    # The first read renders the page (Redis was flushed at the start, as after a change to
    # content); every later one is the page cache's, unless the content changed meanwhile.
    later = sorted(seconds for seconds, _, _ in home[1:]) or [0]
    print(
        f"\nHome page during the downloads: {len(home)} reads, {failed} not 200; median "
        f"{statistics.median(times) * 1000:,.0f} ms, 95th percentile {p95 * 1000:,.0f} ms, "
        f"slowest {times[-1] * 1000:,.0f} ms; the first read (rendered, the page cache empty) "
        f"{home[0][0] * 1000:,.0f} ms, the slowest after it {later[-1] * 1000:,.0f} ms."
    )


if __name__ == "__main__":
    main()
