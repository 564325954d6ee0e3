"""The two journeys the portal exists for, in real headless Chromium."""

import re

import pytest
from playwright.sync_api import expect

from initiatives.models import Initiative
from tests.support import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_filters_initiatives_down_to_japan_rtc(page, live_server, seeded):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Browse all initiatives").click()
    expect(page.get_by_role("heading", name="8 initiatives")).to_be_visible()

    page.get_by_role("checkbox", name="Japan RTC").check()
    page.get_by_role("button", name="Show initiatives").click()

    expect(page).to_have_url(re.compile(r"rtc=japan-rtc"))
    results = page.get_by_role("region", name="1 initiative")
    expect(results.get_by_role("link", name="AI-powered tutoring and Q&A systems")).to_be_visible()
    expect(results.get_by_role("article")).to_have_count(1)
    expect(page.get_by_text("VR simulation of customs enforcement scenarios")).to_have_count(0)


def test_the_secretariat_edits_a_title_and_the_public_page_shows_it(
    page, live_server, seeded, secretariat_user
):
    initiative = Initiative.objects.get(slug="japan-rtc-ai-tutoring-and-qa")
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill(secretariat_user.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/admin/initiatives/initiative/{initiative.pk}/change/")
    page.locator("#id_title").fill("AI tutoring and Q&A, reviewed by the secretariat")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_server.url + initiative.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "AI tutoring and Q&A, reviewed by the secretariat"
    )


def test_factories_make_published_initiatives(db):
    # Guards the helpers the browser tests rely on.
    assert factories.make_initiative().status == "published"
