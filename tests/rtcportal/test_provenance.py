"""A record known only from aggregators is marked the same way on every page type that shows
it (sources/includes/_unconfirmed.html, explained once a page), and a record an official
account confirms nowhere: the 19th meeting's initiatives, which only the aggregator's article
reports, with one of them confirmed here by an official account."""

import re

import pytest

from initiatives.models import Initiative
from sources.models import published_citations
from tests.support import factories, provenance
from tests.support.page_types import PAGE_TYPES

CONFIRMED = "china-rtc-online-learning-platform"
# The page types beside PAGE_TYPES that list initiatives by name.
MORE_PAGE_TYPES = {
    "RTCs compared": "/rtcs/compare/?rtc=hong-kong-china-rtc&rtc=china-rtc",
    "search for an initiative": "/search/?q=learning",
}
ALL_PAGE_TYPES = {**PAGE_TYPES, **MORE_PAGE_TYPES}
# Where an initiative appears by name, linked to its page.
SHOWING_INITIATIVES = {
    "meeting detail",
    "RTC detail",
    "RTC detail with its accreditation",
    "initiatives list",
    "initiatives list filtered",
    "initiatives list by topic",
    "initiative detail",
    "topic detail",
    # The aggregator's article: what it supports.
    "source detail",
    *MORE_PAGE_TYPES,
}


@pytest.fixture
def one_confirmed(seeded):
    """The 19th meeting's initiatives, China's also told by an official account; by slug,
    each with whether only aggregators report it."""
    factories.cite(
        Initiative.objects.get(slug=CONFIRMED), factories.make_source("The WCO's own account")
    )
    initiatives = Initiative.objects.published().prefetch_related(published_citations())
    unconfirmed = {initiative.slug: initiative.unconfirmed for initiative in initiatives}
    assert not unconfirmed[CONFIRMED]
    assert sum(unconfirmed.values()) == len(unconfirmed) - 1
    return unconfirmed


ITEM_ENDS = ("</li>", "</dt>", "</article>", "</section>")


def item_from(page, start):
    """The page from `start` to the end of the list item, term, card or section it is in."""
    rest = page[start:]
    return rest[: min(at for at in (rest.find(tag) for tag in ITEM_ENDS) if at >= 0)]


def items_naming_initiatives(page, slugs):
    """(slug, the item that names it): from each link to an initiative's page to the end of
    its list item, card or section."""
    return [
        (link.group(1), item_from(page, link.end()))
        for link in re.finditer(r'<a href="/initiatives/([a-z0-9-]+)/">', page)
        if link.group(1) in slugs
    ]


def test_the_pages_that_name_initiatives_are_the_ones_checked_here(client, one_confirmed):
    naming = {
        name
        for name, url in ALL_PAGE_TYPES.items()
        if items_naming_initiatives(client.get(url).text, one_confirmed)
    }
    # The initiative's own page names the others of its RTC: here there are none.
    assert naming == SHOWING_INITIATIVES - {"initiative detail"}


@pytest.mark.parametrize("page_type", sorted(SHOWING_INITIATIVES))
def test_an_initiative_only_aggregators_report_is_marked_wherever_it_appears(
    client, one_confirmed, page_type
):
    if page_type == "initiative detail":
        # A neighbour of the page's initiative from the same RTC, to be listed under it.
        hong_kong = Initiative.objects.get(slug="hong-kong-china-rtc-vr-enforcement-simulation")
        factories.cite(
            factories.make_initiative(
                rtc=hong_kong.rtc, meeting=hong_kong.meeting, slug="hong-kong-neighbour"
            ),
            factories.make_source("Another aggregator", kind="aggregator"),
        )
        one_confirmed["hong-kong-neighbour"] = True
    page = client.get(ALL_PAGE_TYPES[page_type]).text
    items = items_naming_initiatives(page, one_confirmed)
    assert items
    for slug, item in items:
        assert (provenance.MARK in item) == one_confirmed[slug], (slug, item)
    # Explained once, however many marks.
    assert provenance.marks(page) >= 1


def test_an_initiatives_own_page_is_marked_and_lists_its_sources(client, one_confirmed):
    page = client.get(PAGE_TYPES["initiative detail"]).text
    lead = page[page.index("<h1>") :]
    assert provenance.MARK in lead[: lead.index("</p>")]
    assert 'id="sources-heading"' in page
    assert "Asiapacific Customs Adopts Remote Training for Capacity Building</a>" in page


def test_the_confirmed_initiatives_own_page_carries_no_mark(client, one_confirmed):
    page = client.get(f"/initiatives/{CONFIRMED}/").text
    lead = page[page.index("<h1>") :]
    assert provenance.MARK not in lead[: lead.index("</p>")]
    assert "The WCO&#x27;s own account</a>" in page


# --- Other kinds of record: what a speaker covered, a commitment, a programme ---------------

# The 19th meeting's, as the meeting's page, the body's page and the search show them (the
# programme where it is presented, not where a talk refers to it): only the aggregator's
# article reports the first three; an official account the last.
UNCONFIRMED_FACTS = (
    "Five-month scholarship programme in Korea",
    "Continued technical support to foster innovation in distance learning",
    '(?:id="|/#)programme-scholarship-programme-in-korea">Scholarship programme in Korea',
)
CONFIRMED_FACT = "Pandemic response measures"
FACT_PAGES = {
    "meeting detail": PAGE_TYPES["meeting detail"],
    "body without an RTC": PAGE_TYPES["body without an RTC"],
    "search for what was said": "/search/?q=scholarship+or+innovation+or+pandemic",
}


def items_showing(page, pattern):
    return [item_from(page, at.end()) for at in re.finditer(pattern, page)]


@pytest.mark.parametrize("page_type", FACT_PAGES)
def test_what_only_aggregators_report_is_marked_the_same_on_every_page_that_shows_it(
    client, seeded, page_type
):
    page = client.get(FACT_PAGES[page_type]).text
    for pattern in UNCONFIRMED_FACTS:
        items = items_showing(page, pattern)
        assert items, pattern
        assert all(provenance.MARK in item for item in items), pattern
    confirmed = items_showing(page, CONFIRMED_FACT)
    assert confirmed
    assert not any(provenance.MARK in item for item in confirmed)
    assert provenance.marks(page) >= len(UNCONFIRMED_FACTS)
