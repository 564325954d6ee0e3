"""Text fields that store printable text only.

`PrintableCharField` and `PrintableTextField` drop, on every write (a form, an import, a
`save()`, an `update()`), the characters no text typed or pasted by a person needs and that do
harm further on:
- control characters, but for tab, line feed and carriage return: invisible on a page, invalid
  in XML (the feed, the sitemaps) and XLSX, refused by PostgreSQL (NUL);
- Unicode noncharacters (U+FDD0-U+FDEF, U+FFFE, U+FFFF), which the standard reserves for a
  program's own use: core.fulltext marks search matches with them, so a stored text can never
  pass for a match.
"""

import re

from django.db import models

NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def printable(text):
    """`text` without the characters text fields never store (see the module docstring)."""
    return NOT_PRINTABLE.sub("", text)


class PrintableTextMixin:
    def to_python(self, value):
        # What model validation sees (the admin's forms, imports), so a length is checked on
        # the text that will be stored.
        value = super().to_python(value)
        return printable(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        # Every write to the database passes here, update() and bulk_create() included.
        value = super().get_prep_value(value)
        return printable(value) if isinstance(value, str) else value


class PrintableCharField(PrintableTextMixin, models.CharField):
    pass


class PrintableTextField(PrintableTextMixin, models.TextField):
    pass
