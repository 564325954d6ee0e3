"""Pages as they read without the glossary's first-use marks (core/glossary.py), for tests
about other things that quote a sentence holding a term."""

import re

MARK = re.compile(
    r'<abbr title="[^"]*"><a href="/glossary/#[^"]*">([^<]*)'
    r'<span class="visually-hidden">[^<]*</span></a></abbr>'
)
LINK = re.compile(r'<a href="/glossary/#[^"]*">([^<]*)</a>')


def unmarked(html):
    return LINK.sub(r"\1", MARK.sub(r"\1", html))
