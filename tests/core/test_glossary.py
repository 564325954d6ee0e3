"""The glossary's first-use marks (core/glossary.py), on HTML as the templates render it."""

from core.glossary import Entry, mark_first_uses

RTC = Entry("RTC", "Regional Training Centre", "/glossary/#rtc")
ROCB = Entry("ROCB A/P", "Regional Office for Capacity Building for Asia/Pacific", "/g/#rocb")
AP = Entry("A/P", "Asia/Pacific", "/glossary/#a-p")
VICE_CHAIR = Entry("Vice-Chair", "", "/glossary/#vice-chair")
# The expansion is in the title for a pointer and in hidden text for a screen reader.
RTC_MARK = (
    '<abbr title="Regional Training Centre"><a href="/glossary/#rtc">RTC'
    '<span class="visually-hidden"> (Regional Training Centre)</span></a></abbr>'
)


def page(main, before=""):
    return f'<html><body>{before}<main id="main">{main}</main><footer>RTC</footer></body></html>'


def test_the_first_use_is_marked_and_the_second_is_not():
    marked = mark_first_uses(page("<p>An RTC trains.</p><p>Another RTC too.</p>"), [RTC])
    assert f"<p>An {RTC_MARK} trains.</p><p>Another RTC too.</p>" in marked


def test_only_the_main_content_is_marked():
    marked = mark_first_uses(page("<p>No term.</p>", before="<header>RTC</header>"), [RTC])
    assert marked == page("<p>No term.</p>", before="<header>RTC</header>")


def test_a_term_inside_a_link_an_attribute_or_a_heading_is_untouched():
    html = page(
        '<h2 id="RTC">RTC work</h2><a href="/rtcs/" title="Every RTC">Japan RTC</a>'
        '<img alt="RTC" src="x.png"><p>The RTC.</p>'
    )
    marked = mark_first_uses(html, [RTC])
    assert '<h2 id="RTC">RTC work</h2>' in marked
    assert '<a href="/rtcs/" title="Every RTC">Japan RTC</a>' in marked
    assert '<img alt="RTC" src="x.png">' in marked
    assert f"<p>The {RTC_MARK}.</p>" in marked


def test_an_attribute_holding_a_closing_bracket_stays_one_tag():
    html = page('<p title="a > RTC">x</p><p>RTC</p>')
    marked = mark_first_uses(html, [RTC])
    assert '<p title="a > RTC">x</p>' in marked
    assert f"<p>{RTC_MARK}</p>" in marked


def test_terms_match_as_whole_words_and_the_longest_wins():
    html = page("<p>RTCs and ROCB A/P, then A/P alone.</p>")
    marked = mark_first_uses(html, [RTC, ROCB, AP])
    assert "<p>RTCs and <abbr" in marked
    assert (
        '<a href="/g/#rocb">ROCB A/P<span class="visually-hidden"> (Regional Office for Capacity'
        ' Building for Asia/Pacific)</span></a></abbr>, then <abbr title="Asia/Pacific">'
    ) in marked
    assert marked.count("<abbr") == 2


def test_a_term_that_is_no_abbreviation_is_a_plain_link():
    marked = mark_first_uses(page("<p>The Vice-Chair spoke.</p>"), [VICE_CHAIR])
    assert '<p>The <a href="/glossary/#vice-chair">Vice-Chair</a> spoke.</p>' in marked


def test_terms_and_expansions_are_matched_and_written_escaped():
    entry = Entry("R&D", 'Research "and" development', "/glossary/#r-d")
    marked = mark_first_uses(page("<p>R&amp;D first.</p>"), [entry])
    assert (
        '<abbr title="Research &quot;and&quot; development">'
        '<a href="/glossary/#r-d">R&amp;D'
        '<span class="visually-hidden"> (Research &quot;and&quot; development)</span></a></abbr>'
        " first."
    ) in marked


def test_scripts_and_comments_keep_their_text():
    html = page('<!-- RTC --><script type="application/ld+json">{"a": "RTC"}</script><p>x</p>')
    assert mark_first_uses(html, [RTC]) == html


def test_a_page_without_main_content_or_terms_is_returned_as_it_is():
    assert mark_first_uses("<p>RTC</p>", [RTC]) == "<p>RTC</p>"
    assert mark_first_uses(page("<p>RTC</p>"), []) == page("<p>RTC</p>")
