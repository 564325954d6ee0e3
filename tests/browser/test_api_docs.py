"""The API's documentation page in real Chromium: Swagger UI from the site's own static files,
within the site's Content Security Policy, asking nothing of any other site."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_every_resource_within_the_csp_and_from_the_site_alone(
    page, live_server, seeded
):
    requests, refused = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    response = page.goto(live_server.url + "/api/v1/docs/")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="RTC Portal API")).to_be_visible()
    expect(page.locator(".opblock-tag-section")).to_have_count(11)
    page.get_by_text("/api/v1/meetings/{id}/").first.wait_for()
    assert refused == []
    assert [url for url in requests if not url.startswith(live_server.url)] == []
    assert live_server.url + "/api/v1/schema/" in requests
