"""What each file of the record may hold: a wrong value is named with its file and line, and
every value a model offers for a field the record fills is one the record may use (the choices
are the models', never a copy that a new session kind or role could outgrow)."""

import pytest
from django.apps import apps

from initiatives.models import Accreditation, Partner
from meetings.models import (
    Body,
    DiscussionPoint,
    Meeting,
    MeetingRole,
    Participation,
    Programme,
    RegionalRole,
    Session,
    Silence,
)
from public_record import reader
from public_record.models import LoadedRecord
from public_record.reader import RecordError, read_record
from public_record.schema import FILES, MEETING, check
from sources.models import Citation, Source
from tests.support.record_files import replace_in


def test_a_wrong_choice_and_a_wrong_type_are_both_reported(record_copy):
    path = record_copy / "meetings" / "11th.yaml"
    replace_in(path, "format: in_person", "format: face to face")
    replace_in(path, "rtc_count: 7", "rtc_count: seven")
    with pytest.raises(RecordError) as error:
        read_record(record_copy)
    problems = error.value.problems
    assert any("11th.yaml, line 7: 'format' is 'face to face'" in p for p in problems)
    assert any("11th.yaml, line 11: 'rtc_count' should be a whole number" in p for p in problems)


# Every model field with choices that the record fills: the model, the field, and where in the
# record a value for it is written (file, the path to an entry in it, the entry's key).
CHOICE_FIELDS = [
    (Source, "kind", "sources.yaml", ("sources", 0), "kind"),
    (Source, "date_precision", "sources.yaml", ("sources", 0), "precision"),
    (Body, "kind", "bodies.yaml", ("bodies", 0), "kind"),
    (RegionalRole, "office", "bodies.yaml", ("regional_roles", 0), "office"),
    (RegionalRole, "since_precision", "bodies.yaml", ("regional_roles", 0), "since_precision"),
    (RegionalRole, "until_precision", "bodies.yaml", ("regional_roles", 0), "until_precision"),
    (Partner, "kind", "vocabulary.yaml", ("partners", 0), "kind"),
    (Programme, "kind", "vocabulary.yaml", ("programmes", 0), "kind"),
    (Accreditation, "step", "rtcs.yaml", ("rtcs", 0, "accreditations", 0), "step"),
    (Accreditation, "date_precision", "rtcs.yaml", ("rtcs", 0, "accreditations", 0), "precision"),
    (Meeting, "format", "meetings/19th.yaml", (), "format"),
    (Participation, "role", "meetings/19th.yaml", ("participations", 0), "role"),
    (MeetingRole, "kind", "meetings/19th.yaml", ("roles", 0), "part"),
    (Session, "kind", "meetings/19th.yaml", ("sessions", 0), "kind"),
    (DiscussionPoint, "kind", "meetings/19th.yaml", ("discussion_points", 0), "kind"),
    (Participation, "mode", "meetings/22nd.yaml", ("participations", 1), "mode"),
    (Silence, "fact", "meetings/22nd.yaml", ("silences", 0), "fact"),
]
CHOICE_FIELD_IDS = [f"{model.__name__}.{field_name}" for model, field_name, *_ in CHOICE_FIELDS]
# Choice fields of the loaded models that the record does not fill, and why.
SET_BY_THE_LOADER = {"status": "everything the loader creates is published"}
# Choice fields the record fills as the keys of a mapping, not as an entry's value.
READ_AS_KEYS = {(Citation, "fact"): "a meeting's `cite:` (the tests of the facts below)"}


def entry_of(name, path):
    """The file `name` of data/record/ as read, and the entry at `path` in it."""
    data = reader.parse(reader.RECORD_DIR, name)
    entry = data
    for step in path:
        entry = entry[step]
    return data, entry


def problems_with(name, data):
    return check(name, data, FILES.get(name, MEETING))


@pytest.mark.parametrize(
    "model, field_name, name, path, key",
    CHOICE_FIELDS,
    ids=CHOICE_FIELD_IDS,
)
def test_the_record_may_use_every_choice_its_model_offers(model, field_name, name, path, key):
    data, entry = entry_of(name, path)
    refused = {}
    for value, _ in model._meta.get_field(field_name).flatchoices:
        entry[key] = value
        if problems := problems_with(name, data):
            refused[value] = problems
    assert refused == {}


@pytest.mark.parametrize(
    "model, field_name, name, path, key",
    CHOICE_FIELDS,
    ids=CHOICE_FIELD_IDS,
)
def test_a_value_its_model_does_not_offer_is_refused_with_the_file_and_line(
    model, field_name, name, path, key
):
    data, entry = entry_of(name, path)
    entry[key] = "not_a_choice"
    line = entry.key_lines.get(key, entry.line)
    values = ", ".join(value for value, _ in model._meta.get_field(field_name).flatchoices)
    assert problems_with(name, data) == [
        f"{name}, line {line}: '{key}' is 'not_a_choice'; choose one of: {values}"
    ]


def test_every_choice_field_of_what_the_loader_creates_is_read_from_the_record(public_record):
    # A model the loader creates gains a choice field: the record must fill it (a row above,
    # and the schema reading it with `choice`) or the loader set it (SET_BY_THE_LOADER).
    labels = LoadedRecord.objects.values_list("model", flat=True).distinct()
    filled = {
        (model, field.name)
        for model in {apps.get_model(label) for label in labels}
        for field in model._meta.get_fields()
        if getattr(field, "choices", None)
        and field.name not in SET_BY_THE_LOADER
        and (model, field.name) not in READ_AS_KEYS
    }
    assert filled == {(model, field_name) for model, field_name, *_ in CHOICE_FIELDS}


def test_a_meeting_may_cite_its_sources_for_every_fact_its_page_shows():
    data, entry = entry_of("meetings/19th.yaml", ())
    tags = entry["cite"]["dates"]
    for fact in Citation.facts_for(Meeting):
        entry["cite"][fact or "record"] = tags
    assert problems_with("meetings/19th.yaml", data) == []


def test_a_fact_the_meeting_page_does_not_show_is_refused_with_the_file_and_line():
    data, entry = entry_of("meetings/19th.yaml", ())
    entry["cite"]["chair"] = ["S14"]
    problems = problems_with("meetings/19th.yaml", data)
    assert problems == [
        f"meetings/19th.yaml, line {entry.key_lines['cite']}: 'cite' names the fact 'chair'; "
        "choose from: record, dates, format, venue, theme, size"
    ]
