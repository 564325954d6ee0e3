"""/glossary/ and the marks every public page gives a term's first use (GlossaryMiddleware)."""

import re

import pytest
from django.urls import reverse

from core.glossary import Entry, entries, mark_first_uses
from core.models import GlossaryTerm
from tests.rtcportal.test_html_validity import validate
from tests.support import factories

MEETING = "/meetings/19th-rtc-heads-meeting/"
ROCB_MARK = (
    '<abbr title="Regional Office for Capacity Building for Asia/Pacific">'
    '<a href="/glossary/#rocb-a-p">ROCB A/P<span class="visually-hidden"> '
    "(Regional Office for Capacity Building for Asia/Pacific)</span></a></abbr>"
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


def test_the_glossary_page_does_not_link_its_terms_to_itself(client, seed_terms):
    assert 'href="/glossary/#' not in client.get(reverse("glossary")).text


def test_a_term_the_secretariat_adds_appears_on_the_glossary_and_is_marked(client, seeded):
    GlossaryTerm.objects.create(
        term="COVID-19",
        slug="covid-19",
        expansion="Coronavirus disease 2019",
        definition="The pandemic that moved training online.",
    )
    assert '<dt id="covid-19">COVID-19' in client.get(reverse("glossary")).text
    assert (
        '<a href="/glossary/#covid-19">COVID-19'
        '<span class="visually-hidden"> (Coronavirus disease 2019)</span></a></abbr>'
    ) in client.get(MEETING).text


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


def add_terms(*terms):
    for term in terms:
        GlossaryTerm.objects.create(
            term=term, slug=f"entity-{term}", expansion=f"not {term}", definition="A trap."
        )


ENTITY_NAME_TERMS = ("amp", "quot", "x27", "lt", "gt", "nbsp")


def character_references(html):
    return re.findall(r"&#?[0-9A-Za-z]+;", main_content(html))


def test_a_term_spelt_like_a_character_reference_never_breaks_one(client, seeded):
    before = client.get(MEETING).text
    add_terms(*ENTITY_NAME_TERMS)
    after = client.get(MEETING).text
    assert character_references(before)  # the page does hold references to break
    assert character_references(after) == character_references(before)
    assert "/glossary/#entity-" not in after


def test_a_term_spelt_like_a_character_reference_is_marked_where_it_is_a_word():
    text = "<main><p>Tom &amp; Jerry&#x27;s amp, then x27</p></main>"
    marked = mark_first_uses(text, [Entry("amp", "", "/g#amp"), Entry("x27", "", "/g#x27")])
    assert marked == (
        '<main><p>Tom &amp; Jerry&#x27;s <a href="/g#amp">amp</a>, '
        'then <a href="/g#x27">x27</a></p></main>'
    )


def test_the_page_with_entity_named_terms_is_still_valid_html(client, seeded, tmp_path):
    add_terms(*ENTITY_NAME_TERMS)
    errors = validate({"meeting": client.get(MEETING).text}, tmp_path)
    assert errors == {"meeting": []}


def test_adjacent_terms_are_one_link_to_the_phrase_head_with_every_expansion(seed_terms):
    html = "<main><p>The WCO A/P Vice-Chair spoke.</p></main>"
    marked = mark_first_uses(html, entries())
    assert marked.count("<a ") == 1
    expansion = "World Customs Organization Asia/Pacific Vice-Chair"
    assert (
        f'The <abbr title="{expansion}"><a href="/glossary/#vice-chair">WCO A/P Vice-Chair'
        f'<span class="visually-hidden"> ({expansion})</span></a></abbr> spoke.'
    ) in marked


def test_the_longest_term_wins_over_the_terms_inside_it(seed_terms):
    marked = mark_first_uses("<main><p>ROCB A/P and RILO A/P</p></main>", entries())
    assert '<a href="/glossary/#rocb-a-p">ROCB A/P<' in marked
    assert '<a href="/glossary/#rilo-a-p">RILO A/P<' in marked
    assert "/glossary/#a-p" not in marked


def test_terms_apart_stay_separate_marks(seed_terms):
    marked = mark_first_uses("<main><p>The WCO, the RTC.</p></main>", entries())
    assert '<a href="/glossary/#wco">WCO<' in marked
    assert '<a href="/glossary/#rtc">RTC<' in marked


def test_a_phrase_with_a_term_not_yet_marked_is_marked_whole(seed_terms):
    marked = mark_first_uses("<main><p>WCO.</p><p>WCO A/P Vice-Chair</p></main>", entries())
    assert '">WCO A/P Vice-Chair<span' in marked
    assert marked.count("<a ") == 2


def test_a_screen_reader_hears_the_expansion_inside_the_link(client, seeded):
    main = main_content(client.get(MEETING).text)
    link = re.search(r'<a href="/glossary/#rtc">(.*?)</a>', main).group(1)
    accessible_name = re.sub(r"<[^>]+>", "", link)
    assert accessible_name == "RTC (Regional Training Centre)"
    assert '<span class="visually-hidden"> (Regional Training Centre)</span>' in link


def test_a_term_without_expansion_is_a_plain_link(seed_terms):
    marked = mark_first_uses("<main><p>The Vice-Chair.</p></main>", entries())
    assert 'The <a href="/glossary/#vice-chair">Vice-Chair</a>.' in marked
