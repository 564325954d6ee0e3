"""The secretariat's review in real headless Chromium: an editor drafts, a reviewer publishes,
and only then does the public see it."""

import pytest
from playwright.sync_api import expect

from initiatives.models import RTC, Initiative
from meetings.models import Participation, Silence, Status
from tests.support import factories
from tests.support.select2 import choose

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


def test_a_reviewer_publishes_an_incomplete_meeting_only_anyway_with_a_reason(
    browser, live_server, reviewer_user
):
    """The reviewer sees what the editor sees still missing; publishing over it, from the
    review page or the meetings list, asks for a reason that the meeting's history keeps."""
    meeting = factories.make_meeting(
        number=93, title="Fictional 93rd RTC Heads Meeting", slug="fictional-93rd",
        status=Status.DRAFT, format="hybrid", city="Palm Bay",
    )  # fmt: skip
    organiser = factories.make_body("Fictional Regional Office", status=Status.DRAFT)
    Participation.objects.create(meeting=meeting, body=organiser, role="organiser")
    Silence.objects.create(meeting=meeting, fact=Silence.Fact.CHAIR)
    source = factories.make_source("Fictional account of the 93rd", status=Status.DRAFT)
    for fact in ("", "dates", "size"):
        factories.cite(meeting, source, fact)
    reviewer = sign_in(browser, live_server, reviewer_user)

    # From the meetings list: nothing is published before a reason is given.
    reviewer.goto(live_server.url + "/admin/meetings/meeting/")
    reviewer.get_by_role("row", name=meeting.title).get_by_role("checkbox").check()
    reviewer.locator("select[name=action]").select_option("publish")
    reviewer.get_by_role("button", name="Go").click()
    expect(reviewer.get_by_role("heading", name="Publish anyway?")).to_be_visible()
    expect(reviewer.locator(".still-missing")).to_have_text("no summary")
    reviewer.screenshot(path="/tmp/meeting-model-publish-anyway-list.png", full_page=True)
    reviewer.get_by_role("link", name="Cancel: publish nothing").click()
    meeting.refresh_from_db()
    assert meeting.status == Status.DRAFT

    # The review page shows the same list, and the button publishes only with a reason.
    reviewer.goto(f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/review/")
    expect(reviewer.locator(".still-missing")).to_have_text("no summary")
    publish = reviewer.get_by_role("button", name="Publish anyway, with everything entered with it")
    publish.click()  # the browser refuses the empty reason
    meeting.refresh_from_db()
    assert meeting.status == Status.DRAFT
    reviewer.get_by_label("Publish anyway: why the public may see it").fill(
        "The only account gives no summary; the page says what it does give."
    )
    reviewer.screenshot(path="/tmp/meeting-model-publish-anyway.png", full_page=True)
    publish.click()
    expect(reviewer.locator(".messagelist")).to_contain_text(
        "is public, with what was entered with it (1 administration or body, 1 source, 1 meeting)"
    )
    meeting.refresh_from_db()
    assert meeting.status == Status.PUBLISHED

    reviewer.goto(f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/history/")
    expect(reviewer.locator("#change-history")).to_contain_text(
        "published anyway (The only account gives no summary; the page says what it does "
        "give.); lacking: no summary"
    )
    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + meeting.get_absolute_url())
    chaired = visitor.locator("dl.facts dt", has_text="Chaired by")
    expect(chaired.locator("xpath=following-sibling::dd[1]")).to_have_text(
        "not named in any account"
    )
