"""Every page's footer (templates/base.html) and the accessibility statement it links to."""

import datetime
from datetime import UTC

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import counts
from meetings.models import Meeting
from tests.support import factories


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


def test_the_footer_says_when_the_record_last_changed(client, db):
    meeting = factories.make_meeting()
    changed = datetime.datetime(2030, 5, 4, tzinfo=UTC)
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=changed)
    # A draft's later change is not a change to the public record.
    draft = factories.make_meeting(status="draft")
    Meeting.objects.filter(pk=draft.pk).update(updated_at=changed + datetime.timedelta(days=9))
    counts.advance()  # as every write does (update() sends no signal)
    html = footer(client.get("/").text)
    assert 'The record last changed on <time datetime="2030-05-04">4 May 2030</time>.' in html


def test_the_last_change_is_read_once_per_content_generation(client, db, django_assert_num_queries):
    factories.make_meeting()
    client.get("/")
    with CaptureQueriesContext(connection) as again:
        client.get("/")
    assert not [q for q in again.captured_queries if "UNION" in q["sql"]]
    factories.make_meeting()  # a write starts a new generation
    with CaptureQueriesContext(connection) as after_write:
        client.get("/")
    assert len([q for q in after_write.captured_queries if "UNION" in q["sql"]]) == 1
