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
# The first result of a list or a search, and the line of it that must show.
FIRST_RESULT = {
    "filtered list": "#results-heading ~ article h3",
    "search": ".search-section .hits > li h3",
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
