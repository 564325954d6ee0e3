"""Regional roles over time: the Asia/Pacific Vice-Chair passed from one administration to
the next, shown on each body's page and its RTC's page with the sources, loaded from the
record."""

import datetime

from meetings.models import RegionalRole
from tests.support import factories
from tests.support.glossary import unmarked


def test_the_vice_chair_succession_is_loaded_in_turn_with_its_sources(public_record):
    roles = list(RegionalRole.objects.select_related("body").order_by("order"))
    assert [role.body.slug for role in roles] == [
        "malaysia",
        "india",
        "indonesia",
        "australia",
        "hong-kong-china",
    ]
    india = roles[1]
    assert india.term_display == "July 2018 \N{EN DASH} June 2020"
    assert {c.source.tag for c in india.citations.all()} == {"S32", "S7"}
    assert all(role.citations.exists() for role in roles)
    hong_kong = roles[4]
    assert hong_kong.term_display == "2024 \N{EN DASH} 2026"
    assert {c.source.tag for c in hong_kong.citations.all()} == {"S31", "S28"}


def test_the_rtc_page_shows_its_hosts_vice_chair_term_with_its_source(client, public_record):
    response = client.get("/rtcs/india-rtc/")
    assert response.status_code == 200
    page = unmarked(response.text)
    assert 'id="regional-roles-heading"' in page
    assert "Asia/Pacific Regional Vice-Chair, July 2018 \N{EN DASH} June 2020" in page
    assert "India becomes regional head of Asia Pacific region of WCO for two years" in page


def test_the_administration_page_shows_the_office_and_lists_its_sources(client, db):
    body = factories.make_body("Australia")
    role = RegionalRole.objects.create(
        body=body, note="Held it at the 20th and 21st meetings.", order=1
    )
    factories.cite(role, factories.make_source("Vice-Chair report"))
    factories.cite(role, factories.make_source("Draft report", status="draft"))
    page = unmarked(client.get(body.get_absolute_url()).text)
    assert "Asia/Pacific Regional Vice-Chair" in page
    assert "Held it at the 20th and 21st meetings." in page
    assert 'href="#ref-1"' in page and 'id="sources-heading"' in page
    assert "Vice-Chair report" in page
    assert "Draft report" not in page


def test_a_draft_bodys_role_is_not_public(db):
    RegionalRole.objects.create(body=factories.make_body(status="draft"))
    assert not RegionalRole.objects.published().exists()


def test_a_term_is_shown_to_its_precision(db):
    role = RegionalRole(
        since=datetime.date(2018, 7, 1), since_precision="month",
        until=datetime.date(2020, 6, 30), until_precision="day",
    )  # fmt: skip
    assert role.term_display == "July 2018 \N{EN DASH} 30 June 2020"
    assert RegionalRole(since=datetime.date(2022, 1, 1), since_precision="year").term_display == (
        "from 2022"
    )
    assert RegionalRole().term_display == ""
