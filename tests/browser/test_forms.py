"""The filter form says what the address says, also after Back and Forward, in real Chromium.

Browsers bring a page back either from their back/forward cache (the page as it was left,
boxes ticked just before submitting) or by reloading it and restoring the form's state: both
are tried. Playwright turns the cache off by default, so one browser here turns it back on.
"""

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records on every page whether the browser showed it from its back/forward cache.
RECORD_PAGESHOW = """
addEventListener("pageshow", (event) => { window.shownFromCache = event.persisted; });
"""


@pytest.fixture(params=["back/forward cache", "reload"])
def history_page(request, browser):
    if request.param == "reload":
        context = browser.new_context()
    else:
        with_cache = browser.browser_type.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            ignore_default_args=["--disable-back-forward-cache"],
        )
        request.addfinalizer(with_cache.close)
        context = with_cache.new_context()
    context.add_init_script(RECORD_PAGESHOW)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.from_cache = request.param == "back/forward cache"
    yield page
    context.close()


def ticked(page):
    return page.locator(".facet input:checked").evaluate_all("boxes => boxes.map(b => b.value)")


def test_after_back_and_forward_the_boxes_match_the_list(history_page, live_server, seeded):
    page = history_page
    page.goto(live_server.url + "/initiatives/")
    expect(page.get_by_role("heading", name="8 initiatives")).to_be_visible()
    page.get_by_role("checkbox", name="China RTC").first.check()
    page.get_by_role("checkbox", name="Fiji RTC").check()
    page.get_by_role("button", name="Show initiatives").click()
    expect(page.get_by_role("heading", name="2 initiatives")).to_be_visible()
    assert page.url == live_server.url + "/initiatives/?rtc=china-rtc&rtc=fiji-rtc"

    page.go_back(wait_until="commit")
    expect(page.get_by_role("heading", name="8 initiatives")).to_be_visible()
    page.wait_for_function("window.shownFromCache !== undefined")
    assert page.evaluate("window.shownFromCache") == page.from_cache
    assert ticked(page) == []

    page.go_forward(wait_until="commit")
    expect(page.get_by_role("heading", name="2 initiatives")).to_be_visible()
    page.wait_for_function("window.shownFromCache !== undefined")
    assert ticked(page) == ["china-rtc", "fiji-rtc"]


def test_the_form_and_the_chips_give_the_same_address(page, live_server, seeded):
    page.goto(live_server.url + "/initiatives/?q=training&rtc=china-rtc&rtc=fiji-rtc")
    chip = page.get_by_role("link", name="Remove filter RTC: Fiji RTC")
    by_chip = live_server.url + chip.get_attribute("href")

    page.get_by_role("checkbox", name="Fiji RTC").uncheck()
    page.get_by_role("button", name="Show initiatives").click()
    page.wait_for_url(by_chip)

    page.get_by_role("form", name="Filter initiatives").get_by_role("searchbox").fill("")
    page.get_by_role("button", name="Show initiatives").click()
    # No empty search, no default order: the same address as the search chip's.
    page.wait_for_url(live_server.url + "/initiatives/?rtc=china-rtc")
    expect(page.get_by_role("combobox", name="Sort by")).to_have_value("newest")
    expect(page.get_by_role("option", name="Best match")).to_have_count(0)
