"""Dates as people write them (core/templatetags/dates.py)."""

import datetime

import pytest
from django.template import Context, Template
from django.utils.html import strip_tags

D = datetime.date
DASH = "\u2013"  # en dash


def rendered(start, end):
    template = Template("{% load dates %}{{ start|date_range:end }}")
    return template.render(Context({"start": start, "end": end}))


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (D(2021, 10, 27), D(2021, 10, 28), f"27{DASH}28 October 2021"),
        (D(2022, 11, 30), D(2022, 12, 2), f"30 November{DASH}2 December 2022"),
        (D(2022, 12, 30), D(2023, 1, 2), f"30 December 2022{DASH}2 January 2023"),
        (D(2022, 12, 31), D(2023, 1, 2), f"31 December 2022{DASH}2 January 2023"),
        (D(2021, 3, 1), D(2021, 3, 31), f"1{DASH}31 March 2021"),
        (D(2021, 10, 27), D(2021, 10, 27), "27 October 2021"),
        (D(2021, 10, 27), None, "27 October 2021"),
    ],
)
def test_a_range_names_a_shared_month_and_year_once(start, end, text):
    assert strip_tags(rendered(start, end)) == text


def test_each_end_of_a_range_stays_machine_readable():
    assert rendered(D(2021, 10, 27), D(2021, 10, 28)) == (
        f'<time datetime="2021-10-27">27</time>{DASH}'
        '<time datetime="2021-10-28">28 October 2021</time>'
    )
    assert rendered(D(2021, 10, 27), D(2021, 10, 27)) == (
        '<time datetime="2021-10-27">27 October 2021</time>'
    )
