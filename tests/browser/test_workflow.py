"""The secretariat's review in real headless Chromium: an editor drafts, a reviewer publishes,
and only then does the public see it."""

import pytest
from playwright.sync_api import expect

from initiatives.models import RTC, Initiative
from meetings.models import Status

pytestmark = [pytest.mark.engine, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
TITLE = "Virtual border post for trainee officers"


def sign_in(browser, live_server, user):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Meetings, RTCs and initiatives")).to_be_visible()
    return page


def choose(page, field_id, text):
    """Pick `text` in one of the admin's autocomplete (select2) boxes."""
    page.locator(f"#{field_id}").locator("xpath=following-sibling::span[1]").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_an_editor_drafts_a_reviewer_publishes_and_then_the_public_sees_it(
    browser, live_server, seeded, editor_user, reviewer_user
):
    japan = RTC.objects.get(slug="japan-rtc")

    # The editor starts from the RTC's page, where "Add initiative" fills in the RTC.
    editor = sign_in(browser, live_server, editor_user)
    editor.goto(f"{live_server.url}/admin/initiatives/rtc/{japan.pk}/change/")
    editor.get_by_role("link", name="Add initiative").click()
    expect(editor.locator("#select2-id_rtc-container")).to_have_text("Japan RTC")
    editor.locator("#id_title").fill(TITLE)
    editor.get_by_label("Summary").fill("A simulated border post where trainees practise.")
    choose(editor, "id_meeting", "19th RTC Heads Meeting")
    choose(editor, "id_categories", "VR simulation")
    status_options = editor.locator("#id_status option")
    expect(status_options).to_have_text(["Draft", "In review"])
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")

    initiative = Initiative.objects.get(title=TITLE)
    assert initiative.status == Status.DRAFT

    # Not public yet: the list does not show it and its address is a 404.
    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + "/initiatives/")
    expect(visitor.get_by_text(TITLE)).to_have_count(0)
    assert visitor.goto(live_server.url + initiative.get_absolute_url()).status == 404

    # The editor sends it for review; the publish action is not on offer to them.
    editor.goto(live_server.url + "/admin/initiatives/initiative/?status__exact=draft")
    editor.get_by_role("row", name=TITLE).get_by_role("checkbox").check()
    expect(editor.locator("select[name=action] option[value=publish]")).to_have_count(0)
    editor.locator("select[name=action]").select_option("send_for_review")
    editor.get_by_role("button", name="Go").click()
    expect(editor.locator(".messagelist")).to_contain_text("1 initiative sent for review.")

    # The reviewer previews it, then publishes it.
    reviewer = sign_in(browser, live_server, reviewer_user)
    reviewer.goto(live_server.url + "/admin/initiatives/initiative/?status__exact=review")
    reviewer.get_by_role("link", name=TITLE).click()
    reviewer.get_by_role("link", name="Preview").click()
    expect(reviewer.get_by_role("status")).to_contain_text("Preview — not public.")
    expect(reviewer.get_by_role("heading", level=1)).to_have_text(TITLE)

    reviewer.goto(live_server.url + "/admin/initiatives/initiative/?status__exact=review")
    reviewer.get_by_role("row", name=TITLE).get_by_role("checkbox").check()
    reviewer.locator("select[name=action]").select_option("publish")
    reviewer.get_by_role("button", name="Go").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("1 initiative published.")

    # Now the anonymous visitor finds it in the list.
    visitor.goto(live_server.url + "/initiatives/")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    initiative.refresh_from_db()
    assert initiative.status_changed_by == reviewer_user
