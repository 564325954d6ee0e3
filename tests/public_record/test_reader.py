"""The public record's files are read with the line of every entry, and a file that is not
valid YAML, or holds a key no entry has, is named with its line."""

import pytest

from public_record.reader import RecordError, read_record
from tests.support.record_files import line_of, replace_in


def test_the_record_reads_cleanly():
    record = read_record()
    assert sorted(record.meetings) == [11, 13, 14, 16, 17, 18, 19, 20, 21, 22]


def test_an_unknown_key_is_named_with_its_file_and_line(record_copy):
    path = record_copy / "meetings" / "17th.yaml"
    replace_in(path, "venue: Customs", "venu: Customs")
    line = line_of(path, "venu: Customs Border Control Training Institute (CBCTI)")
    with pytest.raises(RecordError) as error:
        read_record(record_copy)
    assert f"meetings/17th.yaml, line {line}: unknown key 'venu'" in str(error.value)


def test_broken_yaml_is_reported_with_its_line(record_copy):
    path = record_copy / "rtcs.yaml"
    path.write_text("rtcs:\n  - {name: China RTC\n", encoding="utf-8")
    with pytest.raises(RecordError) as error:
        read_record(record_copy)
    assert "rtcs.yaml, line 3: not valid YAML" in str(error.value)
