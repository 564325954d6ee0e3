"""An API answer makes no more queries than the page that shows the same records, and the
number does not grow with the records a list shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.counts import advance
from initiatives.models import Initiative
from meetings.models import Meeting
from tests.support import factories

pytestmark = pytest.mark.django_db

JAPAN_AI = "japan-rtc-ai-tutoring-and-qa"


def queries(client, address):
    client.get(address)  # the counts remembered per content generation are made once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(captured)


@pytest.mark.parametrize(
    ("page", "api", "more"),
    [
        # The API gives each initiative of a list its partners and topics (two queries),
        # which the list page leaves to the initiative's page; the page reads the glossary.
        (
            lambda: "/initiatives/?rtc=japan-rtc",
            lambda: "/api/v1/initiatives/?rtc=japan-rtc",
            1,
        ),
        (
            lambda: Initiative.objects.get(slug=JAPAN_AI).get_absolute_url(),
            lambda: f"/api/v1/initiatives/{Initiative.objects.get(slug=JAPAN_AI).pk}/",
            0,
        ),
        (
            lambda: Meeting.objects.get(number=19).get_absolute_url(),
            lambda: f"/api/v1/meetings/{Meeting.objects.get(number=19).pk}/",
            0,
        ),
        (lambda: "/sources/", lambda: "/api/v1/sources/", 0),
        (lambda: "/rtcs/", lambda: "/api/v1/rtcs/", 0),
    ],
)
def test_an_api_answer_costs_no_more_queries_than_its_page(client, seeded, page, api, more):
    assert queries(client, api()) <= queries(client, page()) + more


# (Not the sources: what each supports takes a query per kind of record cited, as on their
# page, so a longer list may reach more kinds; never more than there are kinds.)
@pytest.mark.parametrize("kind", ["meetings", "initiatives", "rtcs", "topics", "people"])
def test_a_list_makes_as_many_queries_for_many_records_as_for_few(client, seeded, kind):
    few = queries(client, f"/api/v1/{kind}/?page_size=1")

    many = queries(client, f"/api/v1/{kind}/?page_size=100")

    assert many == few


def test_the_meetings_list_makes_as_many_queries_for_two_meetings_as_for_one(client, seeded):
    one = queries(client, "/api/v1/meetings/")
    factories.make_meeting(number=30, status="published")
    advance()

    assert queries(client, "/api/v1/meetings/") == one
