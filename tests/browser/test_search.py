"""Asking the portal in one's own words, in real headless Chromium."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.engine
def test_a_visitor_searches_vr_and_opens_hong_kong_rtc_initiative(page, live_server, seeded):
    page.goto(live_server.url + "/")
    page.get_by_role("search").get_by_label("Search").fill("VR")
    page.get_by_role("search").get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/search/\?q=VR"))
    initiatives = page.get_by_role("region", name=re.compile("^Initiatives"))
    result = initiatives.get_by_role("listitem").filter(has_text="Hong Kong (China) RTC")
    expect(result).to_have_count(1)
    # "VR" itself is marked (and "virtual reality", its synonym, where the passage has it).
    expect(result.locator("mark", has_text=re.compile(r"^VR$"))).to_have_count(1)

    result.get_by_role("link", name="VR simulation of customs enforcement scenarios").click()
    expect(page).to_have_url(
        live_server.url + "/initiatives/hong-kong-china-rtc-vr-enforcement-simulation/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "VR simulation of customs enforcement scenarios"
    )


def test_the_matrix_leads_to_the_filtered_list(page, live_server, seeded):
    page.goto(live_server.url + "/rtcs/matrix/")
    row = page.get_by_role("row", name=re.compile("^Hong Kong \\(China\\) RTC"))
    row.get_by_role("link", name="1").first.click()
    expect(page).to_have_url(re.compile(r"rtc=hong-kong-china-rtc&category=vr-simulation"))
    expect(page.get_by_role("heading", name="1 initiative")).to_be_visible()


@pytest.mark.engine
def test_an_officer_types_an_institutes_name_and_the_best_match_is_its_rtc(
    page, live_server, seeded
):
    page.set_viewport_size({"width": 320, "height": 720})
    page.goto(live_server.url + "/search/?q=Customs+Training+Institute")
    answer = page.get_by_role("region", name=re.compile("^Best match"))
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("RTC")
    # It is the first result on the page, above the results grouped by kind.
    first = page.locator("h3 a").first
    expect(first).to_have_text("Japan RTC")
    box = answer.bounding_box()
    assert box["y"] < page.get_by_role("navigation", name="Results by kind").bounding_box()["y"]
    page.screenshot(path="/tmp/search-answer-320.png", full_page=False)
    first.click()
    expect(page).to_have_url(live_server.url + "/rtcs/japan-rtc/")
