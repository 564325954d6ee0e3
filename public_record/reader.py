"""The public record as data: reading the files under data/record/.

The record is kept in YAML files a secretariat member can read and correct: `sources.yaml`
(the public accounts, each with its tag, e.g. S14), `bodies.yaml` (administrations, other
bodies and people), `vocabulary.yaml` (kinds of delivery, partners, programmes), `rtcs.yaml`,
`topics.yaml` and one file per meeting under `meetings/`. Every fact names the sources it rests
on by tag (`cite: [S14, S15]`). What each file may hold is in schema.py.

Invariant: nothing is written unless every file reads and checks cleanly. A mistake is
reported with its file and line ("meetings/19th.yaml, line 12: unknown key 'chiar'"), all
mistakes at once, and the database is left as it was.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

from .schema import FILES, MEETING, check

# Looked up each time the record is read (never bound as a default), so a test can point it at
# a copy to break.
RECORD_DIR = Path(__file__).resolve().parent.parent / "data" / "record"


class RecordError(Exception):
    """One or more mistakes in the record's files, each naming its file and line."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


# --- YAML with line numbers ------------------------------------------------------------------


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


def parse(directory, name):
    """The YAML of the file `name` (e.g. "meetings/19th.yaml") under `directory`, its mappings
    and lists knowing their lines; unchecked. Raises RecordError when it is not valid YAML."""
    try:
        return yaml.load((directory / name).read_text(encoding="utf-8"), Loader=LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise RecordError([f"{name}, line {line}: not valid YAML ({error})"]) from None


def read(directory, name, shape):
    """The file's top-level mapping, checked key by key against `shape` ({key: Field});
    raises RecordError naming every problem."""
    data = parse(directory, name)
    problems = check(name, data, shape)
    if problems:
        raise RecordError(problems)
    return data


# --- The whole record ------------------------------------------------------------------------


@dataclass
class Record:
    """Every file, read and checked: {file name: data} and the meetings by number."""

    files: dict
    meetings: dict


def read_record(directory=None):
    """Reads and checks every file (of data/record/ unless told another directory); raises
    RecordError with every problem found."""
    directory = directory or RECORD_DIR
    problems = []
    files, meetings = {}, {}
    for name, shape in FILES.items():
        try:
            files[name] = read(directory, name, shape)
        except RecordError as error:
            problems += error.problems
    for path in sorted((directory / "meetings").glob("*.yaml")):
        try:
            data = read(directory, f"meetings/{path.name}", MEETING)
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
