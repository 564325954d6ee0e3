"""Fill the database with N initiatives and what goes with them, in realistic proportions.

    DATABASE_URL=postgres://... python bench/generate.py 100000

Proportions, from the 19th meeting scaled up: about 50 initiatives per meeting, 500 per RTC
over the years, one to three kinds of delivery each, a partner for one in three; each meeting
with 15 participations, 8 interventions and 12 discussion points; 1 in 20 records a draft.
Everything goes in with bulk_create, so 100,000 initiatives take well under a minute; bulk
writes send no signals, so the page cache is retired explicitly at the end.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from bench.records import published_bodies  # noqa: E402
from core.counts import advance  # noqa: E402
from initiatives.models import RTC, Category, Initiative, Partner  # noqa: E402
from meetings.models import (  # noqa: E402
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    Participation,
    Person,
    Status,
)
from rtcportal.cache import new_generation  # noqa: E402

KINDS = [
    "Online learning platform",
    "Personalised recommendations",
    "Blended degree programme",
    "University partnership",
    "VR simulation",
    "Mobile learning",
    "Interactive case-based course",
    "AI tutoring and Q&A",
    "Accredited online course",
    "Quality assurance",
]
WORDS = [
    "customs",
    "training",
    "remote",
    "learning",
    "platform",
    "enforcement",
    "valuation",
    "risk",
    "management",
    "e-commerce",
    "origin",
    "classification",
    "tariff",
    "border",
    "control",
    "integrity",
    "leadership",
    "data",
    "analysis",
    "simulation",
    "scenario",
    "module",
    "course",
    "partnership",
    "university",
    "officers",
    "trade",
    "facilitation",
    "postal",
    "clearance",
    "authorised",
    "operator",
    "audit",
    "intelligence",
]
BATCH = 5000


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def status(rng):
    return Status.DRAFT if rng.random() < 0.05 else Status.PUBLISHED


def wipe():
    for model in (
        Initiative.categories.through,
        Initiative.partners.through,
        Initiative,
        Partner,
        Category,
        DiscussionPoint,
        Intervention.programmes.through,
        Intervention,
        Participation,
        Person,
        RTC,
        Meeting,
    ):
        model.objects.all()._raw_delete(connection.alias)
    Body.objects.filter(programmes__isnull=True).delete()


@transaction.atomic
def generate(count, seed=19):
    rng = random.Random(seed)
    wipe()
    meetings_count = max(1, count // 50)
    rtc_count = max(10, count // 500)
    other_bodies = published_bodies("Organisation", "organisation", Body.Kind.REGIONAL_OFFICE, 5)
    hosts = published_bodies(
        "Customs Administration", "customs", Body.Kind.CUSTOMS_ADMINISTRATION, rtc_count
    )
    bodies = hosts + other_bodies
    rtcs = RTC.objects.bulk_create(
        RTC(
            name=f"RTC {i}",
            slug=f"rtc-{i}",
            host=host,
            city=f"City {i}",
            description=sentence(rng, 40),
            status=status(rng),
        )
        for i, host in enumerate(hosts)
    )
    start = datetime.date(2021, 10, 27)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            number=i + 1,
            title=f"{i + 1}th RTC Heads Meeting",
            slug=f"{i + 1}th-rtc-heads-meeting",
            start_date=start - datetime.timedelta(days=7 * (meetings_count - i)),
            end_date=start - datetime.timedelta(days=7 * (meetings_count - i) - 1),
            format=rng.choice(Meeting.Format.values),
            summary=sentence(rng, 60),
            report=sentence(rng, 400),
            status=status(rng),
        )
        for i in range(meetings_count)
    )
    people = Person.objects.bulk_create(
        Person(name=f"Speaker {i}", honorific="Dr.", position="Director", body=rng.choice(bodies))
        for i in range(max(10, meetings_count // 5))
    )
    participations, interventions, points = [], [], []
    for meeting in meetings:
        for body in rng.sample(bodies, min(15, len(bodies))):
            participations.append(
                Participation(
                    meeting=meeting, body=body, role=rng.choice(Participation.Role.values)
                )
            )
        for order in range(8):
            speaker = rng.choice(people)
            interventions.append(
                Intervention(
                    meeting=meeting,
                    speaker=speaker,
                    body=speaker.body,
                    order=order,
                    topic=f"Topic {order}: {sentence(rng, 4)}",
                    summary=sentence(rng, 50),
                )
            )
        for order in range(12):
            points.append(
                DiscussionPoint(
                    meeting=meeting,
                    kind=DiscussionPoint.Kind.values[order % 4],
                    text=f"Point {order}: {sentence(rng, 8)}",
                    order=order,
                )
            )
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    Intervention.objects.bulk_create(interventions, batch_size=BATCH)
    DiscussionPoint.objects.bulk_create(points, batch_size=BATCH)

    categories = Category.objects.bulk_create(
        Category(
            name=name, slug=f"kind-{i}", description=sentence(rng, 20), status=Status.PUBLISHED
        )
        for i, name in enumerate(KINDS + [f"Kind {i}" for i in range(count // 10000)])
    )
    partners = Partner.objects.bulk_create(
        Partner(name=f"Partner {i}", kind=rng.choice(Partner.Kind.values))
        for i in range(max(10, count // 100))
    )
    for offset in range(0, count, BATCH):
        batch = Initiative.objects.bulk_create(
            Initiative(
                rtc=rng.choice(rtcs),
                meeting=meetings[i * meetings_count // count],
                title=f"{sentence(rng, 5)} {i}",
                slug=f"initiative-{i}",
                summary=sentence(rng, 25),
                description=sentence(rng, 120),
                status=status(rng),
            )
            for i in range(offset, min(count, offset + BATCH))
        )
        Initiative.categories.through.objects.bulk_create(
            Initiative.categories.through(initiative=initiative, category=category)
            for initiative in batch
            for category in rng.sample(categories, rng.choice((1, 1, 2, 3)))
        )
        Initiative.partners.through.objects.bulk_create(
            Initiative.partners.through(initiative=initiative, partner=rng.choice(partners))
            for initiative in batch
            if rng.random() < 1 / 3
        )
    return meetings_count, rtc_count, len(categories), len(partners)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("initiatives", type=int, help="how many initiatives, up to 100,000")
    count = parser.parse_args().initiatives
    started = time.perf_counter()
    meetings, rtcs, categories, partners = generate(count)
    if connection.vendor == "postgresql":
        # VACUUM too, not only ANALYZE: it sets the visibility map and hint bits now, so that
        # autovacuum does not wake up for the fresh rows in the middle of a measurement.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    advance()
    new_generation()
    print(
        f"{count} initiatives, {meetings} meetings, {rtcs} RTCs, {categories} categories, "
        f"{partners} partners in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
