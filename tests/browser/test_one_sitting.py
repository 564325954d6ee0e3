"""Issue 12's measure: an editor records a whole fictional meeting of the 20th's size through
the admin from what the secretariat receives (tests/support/sitting), a reviewer publishes it,
and the public pages show it. The test counts the page loads and form submissions each needed
and prints them with the wall time (run with -s to see them).

Before issue 12 (the admin at fa612d3, this flow, SQLite, on the shared 2-core machine):
editor 11 page loads + 11 form submissions, 50.8 s; reviewer 6 page loads + 3 submissions,
8.1 s (the meeting, then the new bodies and sources from their own lists); 100 s in all.
"""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import Body, Meeting, Person
from sources.models import Source
from tests.browser.test_workflow import PASSWORD
from tests.support.sitting import Effort, read_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITATIONS = "sources-citation-content_type-object_id"
DISAGREEMENTS = "sources-disagreement-content_type-object_id"
ROLE_KINDS = {"opening": "Opening", "chair": "Chair"}
BODY_KINDS = {"Fictional Islands Customs": "Customs administration"}


def signed_in_context(browser, live_server, user):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Meetings, RTCs and initiatives")).to_be_visible()
    # Signing in is not part of the work measured.
    return page, Effort(context)


def choose(page, field_id, search, option=None):
    """Pick in an autocomplete (select2) box: type `search`, click the option reading exactly
    `option` (default: `search`)."""
    page.locator(f"#{field_id}").locator("xpath=following-sibling::span[1]").click()
    page.locator(".select2-search__field").last.fill(search)
    exact = re.compile(rf"^\s*{re.escape(option or search)}\s*$")
    page.locator(".select2-results__option", has_text=exact).first.click()


def add_row(page, prefix):
    """Click the inline's "Add another …" and return the new row's index."""
    index = page.locator(f"#{prefix}-group .dynamic-{prefix}").count()
    page.locator(f"#{prefix}-group .add-row a").click()
    expect(page.locator(f"#{prefix}-{index}")).to_be_attached()
    return index


def create_in_popup(page, field_id, fill):
    """Django's "+" beside a choice: the pop-up's form, filled by `fill(popup)` and saved;
    the new record is then chosen in the field."""
    with page.expect_popup() as opening:
        page.locator(f"#add_{field_id}").click()
    popup = opening.value
    fill(popup)
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(f"#{field_id} option:checked")).not_to_have_text("---------")


def new_body(name):
    def fill(popup):
        popup.locator("#id_name").fill(name)
        popup.locator("#id_kind").select_option(
            label=BODY_KINDS.get(name, "Customs administration")
        )

    return fill


def new_person(honorific, name, post, body):
    def fill(popup):
        popup.locator("#id_honorific").fill(honorific)
        popup.locator("#id_name").fill(name)
        popup.locator("#id_position").fill(post)
        choose(popup, "id_body", body)

    return fill


def new_source(publisher, title, url, kind):
    def fill(popup):
        popup.locator("#id_title").fill(title)
        popup.locator("#id_publisher").fill(publisher)
        popup.locator("#id_url").fill(url)
        popup.locator("#id_kind").select_option(kind)

    return fill


def fill_meeting(page, account):
    facts = account.facts
    start, end = facts["Dates"].split(" to ")
    venue, city, country = (part.strip() for part in facts["Venue"].split(","))
    page.locator("#id_number").fill(facts["Number"])
    page.locator("#id_title").fill(facts["Title"])
    page.locator("#id_theme").fill(facts["Theme"])
    page.locator("#id_start_date").fill(start)
    page.locator("#id_end_date").fill(end)
    page.locator("#id_format").select_option(label=facts["Format"].capitalize())
    page.locator("#id_venue").fill(venue)
    page.locator("#id_city").fill(city)
    page.locator("#id_country").fill(country)
    page.locator("#id_participant_count").fill(facts["Participants"])
    page.locator("#id_summary").fill(
        "A fictional three-day meeting on measuring what training changes at the border."
    )


def fill_participations(page, account):
    for body, role, note in account.participants:
        row = add_row(page, "participations")
        field = f"id_participations-{row}-body"
        if Body.objects.filter(name=body).exists():
            choose(page, field, body)
        else:
            create_in_popup(page, field, new_body(body))
        page.locator(f"#id_participations-{row}-role").select_option(role)
        page.locator(f"#id_participations-{row}-note").fill(note)


def fill_roles(page, account):
    for order, (kind, honorific, name, post, body) in enumerate(account.roles, start=1):
        row = add_row(page, "roles")
        page.locator(f"#id_roles-{row}-kind").select_option(label=ROLE_KINDS[kind])
        field = f"id_roles-{row}-person"
        if Person.objects.filter(name=name).exists():
            choose(page, field, name, f"{honorific} {name}")
        else:
            create_in_popup(page, field, new_person(honorific, name, post, body))
        page.locator(f"#id_roles-{row}-position").fill(post)
        choose(page, f"id_roles-{row}-body", body)
        page.locator(f"#id_roles-{row}-order").fill(str(order))


def fill_points(page, account):
    for order, (kind, text, body) in enumerate(account.points, start=1):
        row = add_row(page, "discussion_points")
        page.locator(f"#id_discussion_points-{row}-kind").select_option(kind)
        page.locator(f"#id_discussion_points-{row}-text").fill(text)
        if body:
            choose(page, f"id_discussion_points-{row}-body", body)
        page.locator(f"#id_discussion_points-{row}-order").fill(str(order))


def fill_citations(page, account):
    created = set()
    for publisher, fact in account.citations:
        row = add_row(page, CITATIONS)
        field = f"id_{CITATIONS}-{row}-source"
        _, title, url, kind = account.source(publisher)
        if publisher in created:
            choose(page, field, title, f"{publisher}: {title}")
        else:
            create_in_popup(page, field, new_source(publisher, title, url, kind))
            created.add(publisher)
        page.locator(f"#id_{CITATIONS}-{row}-fact").fill(fact)


def record_meeting_as_before(page, live_server, account):
    """The admin as it was before issue 12: one form for the meeting and its inlines, the
    disagreement's versions on a page of their own, then the list action to send it for
    review."""
    page.goto(live_server.url + "/admin/meetings/meeting/add/")
    fill_meeting(page, account)
    fill_participations(page, account)
    fill_roles(page, account)
    fill_points(page, account)
    fill_citations(page, account)
    point = account.disagreement[0]
    row = add_row(page, DISAGREEMENTS)
    page.locator(f"#id_{DISAGREEMENTS}-{row}-point").fill(point)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.locator(f"#{DISAGREEMENTS}-group").get_by_role("link", name="Change").click()
    for order, (publisher, version) in enumerate(account.versions, start=1):
        row = add_row(page, "accounts")
        _, title, _, _ = account.source(publisher)
        choose(page, f"id_accounts-{row}-source", title, f"{publisher}: {title}")
        page.locator(f"#id_accounts-{row}-version").fill(version)
        page.locator(f"#id_accounts-{row}-order").fill(str(order))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_server.url + "/admin/meetings/meeting/?status__exact=draft")
    page.get_by_role("row", name=account.facts["Title"]).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("send_for_review")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 meeting sent for review.")


def publish_from_list(page, live_server, path, names, done):
    page.goto(f"{live_server.url}{path}?status__exact=draft")
    for name in names:
        page.get_by_role("row", name=name).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text(done)


def publish_as_before(page, live_server, account):
    """Before issue 12 a reviewer published the meeting, then each new body and source from
    their own lists."""
    title = account.facts["Title"]
    page.goto(live_server.url + "/admin/meetings/meeting/?status__exact=review")
    page.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Preview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.goto(live_server.url + "/admin/meetings/meeting/?status__exact=review")
    page.get_by_role("row", name=title).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 meeting published.")
    drafts = list(Body.objects.filter(status="draft").values_list("name", flat=True))
    publish_from_list(page, live_server, "/admin/meetings/body/", drafts, "published")
    sources = list(Source.objects.filter(status="draft").values_list("title", flat=True))
    publish_from_list(page, live_server, "/admin/sources/source/", sources, "published")


def check_public_pages(page, live_server, account):
    title = account.facts["Title"]
    meeting = Meeting.objects.get(number=int(account.facts["Number"]))
    page.goto(live_server.url + meeting.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    body = page.locator("main")
    expect(body).to_contain_text("Ms. Farah Fictiva")
    expect(body).to_contain_text("Fictional Islands Customs")
    for _, text, _ in account.points:
        expect(body).to_contain_text(text)
    for _, source_title, _, _ in account.sources:
        expect(body).to_contain_text(source_title)
    expect(body).to_contain_text(account.disagreement[0])
    for _, version in account.versions:
        expect(body).to_contain_text(version)

    page.goto(live_server.url + "/rtcs/")
    expect(
        page.locator("#roster-caption").locator("xpath=..").get_by_role("link", name="91")
    ).to_be_visible()
    page.goto(live_server.url + "/administrations/attendance/")
    expect(page.locator("thead").get_by_role("link", name=title)).to_be_visible()
    calendar = page.request.get(live_server.url + "/meetings/calendar.ics").text()
    assert f"SUMMARY:{title}" in calendar.replace("\r\n ", "")
    page.goto(live_server.url + "/search/?q=measuring+training")
    expect(
        page.locator("main").get_by_role("link", name=re.compile("Fictional 91st"))
    ).not_to_have_count(0)


def test_an_editor_records_a_whole_meeting_and_a_reviewer_publishes_it(
    browser, live_server, seeded, editor_user, reviewer_user
):
    account = read_account()
    editor, editing = signed_in_context(browser, live_server, editor_user)
    record_meeting_as_before(editor, live_server, account)
    print(f"\nEditor: {editing}")

    reviewer, reviewing = signed_in_context(browser, live_server, reviewer_user)
    publish_as_before(reviewer, live_server, account)
    print(f"Reviewer: {reviewing}")

    check_public_pages(browser.new_page(), live_server, account)
