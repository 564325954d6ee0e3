"""Every page's footer (templates/base.html) and the accessibility statement it links to."""

import pytest
from django.urls import reverse


def footer(html):
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


@pytest.mark.parametrize("url", ["/", "/meetings/19th-rtc-heads-meeting/", "/search/?q=VR"])
def test_the_footer_says_who_runs_the_portal_and_links_the_data(client, seeded, url):
    html = footer(client.get(url).text)
    assert "run by the secretariat of ROCB A/P" in html
    for name in ("accessibility", "glossary", "initiatives:feed", "meetings:calendar"):
        assert f'href="{reverse(name)}"' in html, name
    assert f'href="{reverse("initiatives:export-csv")}">All initiatives (CSV)' in html
    assert f'href="{reverse("sitemap")}">Sitemap (XML)' in html


def test_the_footer_gives_the_secretariats_address_from_the_settings(client, db, settings):
    settings.CONTACT_EMAIL = "rtc-secretariat@example.org"
    html = footer(client.get("/").text)
    assert '<a href="mailto:rtc-secretariat@example.org">rtc-secretariat@example.org</a>' in html


def test_without_an_address_the_footer_leaves_the_line_out(client, db, settings):
    settings.CONTACT_EMAIL = ""
    assert "mailto:" not in footer(client.get("/").text)


def test_the_not_found_page_has_the_footer_too(client, db):
    response = client.get("/meetings/no-such-meeting/")
    assert response.status_code == 404
    assert "Accessibility statement" in footer(response.text)


def test_the_accessibility_statement_says_what_works_what_does_not_and_whom_to_tell(
    client, db, settings
):
    settings.CONTACT_EMAIL = "rtc-secretariat@example.org"
    page = client.get(reverse("accessibility")).text
    assert "<h1>Accessibility statement for the RTC Portal</h1>" in page
    for heading in (
        "How accessible this portal is",
        "Feedback and contact information",
        "Reporting accessibility problems with this portal",
        "Technical information about this portal's accessibility",
        "How we tested this portal",
    ):
        assert f"<h2>{heading}</h2>" in page, heading
    assert "WCAG) version 2.2 at level AA" in page
    assert page.count('href="mailto:rtc-secretariat@example.org"') >= 3  # statement and footer


def test_the_new_pages_are_in_the_sitemap(client, db):
    xml = client.get("/sitemap-pages.xml").text
    assert "/glossary/</loc>" in xml
    assert "/accessibility/</loc>" in xml
