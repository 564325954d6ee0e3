"""The GIN index answers searches on PostgreSQL once there are many initiatives."""

import datetime

import pytest
from django.db import connection

from initiatives.models import RTC, Initiative
from meetings.models import Status
from tests.support import factories

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only"
    ),
]

WORDS = [
    *("customs", "training", "border", "inspection", "valuation", "tariff", "origin", "risk"),
    *("audit", "cargo", "passenger", "excise", "enforcement", "integrity", "leadership"),
    *("e-learning", "classroom", "mentoring", "workshop", "seminar"),
]


def make_initiatives(count):
    """`count` published initiatives across 20 RTCs and 5 meetings; only 10 mention drones."""
    rtcs = [factories.make_rtc() for _ in range(20)]
    meetings = [
        factories.make_meeting(start_date=datetime.date(2010 + year, 10, 1)) for year in range(5)
    ]
    Initiative.objects.bulk_create(
        Initiative(
            rtc=rtcs[number % len(rtcs)],
            meeting=meetings[number % len(meetings)],
            title=f"{WORDS[number % 20].title()} {WORDS[(number * 7) % 20]} programme {number}",
            slug=f"generated-{number}",
            summary=" ".join(WORDS[(number + k) % 20] for k in range(12)),
            description=("Drones for surveillance. " if number % 1000 == 0 else "")
            + " ".join(WORDS[(number * 3 + k) % 20] for k in range(40)),
            status=Status.PUBLISHED,
        )
        for number in range(count)
    )
    return rtcs


def test_searching_10000_initiatives_uses_the_gin_index(db):
    make_initiatives(10_000)
    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum would gather them on a live database.
        cursor.execute("ANALYZE initiatives_initiative")
        cursor.execute("ANALYZE initiatives_rtc")
        cursor.execute("ANALYZE meetings_meeting")
        cursor.execute("ANALYZE meetings_body")

    searched = Initiative.objects.published().search("drones")
    plan = searched.explain()

    assert "initiative_search_idx" in plan, plan
    assert searched.count() == 10
    assert RTC.objects.count() == 20
