"""The public record as data: reading and checking the files under data/record/.

The record is kept in YAML files a secretariat member can read and correct: `sources.yaml`
(the public accounts, each with its tag, e.g. S14), `bodies.yaml` (administrations, other
bodies and people), `vocabulary.yaml` (kinds of delivery, partners, programmes), `rtcs.yaml`
and one file per meeting under `meetings/`. Every fact names the sources it rests on by tag
(`cite: [S14, S15]`).

Invariant: nothing is written unless every file reads and checks cleanly. A mistake is
reported with its file and line ("meetings/19th.yaml, line 12: unknown key 'chiar'"), all
mistakes at once, and the database is left as it was.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

RECORD_DIR = Path(__file__).resolve().parent.parent / "data" / "record"


class RecordError(Exception):
    """One or more mistakes in the record's files, each naming its file and line."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


# --- Reading: YAML with line numbers ---------------------------------------------------------


class Mapping(dict):
    """A YAML mapping that remembers its line and each key's line (1-based)."""

    line = 0
    key_lines = None


class Sequence(list):
    line = 0


class LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = Mapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            key_node.value: key_node.start_mark.line + 1 for key_node, _ in node.value
        }
        return mapping

    def construct_sequence(self, node, deep=False):
        sequence = Sequence(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        return sequence


LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping
)
LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, LineLoader.construct_sequence
)


# --- Checking: a small schema per kind of entry ----------------------------------------------


@dataclass
class Field:
    kind: object  # str, int, bool, datetime.date, "tags", "facts", "names", or a Schema
    required: bool = False
    choices: tuple = ()
    many: bool = False  # a list of `kind`


@dataclass
class Schema:
    name: str
    fields: dict = field(default_factory=dict)


def _type_name(kind):
    names = {str: "text", int: "a whole number", bool: "true or false", datetime.date: "a date"}
    return names.get(kind, getattr(kind, "name", str(kind)))


class Checker:
    """Collects every problem of one file; `where` gives "file, line n"."""

    def __init__(self, path):
        self.path = path
        self.problems = []

    def where(self, line):
        try:
            name = self.path.relative_to(RECORD_DIR)
        except ValueError:
            name = self.path
        return f"{name}, line {line}"

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
        elif (kind is int and isinstance(item, bool)) or not isinstance(item, kind):
            self.problem(line, f"'{key}' should be {_type_name(kind)}, found {item!r}")
        elif spec.choices and item not in spec.choices:
            self.problem(line, f"'{key}' is '{item}'; choose one of: {', '.join(spec.choices)}")


def read(path, schema_by_key):
    """The file's top-level mapping, checked key by key against `schema_by_key`
    ({key: Field}); raises RecordError naming every problem."""
    checker = Checker(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise RecordError([f"{checker.where(line)}: not valid YAML ({error})"]) from None
    checker.check(data, Schema(path.name, schema_by_key), 1)
    if checker.problems:
        raise RecordError(checker.problems)
    return data


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
        "kind": Field(
            str,
            required=True,
            choices=("official", "repost", "press", "aggregator", "encyclopaedia"),
        ),
        "published": Field(datetime.date),
        "precision": Field(str, choices=("day", "month", "year")),
        "language": TEXT,
        "note": TEXT,
    },
)
BODY = Schema(
    "a body",
    {
        "name": Field(str, required=True),
        "slug": Field(str, required=True),
        "kind": Field(str, required=True, choices=("customs", "international", "regional")),
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
        "kind": Field(str, True, ("university", "international", "government", "private")),
    },
)
PROGRAMME = Schema(
    "a programme",
    {
        "name": Field(str, True),
        "slug": Field(str, True),
        "kind": Field(str, True, ("project", "platform", "document", "programme")),
        "body": TEXT,
        "description": TEXT,
        "cite": CITE,
    },
)
ACCREDITATION = Schema(
    "an accreditation step",
    {
        "step": Field(
            str,
            True,
            ("designated", "mou_signed", "mou_approved", "accredited", "launched", "opened"),
        ),
        "date": Field(datetime.date),
        "precision": Field(str, choices=("day", "month", "year")),
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
        "role": Field(str, True, ("organiser", "host", "participant", "represented", "observer")),
        "note": TEXT,
        "cite": CITE,
    },
)
ROLE = Schema(
    "a chair or speaker",
    {
        "person": Field(str, True),
        "part": Field(str, True, ("chair", "co_chair", "opening", "welcome", "wrap_up", "closing")),
        "position": TEXT,
        "body": Field(str, True),
        "online": Field(bool),
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
        "office": Field(str, choices=("ap_vice_chair",)),
        "since": Field(datetime.date),
        "since_precision": Field(str, choices=("day", "month", "year")),
        "until": Field(datetime.date),
        "until_precision": Field(str, choices=("day", "month", "year")),
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
        "kind": Field(str, True, ("challenge", "advantage", "priority", "commitment")),
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
        "kind": Field(
            str,
            True,
            (
                "opening", "information_sharing", "presentations", "rtc_presentations",
                "discussion", "panel", "breakout", "ceremony", "visit", "wrap_up", "closing",
            ),
        ),
        "day": Field(int),
        "title": TEXT,
        "summary": TEXT,
        "presentations": Field(PRESENTATION, many=True),
        "cite": CITE,
    },
)  # fmt: skip
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
    "format": Field(str, True, ("virtual", "in_person", "hybrid")),
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


@dataclass
class Record:
    """Every file, read and checked: {file name: data} and the meetings by number."""

    files: dict
    meetings: dict


def read_record(directory=RECORD_DIR):
    """Reads and checks every file; raises RecordError with every problem found."""
    problems = []
    files, meetings = {}, {}
    for name, shape in FILES.items():
        try:
            files[name] = read(directory / name, shape)
        except RecordError as error:
            problems += error.problems
    for path in sorted((directory / "meetings").glob("*.yaml")):
        try:
            data = read(path, MEETING)
        except RecordError as error:
            problems += error.problems
            continue
        data.path = path
        if data["number"] in meetings:
            other = meetings[data["number"]].path.name
            problems.append(f"meetings/{path.name}, line 1: number {data['number']} is {other}'s")
            continue
        meetings[data["number"]] = data
    if problems:
        raise RecordError(problems)
    return Record(files, meetings)


def read_meeting(number, directory=RECORD_DIR):
    return read_record(directory).meetings[number]
