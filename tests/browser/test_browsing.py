"""The public journeys in real headless Chromium, with axe-core on every kind of page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.page_types import PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def audit_page(browser):
    # The site's Content-Security-Policy may refuse injected scripts: audit without it.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_a_visitor_finds_hong_kongs_vr_initiative_from_home_by_clicking(page, live_server, seeded):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Hong Kong (China) RTC").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hong Kong (China) RTC")
    page.get_by_role("link", name="VR simulation of customs enforcement scenarios").click()

    expect(page).to_have_url(
        live_server.url + "/initiatives/hong-kong-china-rtc-vr-enforcement-simulation/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "VR simulation of customs enforcement scenarios"
    )
    expect(page.get_by_text("Virtual-reality (VR) scenes in which trainees").first).to_be_visible()


def test_a_visitor_finds_it_by_kind_of_delivery_too(page, live_server, seeded):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="VR simulation").click()
    expect(page).to_have_url(re.compile(r"/initiatives/\?category=vr-simulation$"))
    page.get_by_role("link", name="VR simulation of customs enforcement scenarios").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "VR simulation of customs enforcement scenarios"
    )


def result_titles(page):
    return page.locator("#results-heading ~ article h3").all_inner_texts()


def test_a_filtered_list_can_be_shared_and_reopened(page, browser, live_server, seeded):
    page.goto(live_server.url + "/initiatives/")
    page.get_by_role("checkbox", name="China RTC").first.check()
    page.get_by_role("checkbox", name="Fiji RTC").check()
    page.get_by_role("checkbox", name="University partnership").check()
    page.get_by_role("button", name="Show initiatives").click()

    expect(page.get_by_role("heading", name="1 initiative", exact=True)).to_be_visible()
    shared = page.url
    assert "rtc=china-rtc" in shared
    assert "rtc=fiji-rtc" in shared
    assert "category=university-partnership" in shared
    found = result_titles(page)
    assert found == ["Blended Master's programmes in customs administration"]
    chips = page.get_by_role("list", name="Chosen filters")
    expect(chips.get_by_role("link")).to_have_count(4)

    # Someone else opens the shared address in a fresh browser.
    other = browser.new_context().new_page()
    other.goto(shared)
    assert result_titles(other) == found
    expect(other.get_by_role("checkbox", name="Fiji RTC")).to_be_checked()
    expect(other.get_by_role("checkbox", name="University partnership")).to_be_checked()
    expect(other.get_by_role("checkbox", name="Japan RTC")).not_to_be_checked()

    # Removing the category chip keeps the two RTCs.
    other.get_by_role("link", name="Remove filter Kind of delivery: University partnership").click()
    expect(other.get_by_role("heading", name="2 initiatives", exact=True)).to_be_visible()
    assert "category" not in other.url
    other.context.close()


def test_a_reader_finds_the_observers_and_challenges_of_the_19th_meeting(page, live_server, seeded):
    page.goto(live_server.url + "/meetings/")
    page.get_by_role("link", name="19th RTC Heads Meeting").click()

    observers = page.locator("h3:text-is('Observers') + ul")
    # The bodies' own links; the numbered references beside them link to the sources.
    expect(observers.locator("li > a")).to_have_text(["Iran", "RILO AP", "Thailand"])
    expect(observers).to_contain_text("Regional Intelligence Liaison Office for Asia-Pacific")
    challenges = page.locator("h3:text-is('Challenges') + ul > li")
    expect(challenges.first).to_contain_text("(not confirmed)")
    expect(challenges).to_contain_text(
        [
            "Uneven internet infrastructure",
            "Varying technological proficiency among trainees",
            "Reduced interpersonal interaction",
        ]
    )


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_a_320_px_screen_never_scrolls_sideways(phone, live_server, seeded_with_documents, name):
    phone.goto(live_server.url + PAGE_TYPES[name])
    widths = phone.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{name}: {widths[0]} px of content in {widths[1]} px"


def test_axe_finds_no_accessibility_violation_on_any_page_type(
    audit_page, live_server, seeded_with_documents
):
    axe = Axe()
    found = {}
    for name, url in PAGE_TYPES.items():
        audit_page.goto(live_server.url + url)
        results = axe.run(audit_page)
        if results.violations_count:
            found[name] = results.generate_report()
    assert found == {}


def test_axe_does_report_a_violation(audit_page, live_server, seeded):
    # Guards the audit above: a page with an unlabelled field must fail.
    audit_page.goto(live_server.url + "/")
    audit_page.evaluate("document.body.append(document.createElement('input'))")
    assert Axe().run(audit_page).violations_count > 0


def test_a_printed_meeting_page_keeps_the_story_and_drops_the_navigation(page, live_server, seeded):
    page.goto(live_server.url + "/meetings/19th-rtc-heads-meeting/")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(
        page.get_by_role("link", name="Filter and sort this meeting's initiatives")
    ).to_be_hidden()
    expect(page.get_by_role("heading", name="Challenges")).to_be_visible()
    expect(page.get_by_role("heading", name="Programmes and documents referred to")).to_be_visible()


@pytest.mark.parametrize("name", ["home", "meeting detail", "initiatives list filtered"])
def test_a_page_loads_one_stylesheet_at_most_its_own_script_and_nothing_from_other_hosts(
    page, live_server, seeded, name
):
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(live_server.url + PAGE_TYPES[name])
    page.wait_for_load_state("load")
    assert [r.url for r in requests if not r.url.startswith(live_server.url)] == []
    assert len([r for r in requests if r.resource_type == "stylesheet"]) == 1
    # Only a page with a filter form or a wide table loads a script, its own small one for
    # them (the page works without).
    scripts = [r.url for r in requests if r.resource_type == "script"]
    own_script = {
        "home": "/static/js/wide-tables.js",
        "initiatives list filtered": "/static/js/forms-follow-address.js",
    }
    assert scripts == ([live_server.url + own_script[name]] if name in own_script else [])


def test_a_visitor_follows_thailand_from_observer_to_host_and_opens_the_source(
    page, live_server, public_record
):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="RTCs").click()
    roster = page.get_by_role("table", name=re.compile("^RTCs \\(rows\\) at each "))
    row = roster.get_by_role("row").filter(has=page.get_by_role("link", name="Thailand RTC"))
    cells = row.get_by_role("cell")
    # Accreditation, then the 11th ... 21st meetings: an observer at the 19th, host of the 20th.
    expect(cells.nth(7)).to_have_text("observer")
    expect(cells.nth(8)).to_have_text("host")
    expect(cells.nth(0)).to_have_text("2022 (10th)")
    row.get_by_role("link", name="Thailand RTC").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thailand RTC")
    step = page.get_by_role("listitem").filter(has_text="as the 10th Asia/Pacific RTC")
    step.get_by_role("link", name=re.compile(r"^source \d+$")).first.click()
    page.locator(":target").get_by_role("link").first.click()  # the title; then its publisher
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ROCB A/P account of the 20th RTC Heads Meeting (Bangkok, 2022)"
    )
    expect(page.get_by_text("What it supports")).to_be_visible()
