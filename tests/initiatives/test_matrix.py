"""/rtcs/matrix/: RTCs by kinds of delivery, each cell the size of a filtered list."""

import pytest
from django.urls import reverse

from initiatives.tables import initiative_matrix
from meetings.models import Meeting
from tests.support import factories

pytestmark = pytest.mark.engine

MATRIX = reverse("initiatives:matrix")


def list_count(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["paginator"].count


@pytest.mark.parametrize(
    "meeting_slug", [None, "19th-rtc-heads-meeting", "fictional-demonstration-meeting"]
)
def test_every_cell_equals_the_count_of_the_list_it_links_to(client, demo_meeting, meeting_slug):
    meeting = Meeting.objects.get(slug=meeting_slug) if meeting_slug else None
    categories, rows = initiative_matrix(meeting)
    assert len(rows) == 8 and len(categories) == 10
    assert sum(cell.count for row in rows for cell in row.cells) > 0
    for row in rows:
        assert row.total == list_count(client, row.total_url)
        for cell in row.cells:
            assert cell.count == list_count(client, cell.url), cell.url


def test_the_page_is_a_table_with_row_and_column_headers(client, seeded):
    response = client.get(MATRIX)
    assert response.status_code == 200
    assert (
        '<th scope="col"><a href="/initiatives/?category=vr-simulation">VR simulation</a></th>'
        in response.text
    )
    assert (
        '<th scope="row"><a href="/rtcs/hong-kong-china-rtc/">Hong Kong (China) RTC</a></th>'
        in response.text
    )
    assert (
        'href="/initiatives/?rtc=hong-kong-china-rtc&amp;category=vr-simulation">1</a>'
        in response.text
    )


def test_a_meeting_restricts_the_counts_and_the_links(client, demo_meeting):
    response = client.get(MATRIX, {"meeting": "fictional-demonstration-meeting"})
    assert response.status_code == 200
    assert (
        'href="/initiatives/?rtc=japan-rtc&amp;category=vr-simulation'
        '&amp;meeting=fictional-demonstration-meeting">1</a>'
    ) in response.text
    assert "?rtc=korea-rtc&amp;category=accredited-online-course" not in response.text


def test_an_unknown_meeting_is_a_400_that_says_so(client, seeded):
    response = client.get(MATRIX, {"meeting": "no-such-meeting"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.text


def test_drafts_are_not_counted(client, seeded):
    rtc = factories.make_rtc(name="Draft-work RTC")
    category = factories.make_category(name="Drafted kind")
    factories.make_initiative(rtc=rtc, categories=[category], status="draft")
    _, rows = initiative_matrix()
    row = next(row for row in rows if row.rtc == rtc)
    assert row.total == 0
    assert all(cell.count == 0 for cell in row.cells)


def test_the_matrix_makes_a_fixed_number_of_queries(client, seeded, django_assert_num_queries):
    for _ in range(5):
        factories.make_initiative(categories=[factories.make_category()])
    # The content generation, the form's meetings, the number of RTCs, the categories, the
    # totals, the cells and the page of RTCs; the footer's date of the record's last change
    # (once per generation); the glossary's terms (GlossaryMiddleware).
    with django_assert_num_queries(9):
        response = client.get(MATRIX)
    assert response.status_code == 200
    # Until the next write, the counts are remembered: the generation, the form's meetings,
    # the page of RTCs and the glossary's terms.
    with django_assert_num_queries(4):
        response = client.get(MATRIX)
    assert response.status_code == 200
