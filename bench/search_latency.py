"""Search latency on PostgreSQL with 10,000 and 100,000 generated initiatives.

Self-contained: it (re)creates its own database (rtc_search_bench by default), migrates it,
generates reproducible initiatives and times real requests through Django's test client
(URL routing, the FilterSet, the search queryset, pagination and template rendering; no
network), for the initiatives list (/initiatives/?q=) and the site-wide search (/search/?q=),
and the database work of a list search alone (the count and the first page of 20, ranked).

    .venv/bin/python bench/search_latency.py                       # 10,000 then 100,000
    .venv/bin/python bench/search_latency.py --sizes 10000 --rounds 5
    BENCH_DATABASE_URL=postgres://user@host:5432/rtc_search_bench .venv/bin/python bench/...
    .venv/bin/python bench/search_latency.py --reuse --rounds 3    # the database left as it is

Two checkouts timing the same database with `--reuse` at the same time compare two commits under
the same load, which a shared machine's drift otherwise hides.

It drops and recreates the benchmark database: never point it at a database you want to keep.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/rtc_search_bench"

# Queries people would type, from rare to very common words in the generated text.
QUERIES = {
    "rare word": ["drones", "blockchain", "hovercraft"],
    "medium word": ["valuation", "mentoring", "vr"],
    "common word": ["training", "customs"],
    "two words": ["risk management", "mobile learning"],
    "phrase": ['"post clearance audit"'],
}
# (word, how many initiatives in a thousand mention it), for the words queried above.
PLANTED = {
    "drones": 1,
    "blockchain": 2,
    "hovercraft": 1,
    "valuation": 30,
    "mentoring": 30,
    "VR": 30,
    "risk management": 20,
    "mobile learning": 20,
    "post clearance audit": 5,
}
FILLER = [
    "training",
    "customs",
    "officers",
    "learners",
    "course",
    "module",
    "programme",
    "regional",
    "national",
    "cooperation",
    "capacity",
    "building",
    "border",
    "inspection",
    "tariff",
    "origin",
    "cargo",
    "passenger",
    "excise",
    "enforcement",
    "integrity",
    "leadership",
    "classroom",
    "workshop",
    "seminar",
    "online",
    "platform",
    "curriculum",
    "assessment",
    "certificate",
    "webinar",
    "trainer",
    "trainee",
    "simulation",
    "practical",
    "exercise",
    "case",
    "study",
    "partner",
    "university",
    "network",
    "resources",
    "materials",
    "quality",
    "development",
    "strategy",
    "digital",
    "remote",
    "distance",
    "learning",
    "administration",
    "compliance",
    "trade",
    "facilitation",
    "data",
    "analysis",
    "intelligence",
    "targeting",
]


def setup_django(url, recreate=True):
    if recreate:
        recreate_database(url)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DATABASE_URL"] = url
    # The production settings, with static files served without collectstatic (as in tests).
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    if recreate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def recreate_database(url):
    parsed = urlparse(url)
    import psycopg2

    admin = psycopg2.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
    )
    admin.autocommit = True
    name = parsed.path.lstrip("/")
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def sentence(rng, words):
    return " ".join(rng.choice(FILLER) for _ in range(words))


def generate(start, stop, rng, rtcs, meetings, categories):
    """Initiatives numbered start..stop-1, in batches, with planted words at known rates."""
    from initiatives.models import Initiative
    from meetings.models import Status

    link = Initiative.categories.through
    batch = 5_000
    for first in range(start, stop, batch):
        records = []
        for number in range(first, min(first + batch, stop)):
            planted = [word for word, rate in PLANTED.items() if rng.random() < rate / 1000]
            description = sentence(rng, rng.randint(60, 120))
            summary = sentence(rng, rng.randint(15, 25))
            if planted:
                summary = f"{summary} {' '.join(planted)}"
            records.append(
                Initiative(
                    rtc=rtcs[number % len(rtcs)],
                    meeting=meetings[number % len(meetings)],
                    title=f"{sentence(rng, rng.randint(3, 7)).capitalize()} {number}",
                    slug=f"bench-{number}",
                    summary=summary[:500],
                    description=description,
                    status=Status.PUBLISHED,
                )
            )
        created = Initiative.objects.bulk_create(records)
        link.objects.bulk_create(
            link(initiative_id=initiative.pk, category_id=rng.choice(categories).pk)
            for initiative in created
        )


def make_reference_data():
    from bench.records import published_bodies
    from initiatives.models import RTC, Category
    from meetings.models import Body, Meeting, Status

    bodies = published_bodies(
        "Administration", "administration", Body.Kind.CUSTOMS_ADMINISTRATION, 40
    )
    rtcs = RTC.objects.bulk_create(
        RTC(name=f"RTC {n}", slug=f"rtc-{n}", host=body, status=Status.PUBLISHED)
        for n, body in enumerate(bodies)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            number=n,
            title=f"{n}th RTC Heads Meeting",
            slug=f"{n}th-rtc-heads-meeting",
            start_date=datetime.date(2000 + n, 10, 1),
            end_date=datetime.date(2000 + n, 10, 2),
            status=Status.PUBLISHED,
        )
        for n in range(1, 26)
    )
    categories = Category.objects.bulk_create(
        Category(name=f"Category {n}", slug=f"category-{n}", status=Status.PUBLISHED)
        for n in range(10)
    )
    return rtcs, meetings, categories


def analyze():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def search_query(query):
    """What the list page asks the database for a search: the count and the first page."""
    from initiatives.models import Initiative

    searched = Initiative.objects.published().search(query).with_related()
    return searched.count(), list(searched[:20])


def measure(rounds):
    """{(page, query kind): [seconds]} over `rounds` rounds, after one warm-up round.

    "query" is the database work alone (search_query); "list" and "site" are whole pages.
    """
    from django.test import Client

    client = Client()
    pages = {"list": "/initiatives/", "site": "/search/"}
    timings = {}
    for round_number in range(rounds + 1):
        for kind, queries in QUERIES.items():
            for query in queries:
                started = time.perf_counter()
                search_query(query)
                if round_number:
                    timings.setdefault(("query", kind), []).append(time.perf_counter() - started)
        for page, path in pages.items():
            for kind, queries in QUERIES.items():
                for query in queries:
                    started = time.perf_counter()
                    response = client.get(path, {"q": query})
                    elapsed = time.perf_counter() - started
                    assert response.status_code == 200, (path, query, response.status_code)
                    if round_number:
                        timings.setdefault((page, kind), []).append(elapsed)
    return timings


def report(size, timings):
    from initiatives.models import Initiative

    counts = {
        query: Initiative.objects.published().search(query).count()
        for queries in QUERIES.values()
        for query in queries
    }
    print(f"\n{size:,} initiatives — milliseconds per request (median / p95), matches per query")
    print(f"{'page':<6} {'query kind':<12} {'median':>8} {'p95':>8}  matches")
    everything = {"query": [], "list": [], "site": []}
    for (page, kind), values in timings.items():
        everything[page] += values
        matches = ", ".join(f"{q} {counts[q]:,}" for q in QUERIES[kind])
        print(
            f"{page:<6} {kind:<12} {statistics.median(values) * 1000:8.1f} "
            f"{percentile(values, 0.95) * 1000:8.1f}  {matches}"
        )
    for page, values in everything.items():
        print(
            f"{page:<6} {'ALL':<12} {statistics.median(values) * 1000:8.1f} "
            f"{percentile(values, 0.95) * 1000:8.1f}  ({len(values)} requests)"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over all queries")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the database a previous run left, as it is: two checkouts run at the same "
        "time compare two commits under the same load",
    )
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    setup_django(url, recreate=not args.reuse)
    if args.reuse:
        from initiatives.models import Initiative

        report(Initiative.objects.count(), measure(args.rounds))
        return
    rng = random.Random(args.seed)
    rtcs, meetings, categories = make_reference_data()
    have = 0
    for size in sorted(args.sizes):
        started = time.perf_counter()
        generate(have, size, rng, rtcs, meetings, categories)
        have = size
        analyze()
        print(f"generated {size:,} initiatives in {time.perf_counter() - started:.0f} s")
        report(size, measure(args.rounds))


if __name__ == "__main__":
    main()
