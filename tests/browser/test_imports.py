"""django-import-export's admin pages in real headless Chromium under the portal's
Content-Security-Policy (script-src 'self'; style-src 'self'): the import preview keeps its
colours and the export page's "Select all" works, with no CSP violation."""

import pytest
from playwright.sync_api import expect

from initiatives.models import Initiative
from tests.browser.test_workflow import sign_in
from tests.core.test_resources import run_worker

pytestmark = [pytest.mark.engine, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Init scripts run before the page's own and are not subject to its policy.
COLLECT_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def watched(page):
    """`page`, and the CSP violations it reports to the console and as events."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(COLLECT_CSP_VIOLATIONS)
    return page, console


def background(locator):
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


def test_the_import_preview_shows_its_colours_and_select_all_works_under_the_csp(
    browser, live_server, seeded, editor_user, tmp_path
):
    page, console = watched(sign_in(browser, live_server, editor_user))
    existing = Initiative.objects.get(title="AI-powered tutoring and Q&A systems")
    upload = tmp_path / "rows.csv"
    upload.write_text(
        "slug,title,rtc,meeting,summary,categories,partners\r\n"
        f"{existing.slug},{existing.title},Japan RTC,19,A new summary.,AI tutoring / Q&A,\r\n"
        ",New lab,Japan RTC,19,A lab.,VR simulation,\r\n"
    )
    page.goto(live_server.url + "/admin/initiatives/initiative/import/")
    page.set_input_files("#id_import_file", str(upload))
    page.select_option("#id_format", label="csv")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#import-progress")).to_contain_text("Checking the file")
    run_worker()
    page.reload()
    expect(page.get_by_role("button", name="Confirm import")).to_be_visible()

    changed = page.locator("table.import-preview tr.update")
    assert background(changed) == "rgb(253, 253, 207)"
    assert background(page.locator("table.import-preview tr.new")) == "rgb(189, 216, 178)"
    assert background(changed.locator("ins").first) == "rgb(230, 255, 230)"
    assert background(changed.locator("del").first) == "rgb(255, 230, 230)"
    assert page.evaluate("window.cspViolations") == []

    page.goto(live_server.url + "/admin/initiatives/initiative/export/")
    select_all = page.locator("input.select-toggle")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    expect(fields.first).to_be_checked()
    select_all.uncheck()
    for index in range(fields.count()):
        expect(fields.nth(index)).not_to_be_checked()
    select_all.check()
    for index in range(fields.count()):
        expect(fields.nth(index)).to_be_checked()

    assert page.evaluate("window.cspViolations") == []
    assert console == []
