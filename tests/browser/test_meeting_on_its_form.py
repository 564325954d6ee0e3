"""Recording a meeting on its form: an editor records a whole fictional meeting through the
admin, a reviewer publishes it, and the public pages show it; one of the 20th's size from what
the secretariat receives (tests/support/fictional_meeting), one of the 22nd's shape (hybrid,
co-chaired by a body, delegations online, every row cited). Each test counts the page loads,
form submissions and server errors each needed and prints them with the wall time (run with -s
to see them); docs/benchmarks.md keeps the figures.

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
- with who presented what under its session on the meeting's form, and every row cited to the
  meeting's own sources by leaving its box empty: editor 9 + 9, 76.0 s; reviewer 4 + 1, 3.9 s
  (SQLite, a busy machine).
"""

import re

import pytest
from playwright.sync_api import expect

from initiatives.models import RTC
from meetings.models import Body, Meeting, Person, Presentation, Session
from tests.browser.test_workflow import PASSWORD
from tests.support.fictional_meeting import Effort, read_account
from tests.support.select2 import choose

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


def add_row(page, prefix):
    """Click the inline's "Add another …" and return the new row's index. The inline's own
    link is the last in its group: a session's group holds its presentations' links first."""
    index = int(page.locator(f"#id_{prefix}-TOTAL_FORMS").input_value())
    page.locator(f"#{prefix}-group .djn-add-handler").last.click()
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


def new_person(honorific, name, body):
    """The pop-up does not ask the post: the row does (the post held then)."""

    def fill(popup):
        popup.locator("#id_honorific").fill(honorific)
        popup.locator("#id_name").fill(name)
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
            create_in_popup(page, field, new_person(honorific, name, body))
        page.locator(f"#id_roles-{row}-position").fill(post)
        choose(page, f"id_roles-{row}-body", body)
        page.locator(f"#id_roles-{row}-order").fill(str(order))


def fill_points(page, points):
    """Points as [(kind, text, body or "")], in order."""
    for order, (kind, text, body) in enumerate(points, start=1):
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
        page.locator(f"#id_{CITATIONS}-{row}-fact").select_option(fact)


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
    """Who presented what, on its session's row of the meeting's form."""
    rows = [order for order, *_ in account.sessions]
    for number, (session, body, speaker, topic) in enumerate(account.presentations, start=1):
        prefix = f"sessions-{rows.index(session)}-presentations"
        row = add_row(page, prefix)
        page.locator(f"#id_{prefix}-{row}-order").fill(str(number))
        choose(page, f"id_{prefix}-{row}-body", body)
        if speaker:
            person = Person.objects.get(name=speaker)
            choose(page, f"id_{prefix}-{row}-speaker", speaker, str(person))
        page.locator(f"#id_{prefix}-{row}-topic").fill(topic)


def record_meeting(page, live_server, account):
    """One sitting: the meeting's form, every part of it entered there (who presented what on
    its session's row), new bodies, people and sources made in Django's pop-ups, every row
    cited to the meeting's own sources by leaving its box empty, and sent for review with the
    same save."""
    page.goto(live_server.url + "/admin/meetings/meeting/add/")
    fill_meeting(page, account)
    fill_participations(page, account)
    fill_roles(page, account)
    fill_sessions(page, account)
    fill_presentations(page, account)
    fill_points(page, account.points)
    fill_citations(page, account)
    fill_disagreement(page, account)
    page.locator("#id_status").select_option(label="In review")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was sent for review.")
    expect(page.locator(".field-still_missing")).to_contain_text("Nothing: it can be sent")
    expect(page.locator("#id_status option:checked")).to_have_text("In review")


def publish_after_review(page, live_server, account):
    """The reviewer's page: the preview, what changed since, and one button."""
    title = account.facts["Title"]
    page.goto(live_server.url + "/admin/meetings/meeting/?status__exact=review")
    page.get_by_role("row", name=title).get_by_role("link", name="Review", exact=True).click()
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
    # sessions with who presented what, and every row's sources, go in it too).
    made_in_place = 2 + 3 + 3
    assert (editing.page_loads, editing.submissions) == (1 + made_in_place, made_in_place + 1)

    reviewer, reviewing = signed_in_context(browser, live_server, reviewer_user)
    publish_after_review(reviewer, live_server, account)
    print(f"Reviewer: {reviewing}", *reviewing.steps, sep="\n  ")
    # The list, the review page, the preview and back; one button.
    assert (reviewing.page_loads, reviewing.submissions) == (4, 1)

    check_public_pages(browser.new_page(), live_server, account)
    meeting = Meeting.objects.get(number=int(account.facts["Number"]))
    rows = [
        *meeting.participations.all(),
        *meeting.roles.all(),
        *meeting.sessions.all(),
        *Presentation.objects.filter(session__meeting=meeting),
        *meeting.discussion_points.all(),
    ]
    assert [row for row in rows if not row.citations.exists()] == []


# --- The measure: a hybrid meeting of the 22nd's shape ---------------------------------------
# A fictitious meeting: hybrid, co-chaired by its host administration (no person named), one
# delegation and the WCO online, welcome, opening, further remarks and closing in the order they
# came, the programme with who presented what, topics taken up, a fact the accounts leave
# unsaid, and every row cited. Two accounts: an official one for everything, a press one that
# alone says who joined online.
HOST = "Fictional Isles Customs"
OFFICIAL = ("Fictional Regional Office", "Fictional 93rd meeting of RTC heads", "official")
PRESS = ("Fictional Customs Weekly", "RTC heads meet in Port Fictio", "press")
HYBRID_FACTS = [(OFFICIAL, ""), (OFFICIAL, "dates"), (OFFICIAL, "format"), (OFFICIAL, "venue")]
HYBRID_FACTS += [(PRESS, "")]
# (body, role, mode, note, the sources chosen where not the meeting's own)
HYBRID_PARTICIPANTS = [
    ("ROCB A/P", "organiser", "", "", None),
    (HOST, "host", "in_person", "Host; co-chair", None),
    ("China", "participant", "online", "RTC delegation", PRESS),
    ("Japan", "participant", "in_person", "RTC head", None),
    ("Korea", "participant", "in_person", "RTC head", None),
    ("Malaysia", "participant", "in_person", "RTC head", None),
    ("WCO", "represented", "online", "WCO Secretariat", None),
]
# (part, honorific, person or "", post, body, online), in the order they happened.
HYBRID_PARTS = [
    ("co_chair", "", "", "", HOST, False),
    ("welcome", "Mx.", "Ana Fictora", "Principal of the Fictional Isles Academy", HOST, False),
    ("opening", "Mr.", "Ben Placeholder", "Commissioner of Fictional Isles Customs", HOST, False),
    ("opening", "Ms.", "Cara Exemplar", "Head of the fictional regional office", "ROCB A/P", False),
    ("further_remarks", "Dr.", "Dan Sample", "Fictional capacity-building deputy", "WCO", True),
    ("closing", "Ms.", "Cara Exemplar", "Head of the fictional regional office", "ROCB A/P", False),
]
# (day, kind, title, [(body, speaker or "", subject)])
HYBRID_SESSIONS = [
    ("1", "opening", "", []),
    (
        "2",
        "rtc_presentations",
        "What each RTC tried this year",
        [
            ("Japan", "", "Fictional subject: a trainee follow-up survey"),
            ("Korea", "", "Fictional subject: a shared question bank"),
            (HOST, "Ben Placeholder", "Fictional subject: blended courses at a small academy"),
        ],
    ),
    ("3", "breakout", "", []),
    ("3", "closing", "", []),
]
HYBRID_TOPICS = [
    ("E-learning", "Fictional note: which courses move online first."),
    ("Virtual reality training", "Fictional note: sharing one simulator between RTCs."),
]
HYBRID_POINTS = [
    ("priority", "Fictional priority: one question bank for every RTC", ""),
    ("commitment", "Fictional commitment: host the question bank", "Korea"),
]


def source_option(source):
    publisher, title, _ = source
    return f"{publisher}: {title}"


def fill_hybrid_meeting(page):
    page.locator("#id_number").fill("93")
    page.locator("#id_title").fill("Fictional 93rd RTC Heads Meeting")
    # Typed as the account gives them, and as a calendar note does.
    page.locator("#id_start_date").fill("12 March 2032")
    page.locator("#id_end_date").fill("14/03/2032")
    page.locator("#id_format").select_option("hybrid")
    page.locator("#id_venue").fill("Fictional Isles Customs Academy")
    page.locator("#id_city").fill("Port Fictio")
    page.locator("#id_country").fill("Fictional Isles")
    page.locator("#id_theme").fill("Training that travels")
    page.locator("#id_summary").fill(
        "A fictitious hybrid meeting of RTC heads, co-chaired by its host administration."
    )
    made = set()
    for source, fact in HYBRID_FACTS:
        row = add_row(page, CITATIONS)
        field = f"id_{CITATIONS}-{row}-source"
        if source in made:
            choose(page, field, source[1], source_option(source))
        else:
            publisher, title, kind = source
            url = f"https://example.org/fictional/{kind}-93"
            create_in_popup(page, field, new_source(publisher, title, url, kind))
            made.add(source)
        page.locator(f"#id_{CITATIONS}-{row}-fact").select_option(fact)
    # The accounts give no head count: recorded as such, not left a gap.
    row = add_row(page, "silences")
    page.locator(f"#id_silences-{row}-fact").select_option("participant_count")


def fill_hybrid_participants(page):
    for body, role, mode, note, source in HYBRID_PARTICIPANTS:
        row = add_row(page, "participations")
        field = f"id_participations-{row}-body"
        if body == HOST:
            create_in_popup(page, field, new_body(body))
        else:
            choose(page, field, body)
        page.locator(f"#id_participations-{row}-role").select_option(role)
        page.locator(f"#id_participations-{row}-mode").select_option(mode)
        page.locator(f"#id_participations-{row}-note").fill(note)
        if source:
            choose(page, f"id_participations-{row}-sources", source[1], source_option(source))


def fill_hybrid_parts(page):
    made = set()
    for order, (part, honorific, name, post, body, online) in enumerate(HYBRID_PARTS, start=1):
        row = add_row(page, "roles")
        page.locator(f"#id_roles-{row}-kind").select_option(part)
        if name in made:
            choose(page, f"id_roles-{row}-person", name, f"{honorific} {name}")
        elif name:
            create_in_popup(page, f"id_roles-{row}-person", new_person(honorific, name, body))
            made.add(name)
        page.locator(f"#id_roles-{row}-position").fill(post)
        choose(page, f"id_roles-{row}-body", body)
        page.locator(f"#id_roles-{row}-order").fill(str(order))
        if online:
            page.locator(f"#id_roles-{row}-online").check()


def fill_hybrid_programme(page):
    for order, (day, kind, title, presented) in enumerate(HYBRID_SESSIONS, start=1):
        row = add_row(page, "sessions")
        page.locator(f"#id_sessions-{row}-order").fill(str(order))
        page.locator(f"#id_sessions-{row}-day").fill(day)
        page.locator(f"#id_sessions-{row}-kind").select_option(kind)
        page.locator(f"#id_sessions-{row}-title").fill(title)
        prefix = f"sessions-{row}-presentations"
        for number, (body, speaker, subject) in enumerate(presented, start=1):
            line = add_row(page, prefix)
            page.locator(f"#id_{prefix}-{line}-order").fill(str(number))
            choose(page, f"id_{prefix}-{line}-body", body)
            if speaker:
                choose(page, f"id_{prefix}-{line}-speaker", speaker, str(speaker_named(speaker)))
            page.locator(f"#id_{prefix}-{line}-topic").fill(subject)


def speaker_named(name):
    honorific = next(part[1] for part in HYBRID_PARTS if part[2] == name)
    return f"{honorific} {name}"


def fill_hybrid_topics_and_points(page):
    for topic, note in HYBRID_TOPICS:
        row = add_row(page, "topic_entries")
        choose(page, f"id_topic_entries-{row}-topic", topic)
        page.locator(f"#id_topic_entries-{row}-note").fill(note)
    fill_points(page, HYBRID_POINTS)


def record_hybrid_meeting(page, live_server):
    """One sitting, one save: every row cited by leaving its box empty (the meeting's own
    sources), but for the delegation whose online part only the press reported."""
    page.goto(live_server.url + "/admin/meetings/meeting/add/")
    fill_hybrid_meeting(page)
    fill_hybrid_participants(page)
    fill_hybrid_parts(page)
    fill_hybrid_programme(page)
    fill_hybrid_topics_and_points(page)
    page.locator("#id_status").select_option(label="In review")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was sent for review.")
    expect(page.locator(".field-still_missing")).to_contain_text("Nothing: it can be sent")


def publish_hybrid_meeting(page, live_server, title):
    page.goto(live_server.url + "/admin/meetings/meeting/?status__exact=review")
    page.get_by_role("row", name=title).get_by_role("link", name="Review", exact=True).click()
    expect(page.locator("#content-main")).to_contain_text(HOST)
    page.get_by_role("link", name="See it as the public will (preview)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.go_back()
    page.get_by_role("button", name="Publish the meeting and everything entered with it").click()
    expect(page.locator(".messagelist")).to_contain_text(f"“{title}” is public")


def every_row(meeting):
    return [
        *meeting.participations.all(),
        *meeting.roles.all(),
        *meeting.silences.all(),
        *meeting.sessions.all(),
        *Presentation.objects.filter(session__meeting=meeting),
        *meeting.topic_entries.all(),
        *meeting.discussion_points.all(),
    ]


def test_an_editor_records_a_hybrid_meeting_in_one_sitting_and_a_reviewer_publishes_it(
    browser, live_server, seeded, editor_user, reviewer_user
):
    editor, editing = signed_in_context(browser, live_server, editor_user)
    record_hybrid_meeting(editor, live_server)
    print(f"\nEditor: {editing}", *editing.steps, sep="\n  ")
    reviewer, reviewing = signed_in_context(browser, live_server, reviewer_user)
    title = "Fictional 93rd RTC Heads Meeting"
    publish_hybrid_meeting(reviewer, live_server, title)
    print(f"Reviewer: {reviewing}", *reviewing.steps, sep="\n  ")

    assert editing.server_errors == [] and reviewing.server_errors == []
    # The form, then a pop-up (load and save) for each of the 2 sources, the host and the 4
    # people made in place; the one save sends it for review.
    assert (editing.page_loads, editing.submissions) == (1 + 7, 7 + 1)
    assert editing.page_loads < 25 and editing.submissions < 15
    assert (reviewing.page_loads, reviewing.submissions) == (4, 1)

    meeting = Meeting.objects.get(number=93)
    assert (str(meeting.start_date), str(meeting.end_date)) == ("2032-03-12", "2032-03-14")
    rows = every_row(meeting)
    assert len(rows) == 7 + 6 + 1 + 4 + 3 + 2 + 2
    assert [row for row in rows if not row.citations.exists()] == []
    china = meeting.participations.get(body__name="China")
    assert [c.source.publisher for c in china.citations.all()] == ["Fictional Customs Weekly"]

    page = browser.new_page()
    page.goto(live_server.url + meeting.get_absolute_url())
    main = page.locator("main")
    co_chair = main.locator("dt", has_text="Co-chaired by").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(co_chair).to_contain_text(HOST)
    expect(
        main.locator("dt", has_text="Format").locator("xpath=following-sibling::dd[1]")
    ).to_contain_text("online: China, WCO")
    for _, _, name, _, _, _ in HYBRID_PARTS[1:]:
        expect(main).to_contain_text(name)
    for _, _, presented in (session[1:] for session in HYBRID_SESSIONS):
        for _, _, subject in presented:
            expect(main).to_contain_text(subject)
    for topic, _ in HYBRID_TOPICS:
        expect(main.get_by_role("link", name=topic).first).to_be_visible()
