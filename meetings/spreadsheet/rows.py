"""A whole-meeting file's rows read cell by cell into values: text, numbers, yes/no, dates,
choices, and the names of bodies, people, programmes, sources and sessions resolved to what is on
record or what the file adds (the nearest known names for a name that is neither). A person not
on record becomes a NewPerson, added at the write unless the name is close to someone's."""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from core.resources import ChoiceWidget, text, unknown

from .sheets import NEW_BODIES, NEW_SOURCES, SESSIONS, Sheet, source_label

HONORIFICS = re.compile(r"^(mr|mrs|ms|dr|prof|sir|madam)\.?\s+", re.IGNORECASE)
# A new name this close to someone on record is taken for a typing slip, not a new person.
PERSON_CUTOFF = 0.85
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y")
YES = {"yes", "y", "true", "1", "online"}
NO = {"", "no", "n", "false", "0", "in person"}


@dataclass
class NewPerson:
    """Someone not on record yet, added with the body of the first row that names them."""

    name: str
    body: object = None
    position: str = ""
    person: object = None

    @property
    def pk(self):
        return None


@dataclass
class Row:
    sheet: Sheet
    number: int
    cells: dict
    ref: str = ""
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    instance: object = None
    changed: list = field(default_factory=list)
    before: dict = field(default_factory=dict)
    # Decided when checked, and kept once the write has saved the new record.
    is_new: bool = True

    @property
    def state(self):
        if self.errors:
            return "error"
        if self.is_new:
            return "new"
        return "changed" if self.changed else "unchanged"

    def where(self, heading=None):
        column = f", column “{heading}”" if heading else ""
        return f"{self.sheet.name}, row {self.number}{column}"


class RowReading:
    """Reads a row's cells into `row.values`, or its problems into `row.errors`. Mixed into the
    importer, which sets what the names are looked up in before the first row: `bodies`
    (those on record, then the file's new ones), `people` and `programmes` (by folded name),
    `sources` (likewise), `rows` (the file's rows read so far, by sheet: a presentation names a
    session row) and `new_people`."""

    def parse(self, row):
        for column in row.sheet.columns:
            raw = row.cells.get(column.heading.casefold())
            if column.required and not text(raw):
                row.errors.append((column.heading, "This cell is required."))
                continue
            try:
                row.values[column.attr] = self.parse_cell(column, raw, row)
            except ValueError as error:
                row.errors.append((column.heading, str(error)))

    def parse_cell(self, column, raw, row):
        value = text(raw)
        kind = column.kind
        if kind == "text":
            return value
        if kind in ("body", "optional body"):
            return self.body(value) if value else None
        if kind in ("person", "optional person"):
            return self.person(value, row) if value else None
        if kind == "choice":
            return ChoiceWidget(column.choices, column.heading).clean(value)
        if kind == "session":
            return self.session(value)
        if kind == "day":
            return self.day(raw)
        if kind in ("order", "number", "optional number", "session order"):
            if not value:
                if kind == "order":
                    return len(self.rows[row.sheet]) + 1
                return None
            if not re.fullmatch(r"\d+", value):
                raise ValueError("Enter a whole number, such as 3.")
            return int(value)
        if kind == "yes/no":
            if value.casefold() in YES:
                return True
            if value.casefold() in NO:
                return False
            raise ValueError(f"Write yes or no, not “{value}”.")
        if kind == "date":
            return self.date(raw) if value else None
        if kind == "programmes":
            return self.programme_list(value)
        if kind == "ref":
            return value
        if kind == "source":
            return self.source(value)
        raise AssertionError(kind)

    def session(self, value):
        """A row of the Sessions sheet, by its order."""
        for row in self.rows[SESSIONS]:
            if text(row.cells.get("order")) == value:
                if row.errors:
                    raise ValueError(f"Session {value} has errors of its own ({row.where()}).")
                return row
        known = ", ".join(text(row.cells.get("order")) for row in self.rows[SESSIONS])
        raise ValueError(f"No session {value} in the Sessions sheet. Known: {known or 'none'}.")

    def day(self, raw):
        """A day of the meeting: its number, or a date, checked against the meeting's dates
        once they are known (check_days)."""
        if isinstance(raw, datetime.date) or re.search(r"\D", text(raw)):
            return self.date(raw)
        return int(text(raw)) if text(raw) else None

    def body(self, value):
        folded = value.casefold()
        for body in self.bodies:
            if folded in (body.name.casefold(), body.full_name.casefold(), body.slug):
                return body
        raise unknown(
            "administration or body",
            value,
            [body.name for body in self.bodies],
            f"If it is new, give it a row in the “{NEW_BODIES.name}” sheet.",
        )

    def person(self, value, row):
        name = HONORIFICS.sub("", value).strip()
        for candidate in (value.casefold(), name.casefold()):
            if candidate in self.people:
                return self.people[candidate]
        close = difflib.get_close_matches(
            name, [person.name for person in self.people.values()], n=3, cutoff=PERSON_CUTOFF
        )
        if close:
            listed = " or ".join(f"“{near}”" for near in close)
            raise ValueError(
                f"Unknown person “{value}” — did you mean {listed}? If this is someone "
                "else, add them under People in the admin first."
            )
        new = self.new_people.setdefault(name.casefold(), NewPerson(name))
        return new

    def programme_list(self, value):
        found = []
        for name in (part.strip() for part in value.split(";")):
            if not name:
                continue
            if name.casefold() not in self.programmes:
                known = [programme.name for programme in self.programmes.values()]
                raise unknown("programme", name, known)
            found.append(self.programmes[name.casefold()])
        return found

    def source(self, value):
        folded = value.casefold()
        for source in self.sources:
            if folded in (source.tag.casefold(), source.slug, source.title.casefold()):
                return source
        labels = [source_label(source) for source in self.sources]
        raise unknown(
            "source",
            value,
            labels,
            f"If it is new, give it a row in the “{NEW_SOURCES.name}” sheet.",
        )

    @staticmethod
    def date(raw):
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        value = text(raw)
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(value, date_format).date()
            except ValueError:
                continue
        raise ValueError(
            f"“{value}” is not a date: write it as 2024-09-26, 26/09/2024 or 26 September 2024."
        )
