"""`manage.py load_public_record`: says what it created; on a mistake in the files, names the
file and line and writes nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting
from sources.models import Source
from tests.support.record_files import replace_in


@pytest.mark.django_db
def test_the_command_names_the_mistake_and_writes_nothing(record_copy):
    replace_in(record_copy / "sources.yaml", "kind: press", "kind: gossip")
    with pytest.raises(CommandError, match=r"sources.yaml, line \d+: 'kind' is 'gossip'"):
        call_command("load_public_record")
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_the_command_says_what_it_created_and_then_that_nothing_changed():
    out = io.StringIO()
    call_command("load_public_record", "--meeting", "19", stdout=out)
    assert out.getvalue().startswith("Public record: created 1 meetings, ")
    again = io.StringIO()
    call_command("load_public_record", "--meeting", "19", stdout=again)
    assert again.getvalue() == "Public record: all records already present; nothing changed.\n"


@pytest.mark.django_db
def test_a_meeting_the_record_does_not_hold_is_named_and_nothing_is_written():
    with pytest.raises(CommandError, match=r"no file for meeting number\(s\) \[15\]"):
        call_command("load_public_record", "--meeting", "15")
    assert not Meeting.objects.exists()
