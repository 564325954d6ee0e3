"""The whole-meeting spreadsheet in real Chromium, as an editor: from the meeting's page to the
dry run and the import, under the portal's Content-Security-Policy; and the spreadsheet route
to a new meeting (export one, edit it into another, import it from the meetings list), whose
page loads, form submissions and wall time it prints (run with -s to see them)."""

import datetime
import io

import openpyxl
import pytest
from playwright.sync_api import expect

from core.models import SpreadsheetImport
from meetings.models import Body, Meeting, Status
from sources.models import Citation, Source
from tests.browser.test_imports import watched
from tests.browser.test_meeting_on_its_form import signed_in_context
from tests.browser.test_workflow import sign_in
from tests.core.test_resources import run_worker
from tests.support import factories
from tests.support.fictional_meeting import Effort
from tests.support.whole_meeting import fictional_meeting_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_fills_a_draft_meeting_from_one_spreadsheet(
    browser, live_server, seeded, editor_user, tmp_path
):
    meeting = factories.make_meeting(
        99,
        status=Status.DRAFT,
        start_date=datetime.date(2030, 11, 8),
        end_date=datetime.date(2030, 11, 9),
    )
    upload = tmp_path / "fictional-meeting.xlsx"
    upload.write_bytes(fictional_meeting_xlsx())
    page, console = watched(sign_in(browser, live_server, editor_user))
    page.goto(f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/change/")
    page.get_by_role("link", name="Import whole meeting").click()
    page.set_input_files("#id_import_file", str(upload))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-progress")).to_contain_text("Checking the file")
    run_worker()
    # The page refreshes itself every 2 s until the worker is done; the user waits.
    expect(page.locator("#import-progress")).to_contain_text(
        "Nothing is saved yet: 27 new, 1 changed"
    )
    expect(page.locator("#import-progress")).to_contain_text("Mina Park")
    page.screenshot(path=str(tmp_path / "dry-run.png"), full_page=True)
    page.get_by_role("button", name="Confirm import").click()
    run_worker()
    # The page refreshes itself every 2 s until the worker is done; the user waits.
    expect(page.locator("#import-progress")).to_contain_text("Import finished: 27 new, 1 changed")
    meeting.refresh_from_db()
    assert meeting.title == "Fictional RTC Heads Meeting"
    assert meeting.status == Status.DRAFT
    assert meeting.participations.count() == 13
    assert meeting.sessions.get(order=2).day == 2
    assert Meeting.objects.get(pk=meeting.pk).roles.get(kind="chair").person.name == "Mina Park"
    assert page.evaluate("window.cspViolations") == []
    assert console == []


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_meetings_tools_leave_its_heading_readable(
    browser, live_server, seeded, editor_user, width
):
    # Eight tools used to float up beside the heading in two rows, the second over the title.
    page = sign_in(browser, live_server, editor_user)
    page.set_viewport_size({"width": width, "height": 900})
    meeting = Meeting.objects.get(number=19)
    page.goto(f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/change/")
    heading = page.locator("#content > h2").bounding_box()
    for tool in page.locator(".object-tools li").all():
        box = tool.bounding_box()
        assert box["y"] >= heading["y"] + heading["height"] or (
            box["y"] + box["height"] <= heading["y"]
        ), f"a tool covers the heading at {width} px"
    expect(page.locator("#content > h2")).to_have_text(meeting.title)


class WaitingEffort(Effort):
    """Effort, with the upload's page refreshing itself while the worker runs (the same
    address loaded again) counted apart: the user waits, and opens nothing."""

    def __init__(self, context):
        super().__init__(context)
        self.refreshes = 0
        self.address = ""

    def count(self, request):
        if not request.is_navigation_request():
            return
        if request.method == "GET" and request.url == self.address:
            self.refreshes += 1
            return
        self.address = request.url  # a redirect's target too
        super().count(request)

    def __str__(self):
        return f"{super().__str__()} ({self.refreshes} refreshes while the worker ran)"


def into_a_new_meeting(data):
    """The 19th meeting's export edited, as an editor would in a spreadsheet, into a fictitious
    31st meeting: its own number, title, dates and place, a hybrid format, a new body that hosted
    it in person (with the source that says so), a new chair and a body co-chairing, and the
    rest as at the 19th."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    meeting = workbook["Meeting"]
    headings = [cell.value for cell in meeting[1]]
    for heading, value in {
        "number": 31,
        "title": "Fictitious 31st RTC Heads Meeting",
        "theme": "Training that travels",
        "start date": "24 September 2031",
        "end date": "26/09/2031",
        "format": "Hybrid",
        "venue": "Fictitious Customs Academy",
        "city": "Harbourtown",
        "country": "Atlantis",
        "participants": "about 30",
    }.items():
        meeting.cell(row=2, column=headings.index(heading) + 1, value=value)
    workbook["New bodies"].append(["Atlantis Customs", "", "Customs administration", ""])
    workbook["New sources"].append(
        [
            "S91",
            "Fictitious 31st RTC Heads Meeting held in Harbourtown",
            "Atlantis Customs",
            "https://customs.example.org/news/31st-rtc-heads-meeting",
            "Official account",
            "2031-09-27",
            "",
            "",
            "",
        ]
    )
    workbook["Participations"].append(
        ["P90", "Atlantis Customs", "Host", "In person", "Hosted the meeting"]
    )
    roles = workbook["Roles"]
    roles.append(["R90", 9, "Chair", "Ilse Marin", "Director General", "Atlantis Customs", "no"])
    # The account names the co-chair's body, not a person.
    roles.append(["R91", 10, "Co-chair", "", "", "ROCB A/P", "no"])
    citations = workbook["Citations"]
    for ref, fact in (("M", "dates"), ("M", "place"), ("P90", ""), ("R90", "")):
        citations.append([ref, "S91", fact, "", ""])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_an_editor_records_a_new_meeting_by_editing_another_ones_spreadsheet(
    browser, live_server, seeded, editor_user, tmp_path
):
    nineteenth = Meeting.objects.get(number=19)
    page, effort = signed_in_context(browser, live_server, editor_user)
    effort = WaitingEffort(page.context)
    page, console = watched(page)

    # Export the 19th meeting from its page.
    page.goto(f"{live_server.url}/admin/meetings/meeting/")
    page.get_by_role("link", name=nineteenth.title, exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Export whole meeting").click()
    exported = tmp_path / "19th.xlsx"
    download.value.save_as(exported)

    # Edit it into a new meeting, as in a spreadsheet program.
    upload = tmp_path / "fictitious-31st-meeting.xlsx"
    upload.write_bytes(into_a_new_meeting(exported.read_bytes()))

    # Import it from the meetings list: the dry run, then the confirmation.
    # The breadcrumbs' last "Meetings" is the list (the first, the app's index).
    page.locator(".breadcrumbs").get_by_role("link", name="Meetings", exact=True).last.click()
    page.screenshot(path=str(tmp_path / "meetings-list.png"))
    page.get_by_role("link", name="Import a whole meeting").click()
    page.set_input_files("#id_import_file", str(upload))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-progress")).to_contain_text("Checking the file")
    run_worker()
    # The page refreshes itself every 2 s until the worker is done; the user waits.
    progress = page.locator("#import-progress")
    expect(progress).to_contain_text(
        "It will create meeting 31, “Fictitious 31st RTC Heads Meeting”, as a draft."
    )
    expect(page.locator("#import-drafts")).to_contain_text(
        "Will create draft administration or body “Atlantis Customs”"
    )
    expect(progress).to_contain_text("Ilse Marin")
    assert not Meeting.objects.filter(number=31).exists()
    page.screenshot(path=str(tmp_path / "dry-run.png"), full_page=True)
    page.get_by_role("button", name="Confirm import").click()
    run_worker()
    # The page refreshes itself every 2 s until the worker is done; the user waits.
    expect(progress).to_contain_text("Import finished")
    page.get_by_role("link", name="Open the new meeting").click()
    expect(page.locator("#id_title")).to_have_value("Fictitious 31st RTC Heads Meeting")
    rows = SpreadsheetImport.objects.latest("created_at").new
    print(f"\nSpreadsheet route, editor, {rows} new rows: {effort}", *effort.steps, sep="\n  ")

    meeting = Meeting.objects.get(number=31)
    assert (meeting.status, meeting.format, meeting.start_date, meeting.end_date) == (
        Status.DRAFT,
        Meeting.Format.HYBRID,
        datetime.date(2031, 9, 24),
        datetime.date(2031, 9, 26),
    )
    assert meeting.participations.count() == nineteenth.participations.count() + 1
    assert meeting.roles.count() == nineteenth.roles.count() + 2
    assert meeting.roles.get(kind="co_chair", person=None).body.name == "ROCB A/P"
    assert meeting.participations.get(body__name="Atlantis Customs").mode == "in_person"
    assert meeting.interventions.count() == nineteenth.interventions.count()
    assert meeting.discussion_points.count() == nineteenth.discussion_points.count()
    assert meeting.sessions.count() == nineteenth.sessions.count()
    chair = meeting.roles.get(kind="chair", person__name="Ilse Marin")
    atlantis = Body.objects.get(name="Atlantis Customs")
    assert (chair.body, atlantis.status) == (atlantis, Status.DRAFT)
    source = Source.objects.get(tag="S91")
    assert source.status == Status.DRAFT
    # Facts given by their labels in the file ("place") are stored as the page's facts.
    facts = Citation.objects.filter(meeting=meeting, source=source).values_list("fact", flat=True)
    assert sorted(facts) == ["dates", "venue"]
    # The 19th meeting is as it was.
    assert Meeting.objects.get(number=19).title == nineteenth.title
    # The list, the meeting, its export; the list, the upload form, the new meeting; the upload
    # and the confirmation: the same however large the meeting.
    assert (effort.page_loads, effort.submissions) == (6, 2)
    assert page.evaluate("window.cspViolations") == []
    assert console == []
