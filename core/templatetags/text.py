"""Text that fits narrow columns: `{{ name|soft_hyphens }}`.

Browsers hyphenate (CSS `hyphens: auto`) only where they hold a dictionary for the language,
which many do not; without one a long word in a narrow table header breaks anywhere
("recommenda/tions") or overflows. Soft hyphens (U+00AD) at the word's syllables let every
browser break it where a typesetter would, with a hyphen shown only at the break; screen
readers and copied text ignore them.
"""

import re
from functools import cache

import pyphen
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

SOFT_HYPHEN = "\u00ad"
# Shorter words fit a column of the matrix whole; a part shorter than three letters reads badly
# on its own line.
SHORTEST_WORD = 11


@cache
def _dictionary():
    return pyphen.Pyphen(lang="en_GB", left=3, right=3)


def _long(word):
    # A compound already breaks at its own hyphen ("case-based").
    return len(word) >= SHORTEST_WORD and "-" not in word


@register.filter
def soft_hyphens(text):
    words = str(text).split(" ")
    hyphenated = " ".join(
        _dictionary().inserted(word, hyphen=SOFT_HYPHEN) if _long(word) else word for word in words
    )
    return mark_safe(conditional_escape(hyphenated))


# The scripts the record's names are written in besides the Latin alphabet, and the language a
# run of each is read in. Chinese characters are read as Chinese unless kana show the text is
# Japanese, or the record says the text is Japanese.
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
THAI = "\u0e00-\u0e7f"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
KANA = "\u3040-\u30ff"
FOREIGN_RUN = re.compile(
    rf"[{HANGUL}]+(?:\s+[{HANGUL}]+)*|[{THAI}]+(?:\s+[{THAI}]+)*|[{HAN}{KANA}]+(?:\s+[{HAN}{KANA}]+)*"
)


def _language_of(run, language):
    first = run[0]
    if re.match(f"[{HANGUL}]", first):
        return "ko"
    if re.match(f"[{THAI}]", first):
        return "th"
    if language in ("ja", "zh") or language.startswith("zh-"):
        return language
    return "ja" if re.search(f"[{KANA}]", run) else "zh"


@register.filter
def in_its_language(text, language=""):
    """The text with each run in Korean, Thai, Chinese or Japanese script marked with its
    language (`lang`), so that screen readers pronounce it and browsers pick its font
    (WCAG 3.1.2): `{{ source.title|in_its_language:source.language }}`."""
    text = str(text)
    marked = []
    end = 0
    for run in FOREIGN_RUN.finditer(text):
        marked.append(conditional_escape(text[end : run.start()]))
        lang = _language_of(run.group(), language or "")
        marked.append(f'<span lang="{lang}">{conditional_escape(run.group())}</span>')
        end = run.end()
    marked.append(conditional_escape(text[end:]))
    return mark_safe("".join(marked))
