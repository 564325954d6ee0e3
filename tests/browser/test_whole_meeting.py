"""The whole-meeting spreadsheet in real Chromium, as an editor: from the meeting's page to the
dry run and the import, under the portal's Content-Security-Policy."""

import datetime

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, Status
from tests.browser.test_imports import watched
from tests.browser.test_workflow import sign_in
from tests.core.test_resources import run_worker
from tests.support import factories
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
    page.reload()
    expect(page.locator("#import-progress")).to_contain_text(
        "Nothing is saved yet: 27 new, 1 changed"
    )
    expect(page.locator("#import-progress")).to_contain_text("Mina Park")
    page.screenshot(path=str(tmp_path / "dry-run.png"), full_page=True)
    page.get_by_role("button", name="Confirm import").click()
    run_worker()
    page.reload()
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
