"""Materials in real headless Chromium: a secretariat editor uploads a presentation and a
report to a meeting, a reviewer publishes them, and an anonymous visitor finds a word only
the slides contain through /search/ and opens the slides."""

import pytest
from playwright.sync_api import expect

from documents.models import Document
from meetings.models import Meeting, Status
from tests.browser.test_workflow import sign_in
from tests.support import files

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("tasks_at_once"),
]

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def test_uploaded_slides_are_published_and_found_from_the_search(
    browser, live_server, seeded, editor_user, reviewer_user
):
    meeting = Meeting.objects.get(slug="19th-rtc-heads-meeting")
    slides = files.pptx_file(("Japan RTC", "Opening"), ("Simulators", "Holographic inspections"))

    editor = sign_in(browser, live_server, editor_user)
    editor.goto(f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/change/")
    editor.get_by_role("link", name="Upload documents").click()
    editor.get_by_label("Files").set_input_files(
        [
            {"name": "Japan_RTC_slides.pptx", "mimeType": PPTX, "buffer": slides},
            {
                "name": "Summary record.pdf",
                "mimeType": "application/pdf",
                "buffer": files.pdf("Record"),
            },
        ]
    )
    editor.get_by_label("Kind").select_option("presentation")
    editor.get_by_role("button", name="Upload").click()
    expect(editor.locator(".messagelist")).to_contain_text("2 document(s) uploaded")
    assert Document.objects.filter(status=Status.DRAFT).count() == 2

    editor.goto(live_server.url + "/admin/documents/document/?status__exact=draft")
    editor.locator("#action-toggle").check()
    editor.locator("select[name=action]").select_option("send_for_review")
    editor.get_by_role("button", name="Go").click()
    expect(editor.locator(".messagelist")).to_contain_text("2 documents sent for review.")

    # Not public yet, whatever the address.
    visitor = browser.new_context().new_page()
    for document in Document.objects.all():
        assert visitor.goto(live_server.url + document.stable_url).status == 404

    reviewer = sign_in(browser, live_server, reviewer_user)
    reviewer.goto(live_server.url + "/admin/documents/document/?status__exact=review")
    reviewer.locator("#action-toggle").check()
    reviewer.locator("select[name=action]").select_option("publish")
    reviewer.get_by_role("button", name="Go").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("2 documents published.")

    visitor.goto(live_server.url + "/search/")
    box = visitor.get_by_role("searchbox", name="Search the portal")
    box.fill("holographic")
    box.press("Enter")
    hits = visitor.locator("#results-document-pages + ol li")
    expect(hits).to_have_count(1)
    expect(hits.first).to_contain_text("Slide 2")
    expect(hits.first.locator("mark")).to_have_text("Holographic")
    with visitor.expect_download() as download:
        hits.first.get_by_role("link", name="Japan RTC slides").click()
    assert download.value.suggested_filename == "japan-rtc-slides.pptx"
