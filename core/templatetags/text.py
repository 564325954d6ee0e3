"""Text that fits narrow columns: `{{ name|soft_hyphens }}`.

Browsers hyphenate (CSS `hyphens: auto`) only where they hold a dictionary for the language,
which many do not; without one a long word in a narrow table header breaks anywhere
("recommenda/tions") or overflows. Soft hyphens (U+00AD) at the word's syllables let every
browser break it where a typesetter would, with a hyphen shown only at the break; screen
readers and copied text ignore them.
"""

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
