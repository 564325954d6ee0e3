"""Recording a meeting on its form: an editor records a whole fictional meeting of the 20th's
size through the admin from what the secretariat receives (tests/support/fictional_meeting), a
reviewer publishes it, and the public pages show it. The test counts the page loads and form
submissions each needed and prints them with the wall time (run with -s to see them).

Measured on the shared 2-core machine under load, SQLite, the same meeting back to back:
- before the meeting's form took every part (this flow on the admin at fa612d3, commit
  74cd7c7): editor 11 page loads + 11 form submissions, 57.6 s (the meeting's form, a page of
  its own for the disagreement's versions, the list to send it for review); reviewer 6 loads +
  3 submissions, 13.1 s (the meeting, then the new bodies and the new sources, each from their
  own list); 123.5 s in all.
- after: editor 9 + 9, 58.0 s (one form sent for review with its save; 8 loads and 8
  submissions of those are the pop-ups that make 2 bodies, 3 people and 3 sources in place);
  reviewer 5 + 1, 6.0 s (the meeting, its review page, the preview, one button); 117.9 s in
  all, with the eight RTC pages now checked too. Typing dominates the editor's time, the same
  either way. With the list's own *Review* link the reviewer needs 4 loads + 1 submission.
- with the programme (five sessions, on the meeting's form and in its one save: no load or
  submission more) and who presented what in one session (three presentations, on that
  session's own page, after the form was sent, so the reviewer's page lists them as changes
  since): editor 10 + 10, 30.0 s and 31.1 s; reviewer 4 + 1, 1.4 s and 1.5 s (SQLite, two
  runs while other suites ran).
"""

import re

import pytest
from playwright.sync_api import expect

from initiatives.models import RTC
from meetings.models import Body, Meeting, Person, Session
from tests.browser.test_workflow import PASSWORD
from tests.support.fictional_meeting import Effort, read_account

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
    exact = re.compile(rf"^\s*{re.escape(option or search)}\s*$")
    chosen = page.locator(f"#{field_id} option:checked")
    # select2 redraws its results as each search answers, so a click can land on a list that is
    # being replaced (seen on a busy machine): the choice is read back from the <select> and
    # made again if it was lost.
    for _ in range(3):
        page.locator(f"#{field_id}").locator("xpath=following-sibling::span[1]").click()
        page.locator(".select2-search__field").last.fill(search)
        page.locator(".select2-results__option", has_text=exact).first.click()
        try:
            expect(chosen).to_have_text(exact, timeout=3000)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    expect(chosen).to_have_text(exact)


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


def fill_disagreement(page, account):
    point, fact = account.disagreement
    row = add_row(page, DISAGREEMENTS)
    page.locator(f"#id_{DISAGREEMENTS}-{row}-point").fill(point)
    page.locator(f"#id_{DISAGREEMENTS}-{row}-fact").fill(fact)
    for slot, (publisher, version) in enumerate(account.versions, start=1):
        _, title, _, _ = account.source(publisher)
        choose(page, f"id_{DISAGREEMENTS}-{row}-source_{slot}", title, f"{publisher}: {title}")
        page.locator(f"#id_{DISAGREEMENTS}-{row}-version_{slot}").fill(version)


def fill_sessions(page, account):
    """The programme as the note lists it; the order numbers, not the order of entry, set
    the order it shows in."""
    for order, day, kind, title in account.sessions:
        row = add_row(page, "sessions")
        page.locator(f"#id_sessions-{row}-order").fill(order)
        page.locator(f"#id_sessions-{row}-day").fill(day)
        page.locator(f"#id_sessions-{row}-kind").select_option(kind)
        page.locator(f"#id_sessions-{row}-title").fill(title)


def fill_presentations(page, account):
    """Who presented what is edited on the session's own page (Django's admin does not nest
    inlines): from the saved meeting's form, the session's link, its presentations, Save."""
    sessions = sorted({int(order) for order, *_ in account.presentations})
    assert len(sessions) == 1, "the sitting enters presentations for one session only"
    row = sorted(int(order) for order, *_ in account.sessions).index(sessions[0])
    page.locator(f"#sessions-{row}").get_by_role("link", name="Change").click()
    for order, (_, body, speaker, topic) in enumerate(account.presentations, start=1):
        row = add_row(page, "presentations")
        page.locator(f"#id_presentations-{row}-order").fill(str(order))
        choose(page, f"id_presentations-{row}-body", body)
        if speaker:
            person = Person.objects.get(name=speaker)
            choose(page, f"id_presentations-{row}-speaker", speaker, str(person))
        page.locator(f"#id_presentations-{row}-topic").fill(topic)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def record_meeting(page, live_server, account):
    """One sitting: the meeting's form, every part of it entered there, new bodies, people
    and sources made in Django's pop-ups, and sent for review with the same save; then who
    presented what in one session, on that session's page."""
    page.goto(live_server.url + "/admin/meetings/meeting/add/")
    fill_meeting(page, account)
    fill_participations(page, account)
    fill_roles(page, account)
    fill_sessions(page, account)
    fill_points(page, account)
    fill_citations(page, account)
    fill_disagreement(page, account)
    page.locator("#id_status").select_option(label="In review")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was sent for review.")
    expect(page.locator(".field-still_missing")).to_contain_text("Nothing: it can be sent")
    expect(page.locator("#id_status option:checked")).to_have_text("In review")
    fill_presentations(page, account)


def publish_after_review(page, live_server, account):
    """The reviewer's page: the preview, what changed since, and one button."""
    title = account.facts["Title"]
    page.goto(live_server.url + "/admin/meetings/meeting/?status__exact=review")
    page.get_by_role("row", name=title).get_by_role("link", name="Review", exact=True).click()
    # Who presented what went in on the session's page after the meeting's form was sent.
    changes = page.get_by_role("table", name="What changed since it was sent for review")
    for _, body, speaker, topic in account.presentations:
        who = Person.objects.get(name=speaker) if speaker else body
        expect(changes).to_contain_text(f"added: {who}: {topic}")
    expect(changes.locator("tbody tr")).to_have_count(len(account.presentations))
    expect(page.locator("#content-main")).to_contain_text("Fictional Islands Customs")
    page.get_by_role("link", name="See it as the public will (preview)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main")).to_contain_text(account.disagreement[0])
    page.go_back()
    page.get_by_role("button", name="Publish the meeting and everything entered with it").click()
    expect(page.locator(".messagelist")).to_contain_text(f"“{title}” is public")


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
    # The programme in the order its numbers give, whatever order it was entered in.
    programme = sorted(account.sessions, key=lambda session: int(session[0]))
    sessions = page.locator("ol.programme > li")
    expect(sessions.locator("h3")).to_have_text(
        [
            re.compile(rf"^Day {day}: {re.escape(title or Session.Kind(kind).label)}")
            for _, day, kind, title in programme
        ]
    )
    presented_in = [order for order, *_ in programme].index(account.presentations[0][0])
    expect(sessions.nth(presented_in).locator(".presentations li")).to_have_text(
        [
            re.compile(rf"^{re.escape(who)}: {re.escape(topic)}")
            for who, topic in (
                (f"{Person.objects.get(name=speaker)}, {body}" if speaker else body, topic)
                for _, body, speaker, topic in account.presentations
            )
        ]
    )

    page.goto(live_server.url + "/rtcs/")
    expect(
        page.locator("#roster-caption").locator("xpath=..").get_by_role("link", name="91")
    ).to_be_visible()
    hosts = [body for body, _, _ in account.participants]
    rtcs = RTC.objects.published().filter(host__name__in=hosts)
    # The ten administrations whose RTCs took part; the seed (the 19th meeting's records)
    # has the RTC records of eight of them, Iran's and Thailand's coming later.
    assert rtcs.count() == 8
    for rtc in rtcs:
        page.goto(live_server.url + rtc.get_absolute_url())
        expect(page.locator(".meetings-attended").get_by_role("link", name=title)).to_be_visible()
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
    record_meeting(editor, live_server, account)
    print(f"\nEditor: {editing}", *editing.steps, sep="\n  ")
    # One page, a pop-up (load and save) per record made in place, one save (the programme's
    # sessions go in it too); then one session's page for who presented what, and its save.
    made_in_place = 2 + 3 + 3
    assert (editing.page_loads, editing.submissions) == (
        1 + made_in_place + 1,
        made_in_place + 1 + 1,
    )

    reviewer, reviewing = signed_in_context(browser, live_server, reviewer_user)
    publish_after_review(reviewer, live_server, account)
    print(f"Reviewer: {reviewing}", *reviewing.steps, sep="\n  ")
    # The list, the review page, the preview and back; one button.
    assert (reviewing.page_loads, reviewing.submissions) == (4, 1)

    check_public_pages(browser.new_page(), live_server, account)
