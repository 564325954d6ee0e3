"""Dates as people write them: `{{ start|date_range:end }}`.

A range names its month and year once when they are shared: "27-28 October 2021",
"30 November-2 December 2022", "30 December 2022-2 January 2023" (with an en dash, as
typesetters write ranges); a single day reads "27 October 2021". Each end stays
machine-readable in its own <time datetime>.
"""

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

register = template.Library()


def _time(day, pattern):
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), format_date(day, pattern))


@register.filter
def date_range(start, end):
    """`start` to `end` (dates), each part written once: "27-28 October 2021"."""
    if not end or end == start:
        return _time(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        first = "j"
    elif start.year == end.year:
        first = "j F"
    else:
        first = "j F Y"
    return format_html("{}\u2013{}", _time(start, first), _time(end, "j F Y"))
