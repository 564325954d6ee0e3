"""Text fields store printable text: no control characters, none of the search markers."""

import pytest

from core.fields import printable
from core.fulltext.search import MARK_END, MARK_START
from initiatives.models import Initiative
from tests.support import factories


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("\x02Trap\x03 VR", "Trap VR"),
        ("NUL\x00, escape\x1b, delete\x7f, C1\x85\x9f", "NUL, escape, delete, C1"),
        ("tab\tnewline\ncarriage return\r\n", "tab\tnewline\ncarriage return\r\n"),
        (f"{MARK_START}marked{MARK_END}", "marked"),
        ("Hong Kong (China) 香港 한국 ไทย", "Hong Kong (China) 香港 한국 ไทย"),
    ],
)
def test_printable_keeps_text_tabs_and_line_breaks_and_drops_control_characters(value, stored):
    assert printable(value) == stored


def test_the_search_markers_are_characters_printable_drops():
    assert printable(MARK_START + MARK_END) == ""


def test_control_characters_are_stripped_when_a_record_is_saved(db):
    initiative = factories.make_initiative(title="\x02VR\x03 lab", summary="A\x00 lab.\nNext")
    initiative.refresh_from_db()
    assert (initiative.title, initiative.summary) == ("VR lab", "A lab.\nNext")


def test_control_characters_are_stripped_by_update_queries_too(db):
    initiative = factories.make_initiative()
    Initiative.objects.filter(pk=initiative.pk).update(description="\x02x\x03")
    initiative.refresh_from_db()
    assert initiative.description == "x"
