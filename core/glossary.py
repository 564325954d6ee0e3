"""The glossary's first-use marks: each term's first appearance in a page's main content
becomes `<abbr title="expansion"><a href="/glossary/#slug">term</a></abbr>` (a plain link for
a term that is no abbreviation), so a newcomer can read "ROCB A/P" and find out what it is.

Invariants: only text between `<main …>` and `</main>` changes, and only text between tags,
never a tag or its attributes. Nothing inside a link, an abbreviation, a heading, a label
(dt, th, caption), a search match (mark), a form control, a script or a chart is touched: a
link must not nest, and headings stay plain so that their anchors and the contents lists
that name them read the same. The page is escaped HTML already, so terms are matched in
their escaped form and the marks carry escaped values.
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

    def mark(self, text):
        """`text` (the term as found, already escaped) marked as this entry."""
        # `text` is a slice of the escaped page: escaping it again would show "&amp;amp;".
        link = format_html('<a href="{}">{}</a>', self.url, mark_safe(text))
        if not self.expansion:
            return link
        return format_html('<abbr title="{}">{}</abbr>', self.expansion, link)


def terms_pattern(entries):
    """One pattern for all terms, longest first, so that "ROCB A/P" wins over "A/P"; a term
    matches as a whole word only ("RTC" not inside "RTCs", "A/P" not inside "ROCB A/P")."""
    escaped = sorted((escape(entry.term) for entry in entries), key=len, reverse=True)
    alternatives = "|".join(re.escape(term) for term in escaped)
    return re.compile(rf"(?<![\w/-])(?:{alternatives})(?![\w/-])")


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

    def first_use(match):
        found = match.group()
        if found in marked:
            return found
        marked.add(found)
        return by_text[found].mark(found)

    return pattern.sub(first_use, text)


def entries():
    """The glossary as the marks need it, in one query."""
    from django.urls import reverse

    from .models import GlossaryTerm

    glossary_url = reverse("glossary")
    return [
        Entry(term, expansion, f"{glossary_url}#{slug}")
        for term, expansion, slug in GlossaryTerm.objects.values_list("term", "expansion", "slug")
    ]
