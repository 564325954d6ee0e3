"""Meetings, interventions, discussion points and topics carry stored, indexed search vectors on
PostgreSQL (migration meetings/0002_search_index), which the site-wide search ranks instead of
the text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import DiscussionPoint, Intervention, Meeting

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="stored vectors and GIN indexes are PostgreSQL's"
    ),
]

# The tables whose rows carry a stored vector (meetings/0002_search_index).
VECTOR_TABLES = (
    "meetings_meeting",
    "meetings_intervention",
    "meetings_discussionpoint",
    "meetings_topic",
)


def test_each_table_has_its_gin_index(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE %s", ["%_search_idx"]
        )
        indexes = dict(cursor.fetchall())
    for table in VECTOR_TABLES:
        assert "USING gin (search_vector)" in indexes[f"{table}_search_idx"]


def test_the_trigger_keeps_the_vector_current_and_the_site_search_finds_it(client, seeded):
    meeting = Meeting.objects.get(number=19)
    assert meeting.search_vector  # filled when the seed was loaded
    meeting.report += " A closing word on hovercraft."
    meeting.save()
    response = client.get(reverse("search"), {"q": "hovercraft"})
    meetings = next(
        section for section in response.context["sections"] if section.slug == "meetings"
    )
    assert [hit.title for hit in meetings.hits] == ["19th RTC Heads Meeting"]


def test_the_site_search_ranks_the_stored_vectors_not_the_text(client, seeded):
    assert Intervention.objects.exclude(search_vector=None).exists()
    assert DiscussionPoint.objects.exclude(search_vector=None).exists()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("search"), {"q": "training"})
    assert response.status_code == 200
    searches = [query["sql"] for query in queries if "phraseto_tsquery" in query["sql"]]
    for table in VECTOR_TABLES:
        # The queries that rank this table's rows (other searches may read it in a subquery,
        # as documents do to know whether what they are attached to is public).
        ranked = [
            sql
            for sql in searches
            if sql.split(" FROM ", 1)[1].startswith(f'"{table}"') and "ts_rank" in sql
        ]
        assert ranked, table
        assert all(f'"{table}"."search_vector"' in sql for sql in ranked)
        assert all("to_tsvector" not in sql for sql in ranked)


def test_a_topics_vector_weighs_its_name_above_its_summary(db):
    from tests.support import factories

    topic = factories.make_topic("Hovercraft drills", summary="Training on hovercraft.")
    topic.refresh_from_db()
    assert "'hovercraft':1A,5B" in str(topic.search_vector)
