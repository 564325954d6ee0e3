"""What each file of the public record may hold, and the check that says where it does not.

A small schema per kind of entry (a source, a body, a meeting's participation...): its keys,
which are required, and what each holds. A key whose values the models constrain (a session's
kind, a body's role at a meeting, a meeting's format) takes its choices from the model field it
fills (`choice`), never from a list kept here: a choice added to a model is one the record may
use at once, and the admin, the spreadsheets and the record agree on what each value means.

Invariant: a check reports every problem of a file, each as "file, line n: what is wrong",
never only the first; the reader turns them into one RecordError.
"""

import datetime
from dataclasses import dataclass, field

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
from sources.models import Citation, Source


@dataclass
class Field:
    kind: object  # str, int, bool, datetime.date, "tags", "facts", or a Schema
    required: bool = False
    many: bool = False  # a list of `kind`
    model_field: object = None  # the model field whose choices are the values allowed

    def allowed(self):
        """The values the model field accepts, read from the model when checked."""
        return [value for value, _ in self.model_field.flatchoices]


def choice(model, name, required=False):
    """A value among the choices of `model`'s field `name`."""
    return Field(str, required, model_field=model._meta.get_field(name))


@dataclass
class Schema:
    name: str
    fields: dict = field(default_factory=dict)


def _type_name(kind):
    names = {str: "text", int: "a whole number", bool: "true or false", datetime.date: "a date"}
    return names.get(kind, getattr(kind, "name", str(kind)))


class Checker:
    """Collects every problem of one file, each with the file's name and the line."""

    def __init__(self, name):
        self.name = name
        self.problems = []

    def where(self, line):
        return f"{self.name}, line {line}"

    def problem(self, line, message):
        self.problems.append(f"{self.where(line)}: {message}")

    def check(self, value, schema, line):
        if not isinstance(value, dict):
            self.problem(line, f"expected the fields of {schema.name}, found {value!r}")
            return
        for key in value:
            if key not in schema.fields:
                expected = ", ".join(schema.fields)
                self.problem(
                    value.key_lines.get(key, value.line),
                    f"unknown key '{key}' in {schema.name} (expected one of: {expected})",
                )
        for key, spec in schema.fields.items():
            if key not in value:
                if spec.required:
                    self.problem(value.line, f"{schema.name} needs '{key}'")
                continue
            self.check_field(key, value[key], spec, value.key_lines.get(key, value.line))

    def check_field(self, key, item, spec, line):
        if spec.many:
            if not isinstance(item, list):
                self.problem(line, f"'{key}' should be a list")
                return
            for entry in item:
                self.check_one(key, entry, spec, getattr(entry, "line", line))
            return
        self.check_one(key, item, spec, line)

    def check_one(self, key, item, spec, line):
        kind = spec.kind
        if isinstance(kind, Schema):
            self.check(item, kind, line)
        elif kind == "tags":
            if not (isinstance(item, list) and all(isinstance(tag, str) for tag in item)):
                self.problem(line, f"'{key}' should be a list of source tags, e.g. [S14, S15]")
        elif kind == "facts":
            if not isinstance(item, dict) or not all(
                isinstance(tags, list) for tags in item.values()
            ):
                self.problem(line, f"'{key}' should map each fact to source tags: dates: [S1]")
            else:
                for fact in item:
                    if fact not in MEETING_FACTS:
                        self.problem(
                            getattr(item, "key_lines", {}).get(fact, line),
                            f"'{key}' names the fact '{fact}'; choose from: "
                            f"{', '.join(MEETING_FACTS)}",
                        )
        elif (kind is int and isinstance(item, bool)) or not isinstance(item, kind):
            self.problem(line, f"'{key}' should be {_type_name(kind)}, found {item!r}")
        elif spec.model_field and item not in spec.allowed():
            self.problem(line, f"'{key}' is '{item}'; choose one of: {', '.join(spec.allowed())}")


# A meeting's `cite:` keys: the facts its page shows references for, `record` for the whole.
MEETING_FACTS = ["record", *(fact for fact in Citation.facts_for(Meeting) if fact)]


def check(name, data, shape):
    """Every problem of the file `name` (as the record names it, e.g. "meetings/19th.yaml")
    whose top-level mapping is `data`, checked key by key against `shape` ({key: Field})."""
    checker = Checker(name)
    checker.check(data, Schema(name.rsplit("/", 1)[-1], shape), 1)
    return checker.problems


# --- The files' shapes -----------------------------------------------------------------------

TEXT = Field(str)
CITE = Field("tags")

SOURCE = Schema(
    "a source",
    {
        "tag": Field(str, required=True),
        "slug": Field(str, required=True),
        "publisher": Field(str, required=True),
        "title": Field(str, required=True),
        "url": Field(str, required=True),
        "kind": choice(Source, "kind", required=True),
        "published": Field(datetime.date),
        "precision": choice(Source, "date_precision"),
        "language": TEXT,
        "note": TEXT,
    },
)
BODY = Schema(
    "a body",
    {
        "name": Field(str, required=True),
        "slug": Field(str, required=True),
        "kind": choice(Body, "kind", required=True),
        "full_name": TEXT,
    },
)
PERSON = Schema(
    "a person",
    {
        "name": Field(str, required=True),
        "honorific": TEXT,
        "position": TEXT,
        "body": Field(str, required=True),
    },
)
CATEGORY = Schema("a kind of delivery", {"name": Field(str, True), "slug": Field(str, True)})
PARTNER = Schema(
    "a partner",
    {
        "name": Field(str, True),
        "kind": choice(Partner, "kind", required=True),
    },
)
PROGRAMME = Schema(
    "a programme",
    {
        "name": Field(str, True),
        "slug": Field(str, True),
        "kind": choice(Programme, "kind", required=True),
        "body": TEXT,
        "description": TEXT,
        "cite": CITE,
    },
)
ACCREDITATION = Schema(
    "an accreditation step",
    {
        "step": choice(Accreditation, "step", required=True),
        "date": Field(datetime.date),
        "precision": choice(Accreditation, "date_precision"),
        "ordinal": Field(int),
        "note": TEXT,
        "cite": CITE,
    },
)
INSTITUTION = Schema(
    "a host institution's name",
    {
        "name": Field(str, True),
        "since": Field(int),
        "until": Field(int),
        "city": TEXT,
        "note": TEXT,
        "cite": CITE,
    },
)
PARTICIPATION = Schema(
    "a participation",
    {
        "body": Field(str, True),
        "role": choice(Participation, "role", required=True),
        "mode": choice(Participation, "mode"),
        "note": TEXT,
        "cite": CITE,
    },
)
# A chair may be a body with no person named: then `person` is left out and `body` presided.
ROLE = Schema(
    "a chair or speaker",
    {
        "person": TEXT,
        "part": choice(MeetingRole, "kind", required=True),
        "position": TEXT,
        "body": Field(str, True),
        "online": Field(bool),
        "cite": CITE,
    },
)
SILENCE = Schema(
    "a fact the accounts do not give",
    {
        "fact": choice(Silence, "fact", required=True),
        "note": TEXT,
        "cite": CITE,
    },
)
VERSION = Schema("a version", {"source": Field(str, True), "version": Field(str, True)})
DISAGREEMENT = Schema(
    "a disagreement",
    {
        "point": Field(str, True),
        "fact": TEXT,
        "versions": Field(VERSION, required=True, many=True),
    },
)
REGIONAL_ROLE = Schema(
    "a regional role",
    {
        "body": Field(str, True),
        "office": choice(RegionalRole, "office"),
        "since": Field(datetime.date),
        "since_precision": choice(RegionalRole, "since_precision"),
        "until": Field(datetime.date),
        "until_precision": choice(RegionalRole, "until_precision"),
        "note": TEXT,
        "cite": CITE,
    },
)
RTC = Schema(
    "an RTC",
    {
        "name": Field(str, True),
        "slug": Field(str, True),
        "host": Field(str, True),
        "city": TEXT,
        "cite": CITE,
        "accreditations": Field(ACCREDITATION, many=True),
        "institutions": Field(INSTITUTION, many=True),
        "disagreements": Field(DISAGREEMENT, many=True),
    },
)
INTERVENTION = Schema(
    "an intervention",
    {
        "speaker": TEXT,
        "body": Field(str, True),
        "topic": Field(str, True),
        "summary": TEXT,
        "programmes": Field("tags"),
        "cite": CITE,
    },
)
POINT = Schema(
    "a discussion point",
    {
        "kind": choice(DiscussionPoint, "kind", required=True),
        "text": Field(str, True),
        "body": TEXT,
        "cite": CITE,
    },
)
PRESENTATION = Schema(
    "a presentation",
    {
        "body": Field(str, True),
        "speaker": TEXT,
        "topic": TEXT,
        "cite": CITE,
    },
)
SESSION = Schema(
    "a programme session",
    {
        "kind": choice(Session, "kind", required=True),
        "day": Field(int),
        "title": TEXT,
        "summary": TEXT,
        "presentations": Field(PRESENTATION, many=True),
        "cite": CITE,
    },
)
INITIATIVE = Schema(
    "an initiative",
    {
        "rtc": Field(str, True),
        "title": Field(str, True),
        "slug": Field(str, True),
        "summary": Field(str, True),
        "categories": Field("tags"),
        "partners": Field("tags"),
        "cite": CITE,
    },
)
MEETING = {
    "number": Field(int, True),
    "title": Field(str, True),
    "slug": Field(str, True),
    "start_date": Field(datetime.date, True),
    "end_date": Field(datetime.date, True),
    "format": choice(Meeting, "format", required=True),
    "venue": TEXT,
    "city": TEXT,
    "country": TEXT,
    "theme": TEXT,
    "participant_count": TEXT,
    "rtc_count": Field(int),
    "rtcs_named": Field(bool),
    "summary": TEXT,
    "report": TEXT,
    "cite": Field("facts"),
    "participations": Field(PARTICIPATION, many=True),
    "roles": Field(ROLE, many=True),
    "silences": Field(SILENCE, many=True),
    "disagreements": Field(DISAGREEMENT, many=True),
    "sessions": Field(SESSION, many=True),
    "interventions": Field(INTERVENTION, many=True),
    "discussion_points": Field(POINT, many=True),
    "initiatives": Field(INITIATIVE, many=True),
}
FILES = {
    "sources.yaml": {"sources": Field(SOURCE, True, many=True)},
    "bodies.yaml": {
        "bodies": Field(BODY, True, many=True),
        "people": Field(PERSON, many=True),
        "regional_roles": Field(REGIONAL_ROLE, many=True),
    },
    "vocabulary.yaml": {
        "categories": Field(CATEGORY, many=True),
        "partners": Field(PARTNER, many=True),
        "programmes": Field(PROGRAMME, many=True),
    },
    "rtcs.yaml": {"rtcs": Field(RTC, True, many=True)},
}
