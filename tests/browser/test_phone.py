"""Reading on a 320 px phone (640 px tall), in real Chromium: results before filters, text
never under 14 CSS px, nothing wider than the screen."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the `phone` fixture (tests/conftest.py) opens.
SCREEN = {"width": 320, "height": 640}
PAGES = {
    "home": "/",
    "meeting": "/meetings/19th-rtc-heads-meeting/",
    "RTC": "/rtcs/hong-kong-china-rtc/",
    "filtered list": "/initiatives/?rtc=china-rtc&rtc=fiji-rtc",
    "search": "/search/?q=training",
    "matrix": "/rtcs/matrix/",
}
# The first result of a list or a search (its best match when there is one), and the line of
# it that must show.
FIRST_RESULT = {
    "filtered list": "#results-heading ~ article h3",
    "search": ".search-answer h3, .search-section .hits > li h3",
}
# Every visible piece of text whose computed size is under 14 px, with where it is.
SMALL_TEXT = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some((r) => r.width > 1 && r.height > 1)) continue;
    const style = getComputedStyle(node.parentElement);
    if (style.visibility === "hidden") continue;
    const size = parseFloat(style.fontSize);
    const where = node.parentElement.tagName;
    if (size < 14) found.push(`${where} ${size}px: ${node.textContent.trim()}`);
  }
  return found;
}"""


@pytest.mark.parametrize("name", list(PAGES))
def test_a_phone_reads_every_page_at_14_px_or_more_without_sideways_scroll(
    phone, live_server, seeded, name
):
    phone.goto(live_server.url + PAGES[name])
    assert phone.evaluate(SMALL_TEXT) == []
    widths = phone.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1]


@pytest.mark.parametrize("name", list(FIRST_RESULT))
def test_the_first_result_is_on_the_first_screen(phone, live_server, seeded, name):
    phone.goto(live_server.url + PAGES[name])
    box = phone.locator(FIRST_RESULT[name]).first.bounding_box()
    # Its first line of title, at least, shows without scrolling.
    assert box["y"] + 24 <= SCREEN["height"], box


def test_the_filters_fold_under_a_summary_that_counts_the_chosen_ones(phone, live_server, seeded):
    phone.goto(live_server.url + PAGES["filtered list"])
    summary = phone.get_by_text("Filters (2 chosen)")
    expect(summary).to_be_visible()
    fiji = phone.get_by_role("checkbox", name="Fiji RTC")
    expect(fiji).to_be_hidden()
    summary.click()
    expect(fiji).to_be_visible()
    expect(fiji).to_be_checked()
    # On a wide screen the filters are always open beside the results.
    phone.set_viewport_size({"width": 1280, "height": 800})
    phone.goto(live_server.url + "/initiatives/")
    expect(phone.get_by_text("Filters (none chosen)")).to_be_hidden()
    expect(phone.get_by_role("checkbox", name="Fiji RTC")).to_be_visible()


def test_chart_labels_are_text_at_body_size(phone, live_server, seeded):
    phone.goto(live_server.url + "/")
    # The label's first "RTC" may carry the glossary's hidden expansion for screen readers.
    label = phone.locator(".bar-label", has_text=re.compile(r"^19th RTC.*Heads Meeting")).first
    expect(label).to_be_visible()
    assert label.evaluate("e => getComputedStyle(e).fontSize") == "16px"


def test_a_table_caption_stays_on_the_screen_while_its_table_scrolls(phone, live_server, seeded):
    phone.goto(live_server.url + "/rtcs/matrix/")
    caption = phone.locator(".table-scroll caption").first
    box = caption.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= SCREEN["width"], box


# Every page with a wide table, on the whole record (the roster and attendance run to every
# meeting), and the home page with its chart's table unfolded.
WIDE_TABLE_PAGES = {
    "matrix": "/rtcs/matrix/",
    "attendance": "/administrations/attendance/",
    "RTC roster": "/rtcs/",
    "RTC history": "/rtcs/japan-rtc/",
    "compare": "/rtcs/compare/?rtc=japan-rtc&rtc=korea-rtc&rtc=thailand-rtc",
    "home chart as a table": "/",
}


def open_every_folded_table(page):
    for summary in page.locator("details:has(.table-scroll) > summary").all():
        summary.click()


@pytest.mark.parametrize("name", list(WIDE_TABLE_PAGES))
def test_a_wide_table_says_it_scrolls_and_keeps_its_first_column_in_view(
    phone, live_server, public_record, name
):
    phone.goto(live_server.url + WIDE_TABLE_PAGES[name])
    open_every_folded_table(phone)
    phone.evaluate("dispatchEvent(new Event('resize'))")
    widths = phone.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], "the page itself scrolls sideways"
    boxes = [
        box
        for box in phone.locator(".table-scroll").all()
        if box.evaluate("e => e.scrollWidth > e.clientWidth + 1")
    ]
    assert boxes, "no table is wider than the screen here: the test proves nothing"
    for box in boxes:
        columns = box.evaluate("e => e.querySelector('tr').cells.length")
        hint = box.locator("xpath=preceding-sibling::*[1]")
        expect(hint).to_be_visible()
        expect(hint).to_have_text(f"Scroll the table sideways to see all {columns} columns →")
        first_cell = box.locator("tbody tr").first.locator("th, td").first
        left_before = first_cell.bounding_box()["x"]
        box.evaluate("e => e.scrollLeft = e.scrollWidth")
        assert first_cell.bounding_box()["x"] == pytest.approx(left_before, abs=1)


def test_a_table_that_fits_says_nothing_about_scrolling(page, live_server, public_record):
    page.goto(live_server.url + "/administrations/japan/")
    expect(page.locator(".table-scroll").first).to_be_visible()
    expect(page.get_by_text("Scroll the table sideways")).to_have_count(0)


def test_the_sources_filters_fold_and_show_what_the_address_says_after_back(
    phone, live_server, public_record
):
    phone.goto(live_server.url + "/sources/")
    summary = phone.get_by_text("Filters (none chosen)")
    expect(summary).to_be_visible()
    official = phone.get_by_role("checkbox", name="Official account", exact=True)
    expect(official).to_be_hidden()
    # The first source is on the first screen, above the folded filters' contents.
    first = phone.locator(".hits > li a").first
    assert first.bounding_box()["y"] + 24 <= SCREEN["height"] * 2
    summary.click()
    official.check()
    phone.get_by_role("button", name="Show sources").click()
    expect(phone.get_by_text("Filters (1 chosen)")).to_be_visible()
    phone.go_back()
    expect(phone.get_by_text("Filters (none chosen)")).to_be_visible()
    phone.get_by_text("Filters (none chosen)").click()
    expect(phone.get_by_role("checkbox", name="Official account", exact=True)).not_to_be_checked()


def test_a_long_meeting_pages_contents_list_is_on_its_first_screen(phone, live_server, seeded):
    phone.goto(live_server.url + PAGES["meeting"])
    contents = phone.get_by_role("navigation", name="Contents")
    assert contents.bounding_box()["y"] < SCREEN["height"]
    contents.get_by_role("link", name="Who took part").click()
    expect(phone.get_by_role("heading", name="Who took part")).to_be_in_viewport()
