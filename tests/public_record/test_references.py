"""Every reference in the record (a source tag, a body, a person, an RTC) names an entry; one
that does not is named with its file and line before anything is written."""

import pytest

from meetings.models import Meeting
from public_record.loader import Loader
from public_record.reader import RecordError, read_record
from tests.support.record_files import line_of, replace_in


@pytest.mark.django_db
def test_an_unknown_source_tag_stops_the_load_before_anything_is_written(record_copy):
    path = record_copy / "meetings" / "13th.yaml"
    replace_in(path, "  venue: [S2]", "  venue: [S99]")
    record = read_record(record_copy)
    with pytest.raises(RecordError) as error:
        Loader(record).check()
    assert "meetings/13th.yaml, line" in str(error.value)
    assert "unknown cite 'S99'" in str(error.value)
    assert not Meeting.objects.exists()


def test_an_unknown_body_is_named_with_the_line_of_its_entry(record_copy):
    path = record_copy / "meetings" / "19th.yaml"
    organiser = "  - {body: rocb-ap, role: organiser,"
    replace_in(path, organiser, organiser.replace("rocb-ap", "atlantis"))
    line = line_of(
        path,
        "  - {body: atlantis, role: organiser, note: Hosted the meeting online, "
        "cite: [S14, S15, S16]}",
    )
    with pytest.raises(RecordError) as error:
        Loader(read_record(record_copy)).check()
    assert f"meetings/19th.yaml, line {line}: unknown body 'atlantis'" in error.value.problems
