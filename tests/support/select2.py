"""Choosing in the admin's autocomplete (select2) boxes from a real browser."""

import re

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect


def choose(page, field_id, search, option=None, attempts=3):
    """Open the box of the <select> `field_id`, type `search` and click the option reading
    exactly `option` (default: `search`); the choice is read back from the <select>."""
    exact = re.compile(rf"^\s*{re.escape(option or search)}\s*$")
    chosen = page.locator(f"#{field_id} option:checked")
    box = page.locator(f"#{field_id}").locator("xpath=following-sibling::span[1]")
    # select2 redraws its results as each search answers, and on a busy machine a click can
    # land on a list being replaced or the box can open before its search is typed: the
    # choice is read back, and the box closed and opened again if it was not made.
    for _ in range(attempts - 1):
        try:
            _pick(page, box, search, exact, timeout=8_000)
            expect(chosen).to_have_text(exact, timeout=3_000)
            return
        except (AssertionError, PlaywrightError):
            page.keyboard.press("Escape")
    _pick(page, box, search, exact, timeout=None)
    expect(chosen).to_have_text(exact)


def _pick(page, box, search, exact, timeout):
    box.click(timeout=timeout)
    page.locator(".select2-container--open .select2-search__field").last.fill(
        search, timeout=timeout
    )
    page.locator(".select2-results__option", has_text=exact).first.click(timeout=timeout)
