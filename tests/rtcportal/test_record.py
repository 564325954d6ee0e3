"""The public record's files: read and checked with errors that name the file and line, and
loaded (all nine meetings) as public-record.md tells them."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting
from rtcportal.record import RECORD_DIR, RecordError, read_record
from sources.models import Source


@pytest.fixture
def record_copy(tmp_path):
    """A copy of data/record/ to break."""
    folder = tmp_path / "record"
    shutil.copytree(RECORD_DIR, folder)
    return folder


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, text):
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_the_record_reads_cleanly():
    record = read_record()
    assert sorted(record.meetings) == [11, 13, 14, 16, 17, 18, 19, 20, 21]


def test_an_unknown_key_is_named_with_its_file_and_line(record_copy):
    path = record_copy / "meetings" / "17th.yaml"
    replace_in(path, "venue: Customs", "venu: Customs")
    line = line_of(path, "venu: Customs Border Control Training Institute (CBCTI)")
    with pytest.raises(RecordError) as error:
        read_record(record_copy)
    assert f"meetings/17th.yaml, line {line}: unknown key 'venu'" in str(error.value)


def test_a_wrong_choice_and_a_wrong_type_are_both_reported(record_copy):
    path = record_copy / "meetings" / "11th.yaml"
    replace_in(path, "format: in_person", "format: face to face")
    replace_in(path, "rtc_count: 7", "rtc_count: seven")
    with pytest.raises(RecordError) as error:
        read_record(record_copy)
    problems = error.value.problems
    assert any("11th.yaml, line 7: 'format' is 'face to face'" in p for p in problems)
    assert any("11th.yaml, line 11: 'rtc_count' should be a whole number" in p for p in problems)


def test_broken_yaml_is_reported_with_its_line(record_copy):
    path = record_copy / "rtcs.yaml"
    path.write_text("rtcs:\n  - {name: China RTC\n", encoding="utf-8")
    with pytest.raises(RecordError) as error:
        read_record(record_copy)
    assert "rtcs.yaml, line 3: not valid YAML" in str(error.value)


@pytest.mark.django_db
def test_an_unknown_source_tag_stops_the_load_before_anything_is_written(record_copy, settings):
    from rtcportal.management.commands import load_public_record

    path = record_copy / "meetings" / "13th.yaml"
    replace_in(path, "  venue: [S2]", "  venue: [S99]")
    record = read_record(record_copy)
    with pytest.raises(RecordError) as error:
        load_public_record.Loader(record).check()
    assert "meetings/13th.yaml, line" in str(error.value)
    assert "unknown cite 'S99'" in str(error.value)
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_the_command_names_the_mistake_and_writes_nothing(monkeypatch, record_copy):
    from rtcportal import record

    replace_in(record_copy / "sources.yaml", "kind: press", "kind: gossip")
    monkeypatch.setattr(record, "RECORD_DIR", record_copy)
    monkeypatch.setattr(
        "rtcportal.management.commands.load_public_record.read_record",
        lambda: record.read_record(record_copy),
    )
    with pytest.raises(CommandError, match=r"sources.yaml, line \d+: 'kind' is 'gossip'"):
        call_command("load_public_record")
    assert not Source.objects.exists()
