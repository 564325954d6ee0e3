"""/glossary/ and the marks every public page gives a term's first use (GlossaryMiddleware)."""

import re

import pytest
from django.urls import reverse

from core.models import GlossaryTerm
from tests.support import factories

MEETING = "/meetings/19th-rtc-heads-meeting/"
ROCB_MARK = (
    '<abbr title="Regional Office for Capacity Building for Asia/Pacific">'
    '<a href="/glossary/#rocb-a-p">ROCB A/P</a></abbr>'
)


def main_content(html):
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def seed_terms(db):
    """The terms the glossary's data migration adds: a test that commits, run earlier in the same
    process (pytest-xdist runs modules in any order), flushed them away."""
    factories.seed_glossary()


def test_the_glossary_lists_each_term_with_its_expansion_and_meaning(client, seed_terms):
    page = client.get(reverse("glossary")).text
    for term in ("RTC", "ROCB A/P", "RILO A/P", "Vice-Chair", "WCO", "CLiKC!", "BACUDA", "HRD"):
        assert re.search(rf'<dt id="[a-z-]+">{re.escape(term)}[ <]', page), term
    assert '<dt id="rocb-a-p">ROCB A/P <span class="expansion">' in page
    assert "Regional Office for Capacity Building for Asia/Pacific" in page
    assert "convenes the RTC Heads Meetings" in page


def test_the_glossary_page_does_not_link_its_terms_to_itself(client, db):
    assert "<abbr" not in client.get(reverse("glossary")).text


def test_a_term_the_secretariat_adds_appears_on_the_glossary_and_is_marked(client, seeded):
    GlossaryTerm.objects.create(
        term="COVID-19",
        slug="covid-19",
        expansion="Coronavirus disease 2019",
        definition="The pandemic that moved training online.",
    )
    assert '<dt id="covid-19">COVID-19' in client.get(reverse("glossary")).text
    assert '<a href="/glossary/#covid-19">COVID-19</a></abbr>' in client.get(MEETING).text


def test_the_meeting_page_marks_the_first_use_of_a_term_and_not_the_second(client, seeded):
    main = main_content(client.get(MEETING).text)
    assert main.count(ROCB_MARK) == 1
    after = main[main.index(ROCB_MARK) + len(ROCB_MARK) :]
    assert "ROCB A/P" in after  # used again, unmarked
    assert "/glossary/#rocb-a-p" not in after


def test_a_term_inside_a_link_is_untouched(client, seeded):
    main = main_content(client.get(MEETING).text)
    # The organiser's name links to its administration page: no link nests inside it.
    assert '<a href="/administrations/rocb-ap/">ROCB A/P</a>' in main
    assert not re.search(r"<a [^>]*>[^<]*<abbr", main)


def test_headings_and_their_ids_stay_as_written(client, seeded):
    html = client.get(MEETING).text
    assert "<h1>19th RTC Heads Meeting</h1>" in html
    assert not re.search(r"<h[1-6][^>]*>[^<]*<abbr", html)


def test_the_header_and_footer_are_not_marked(client, seeded):
    html = client.get(MEETING).text
    outside = html[: html.index("<main")] + html[html.index("</main>") :]
    assert "<abbr" not in outside


def test_the_admin_is_not_marked(admin_client, seeded):
    page = admin_client.get(reverse("admin:core_glossaryterm_changelist")).text
    assert "ROCB A/P" in page
    assert "<abbr" not in page


def test_the_secretariat_edits_the_glossary_in_the_admin(client, seed_terms, secretariat_user):
    client.force_login(secretariat_user)
    term = GlossaryTerm.objects.get(term="RTC")
    url = reverse("admin:core_glossaryterm_change", args=[term.pk])
    response = client.post(
        url,
        {
            "term": "RTC",
            "slug": "rtc",
            "expansion": "Regional Training Centre",
            "definition": "A centre the WCO accredited to train the region's officers.",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert "accredited to train the region&#x27;s officers" in client.get("/glossary/").text
