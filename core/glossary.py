"""The glossary's first-use marks: each term's first appearance in a page's main content
becomes `<abbr title="expansion"><a href="/glossary/#slug">term<span class="visually-hidden">
(expansion)</span></a></abbr>` (a plain link for a term that is no abbreviation), so a
newcomer can read "ROCB A/P" and find out what it is, by eye or by ear. Terms next to each
other ("WCO A/P Vice-Chair") are one phrase and one link.

Invariants: only text between `<main …>` and `</main>` changes, and only text between tags,
never a tag or its attributes. Nothing inside a link, an abbreviation, a heading, a label
(dt, th, caption), a search match (mark), a form control, a script or a chart is touched: a
link must not nest, and headings stay plain so that their anchors and the contents lists
that name them read the same. The page is escaped HTML already, so terms are matched in
their escaped form, never inside a character reference ("&amp;" holds no term "amp"), and
the marks carry escaped values.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# Text inside these elements keeps its words as they are (see the invariants above). Labels
# (a term's name in a list, a table's header or caption) read as headings do.
UNMARKED_ELEMENTS = {
    "a",
    "abbr",
    "button",
    "caption",
    "code",
    "dt",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "label",
    "legend",
    "mark",
    "option",
    "pre",
    "script",
    "select",
    "style",
    "summary",
    "svg",
    "textarea",
    "th",
    "title",
}
# A tag, with quoted attribute values that may hold ">", or a comment.
TAG = re.compile(r"""<!--.*?-->|</?[a-zA-Z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""", re.S)
TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
MAIN_START = re.compile(r"<main\b[^>]*>")
MAIN_END = "</main>"

# The field's words as the portal starts with them (core/migrations/0007): the secretariat
# edits and extends them in the admin (Core > Glossary terms). term: (slug, expansion, text).
SEED_TERMS = {
    "A/P": (
        "a-p",
        "Asia/Pacific",
        "The WCO's Asia/Pacific region, whose customs administrations reach from the Middle "
        "East to the Pacific islands. Regional offices add it to their names.",
    ),
    "BACUDA": (
        "bacuda",
        "Band of Customs Data Analysts",
        "A WCO project in which data scientists and customs officers build ways of analysing "
        "customs data together, and share them with administrations.",
    ),
    "CLiKC!": (
        "clikc",
        "Customs Learning and Knowledge Community",
        "The WCO's online learning platform: e-learning courses for customs officers and a "
        "place for training centres to share material.",
    ),
    "HRD": (
        "hrd",
        "Human Resource Development",
        "How a customs administration trains its people and plans their skills and careers.",
    ),
    "MOOC": (
        "mooc",
        "Massive Open Online Course",
        "A course taught online that anyone may join, usually without limit on numbers.",
    ),
    "RILO A/P": (
        "rilo-a-p",
        "Regional Intelligence Liaison Office for Asia/Pacific",
        "The WCO's regional office that collects enforcement information from the region's "
        "customs administrations and passes on what it learns.",
    ),
    "ROCB A/P": (
        "rocb-a-p",
        "Regional Office for Capacity Building for Asia/Pacific",
        "The WCO's regional office that plans and supports capacity building in the region. "
        "It convenes the RTC Heads Meetings, keeps their records and runs this portal.",
    ),
    "RTC": (
        "rtc",
        "Regional Training Centre",
        "A customs training centre that the WCO has accredited to train officers from the "
        "other administrations of its region, not only its own.",
    ),
    "Vice-Chair": (
        "vice-chair",
        "",
        "The customs administration chosen to speak for the Asia/Pacific region in the WCO's "
        "governing bodies for a term; its office works with ROCB A/P on regional plans.",
    ),
    "WCO": (
        "wco",
        "World Customs Organization",
        "The intergovernmental organisation of the world's customs administrations, based in "
        "Brussels. RTCs are accredited under its capacity-building programme.",
    ),
}


def add_seed_terms(glossary_term_model):
    """SEED_TERMS into the glossary, leaving terms already there as they are (the migration
    passes its historical model, the tests the current one)."""
    for term, (slug, expansion, definition) in SEED_TERMS.items():
        glossary_term_model.objects.get_or_create(
            term=term, defaults={"slug": slug, "expansion": expansion, "definition": definition}
        )


@dataclass(frozen=True)
class Entry:
    term: str
    expansion: str
    url: str


def mark(entries, text):
    """`text` (a phrase of one or more adjacent terms as found, already escaped) marked as one
    link to the glossary entry of its last term (the phrase's head: "WCO A/P Vice-Chair" is a
    Vice-Chair). The expansion reads each term spelt out, and sits in the link as hidden text
    as well as in the title: a screen reader announces the first, a mouse pointer shows the
    second."""
    # `text` is a slice of the escaped page: escaping it again would show "&amp;amp;".
    if not any(entry.expansion for entry in entries):
        return format_html('<a href="{}">{}</a>', entries[-1].url, mark_safe(text))
    expansion = " ".join(entry.expansion or entry.term for entry in entries)
    return format_html(
        '<abbr title="{}"><a href="{}">{}<span class="visually-hidden"> ({})</span></a></abbr>',
        expansion,
        entries[-1].url,
        mark_safe(text),
        expansion,
    )


def terms_pattern(entries):
    """One pattern for all terms, longest first, so that "ROCB A/P" wins over "A/P"; a term
    matches as a whole word only ("RTC" not inside "RTCs", "A/P" not inside "ROCB A/P").
    Character references are an alternative of their own, tried at the same place, so that
    a reference is taken whole and a term such as "amp" or "x27" is never found inside one."""
    escaped = sorted((escape(entry.term) for entry in entries), key=len, reverse=True)
    alternatives = "|".join(re.escape(term) for term in escaped)
    return re.compile(
        rf"(?P<term>(?<![\w/-])(?:{alternatives})(?![\w/-]))"
        r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"
    )


def mark_first_uses(html, entries):
    """`html` with the first use of each entry's term in its main content marked."""
    start = MAIN_START.search(html)
    end = html.find(MAIN_END, start.end()) if start else -1
    if not entries or end < 0:
        return html
    by_text = {escape(entry.term): entry for entry in entries}
    pattern = terms_pattern(entries)
    unmarked_depth = 0
    marked = set()
    parts = [html[: start.end()]]
    position = start.end()
    main = html[:end]
    for tag in TAG.finditer(main, position):
        parts.append(
            mark_text(main[position : tag.start()], pattern, by_text, marked, unmarked_depth)
        )
        parts.append(tag.group())
        position = tag.end()
        unmarked_depth = max(0, unmarked_depth + depth_change(tag.group()))
    parts.append(mark_text(main[position:], pattern, by_text, marked, unmarked_depth))
    parts.append(html[end:])
    return "".join(parts)


def depth_change(tag):
    name = TAG_NAME.match(tag)
    if not name or name.group(1).lower() not in UNMARKED_ELEMENTS or tag.endswith("/>"):
        return 0
    return -1 if tag.startswith("</") else 1


def mark_text(text, pattern, by_text, marked, unmarked_depth):
    if unmarked_depth or not text.strip() or len(marked) == len(by_text):
        return text
    parts = []
    position = 0
    for phrase in phrases(text, pattern):
        found = [match.group() for match in phrase]
        if marked.issuperset(found):
            continue
        marked.update(found)
        start, end = phrase[0].start(), phrase[-1].end()
        parts += [text[position:start], mark([by_text[term] for term in found], text[start:end])]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def phrases(text, pattern):
    """The terms in `text` as phrases: runs of terms with only spaces between them, each a
    list of matches, so that "WCO A/P Vice-Chair" is one phrase, not three links in a row."""
    phrase = []
    for match in pattern.finditer(text):
        if not match.group("term"):
            continue  # a character reference, taken whole
        if phrase and not text[phrase[-1].end() : match.start()].isspace():
            yield phrase
            phrase = []
        phrase.append(match)
    if phrase:
        yield phrase


def entries():
    """The glossary as the marks need it, in one query."""
    from django.urls import reverse

    from .models import GlossaryTerm

    glossary_url = reverse("glossary")
    return [
        Entry(term, expansion, f"{glossary_url}#{slug}")
        for term, expansion, slug in GlossaryTerm.objects.values_list("term", "expansion", "slug")
    ]
