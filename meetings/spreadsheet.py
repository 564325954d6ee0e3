"""A whole meeting in one spreadsheet: who took part, who chaired and opened it, who said what,
the points discussed, the programme's sessions and who presented in them, and which source
supports which row, one sheet per kind.

The same sheets come as an XLSX workbook or as a ZIP of CSV files, one per sheet (a CSV holds
one table; one file per sheet keeps each a plain table that opens in any spreadsheet, where one
CSV mixing kinds would need a column saying which columns apply to each line).

Invariants:
- All or nothing: the file is checked whole, then written in one transaction; one bad row
  anywhere and nothing is written. The dry run runs the very same writes and rolls them back.
- Rows are matched to what the meeting already has by what makes each unique (a body's
  participation, a person's part, a body's remark on a topic, a point's kind and text, a
  session's place in the programme, a presentation's session, body and topic, a citation's
  source and fact), so a round trip of an unedited export changes nothing.
  Records the file does not mention are kept, and the dry run lists them.
- Bodies, programmes and sources must exist already (a "did you mean" for near misses);
  people may be new, unless the name is close to someone on record.
- No status changes here: the meeting keeps its status, and nothing this file creates can be
  published on its own (participations, speakers and points are public with their meeting).
- Each row may carry a "ref" (P1, S2, ...) that the citations sheet points at.
"""

import csv
import datetime
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Case, When
from django.utils.text import slugify
from openpyxl.styles import Font

from core import imports
from core.exports import spreadsheet_cell
from core.models import SpreadsheetImport
from core.resources import ChoiceWidget, cell, text, unknown
from sources.models import Citation, Source, records_filter

from .models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Participation,
    Person,
    Presentation,
    Programme,
    Session,
)

HONORIFICS = re.compile(r"^(mr|mrs|ms|dr|prof|sir|madam)\.?\s+", re.IGNORECASE)
# A new name this close to someone on record is taken for a typing slip, not a new person.
PERSON_CUTOFF = 0.85
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y")
# A meeting's file unpacks to a few hundred kilobytes; this leaves room for long summaries.
UNPACKED_LIMIT = 50 * 2**20
YES = {"yes", "y", "true", "1", "online"}
NO = {"", "no", "n", "false", "0", "in person"}


@dataclass(eq=False)
class Column:
    heading: str
    attr: str
    kind: str = "text"
    required: bool = False
    help: str = ""
    choices: type | None = None


@dataclass(eq=False)
class Sheet:
    name: str
    model: type
    ref_prefix: str
    columns: list
    # The attributes that identify a row among the meeting's records of this kind.
    key: tuple
    help: str = ""

    @property
    def slug(self):
        return slugify(self.name)

    @property
    def headings(self):
        # A citation is never cited itself, so its sheet has no ref column.
        refs = ["ref"] if self.ref_prefix else []
        return [*refs, *(column.heading for column in self.columns)]


MEETING = Sheet(
    "Meeting",
    Meeting,
    "M",
    [
        Column("number", "number", "number", help="The meeting's number; must be this meeting's."),
        Column("title", "title", required=True),
        Column("theme", "theme"),
        Column("start date", "start_date", "date", required=True, help="e.g. 2021-10-27"),
        Column("end date", "end_date", "date", required=True),
        Column("format", "format", "choice", choices=Meeting.Format),
        Column("venue", "venue"),
        Column("city", "city"),
        Column("country", "country"),
        Column("participants", "participant_count", help='As the account says: "more than 50".'),
        Column("RTCs attending", "rtc_count", "optional number"),
        Column("summary", "summary"),
    ],
    key=(),
    help="One row: the meeting itself. Its status is never changed by an import.",
)
PARTICIPATIONS = Sheet(
    "Participations",
    Participation,
    "P",
    [
        Column("body", "body", "body", required=True, help='As on record, e.g. "Japan".'),
        Column("role", "role", "choice", required=True, choices=Participation.Role),
        Column("note", "note", help='e.g. "RTC head".'),
    ],
    key=("body",),
    help="One row per administration or body that took part, with its role.",
)
ROLES = Sheet(
    "Roles",
    MeetingRole,
    "R",
    [
        Column("order", "order", "order", help="Speaking order: 1, 2, 3 ..."),
        Column("part", "kind", "choice", required=True, choices=MeetingRole.Kind),
        Column("person", "person", "person", required=True, help="Name without Mr./Dr."),
        Column("position", "position", help="The post held at the time."),
        Column("body", "body", "body", required=True, help="The body they spoke for."),
        Column("online", "online", "yes/no", help="yes if they took part online."),
    ],
    key=("person", "kind"),
    help="Who chaired, opened, welcomed and closed the meeting.",
)
SPEAKERS = Sheet(
    "Speakers and remarks",
    Intervention,
    "S",
    [
        Column("order", "order", "order"),
        Column("speaker", "speaker", "optional person", help="Empty if the account names only"),
        Column("body", "body", "body", required=True, help="The body the speaker spoke for."),
        Column("topic", "topic", required=True),
        Column("summary", "summary"),
        Column("programmes", "programmes", "programmes", help="Names, separated by ;"),
    ],
    key=("body", "topic"),
    help="What each speaker (or delegation) presented, in speaking order.",
)
POINTS = Sheet(
    "Points",
    DiscussionPoint,
    "D",
    [
        Column("order", "order", "order"),
        Column("kind", "kind", "choice", required=True, choices=DiscussionPoint.Kind),
        Column("text", "text", required=True),
        Column("detail", "detail"),
        Column("body", "body", "optional body", help="For a commitment: who committed."),
    ],
    key=("kind", "text"),
    help="Challenges, advantages, priorities and commitments discussed.",
)
SESSIONS = Sheet(
    "Sessions",
    Session,
    "SE",
    [
        Column("order", "order", "session order", required=True, help="1 for the first session."),
        Column("day", "day", "day", help="Day of the meeting (1, 2 ...) or its date."),
        Column("kind", "kind", "choice", required=True, choices=Session.Kind),
        Column("title", "title", help="The session's own title, if the account gives one."),
        Column("summary", "summary"),
    ],
    # A session is the one at its place in the programme.
    key=("order",),
    help="The programme, session by session, in order.",
)
PRESENTATIONS = Sheet(
    "Presentations",
    Presentation,
    "PR",
    [
        Column("session", "session", "session", required=True, help="The session's order."),
        Column("order", "order", "order"),
        Column("body", "body", "body", required=True, help="The body that presented."),
        Column("speaker", "speaker", "optional person", help="Empty if the account names only"),
        Column("topic", "topic"),
    ],
    key=("session", "body", "topic"),
    help="Who presented what in each session.",
)
CITATIONS = Sheet(
    "Citations",
    Citation,
    "",
    [
        Column("supports", "supports", "ref", required=True, help="The ref of a row: P3, S1, M."),
        Column("source", "source", "source", required=True, help='Its tag ("S14") or title.'),
        Column("fact", "fact", help='Which fact, e.g. "dates"; empty for the whole row.'),
        Column("locator", "locator", help='Where in the source, e.g. "second paragraph".'),
        Column("note", "note"),
    ],
    key=("supports", "source", "fact"),
    help="Which source supports which row: one row per source and row (and fact).",
)
RECORD_SHEETS = [MEETING, PARTICIPATIONS, ROLES, SPEAKERS, POINTS, SESSIONS, PRESENTATIONS]
SHEETS = [*RECORD_SHEETS, CITATIONS]


# --- Writing the template --------------------------------------------------------------------


def records(meeting, sheet):
    """The meeting's records of `sheet`'s kind, in the order the admin shows them."""
    if sheet is MEETING:
        return [meeting]
    related = {
        # Roles in the order they are declared: the organiser first, observers last.
        PARTICIPATIONS: meeting.participations.select_related("body")
        .alias(
            role_order=Case(
                *(When(role=role, then=n) for n, role in enumerate(Participation.Role.values))
            )
        )
        .order_by("role_order", "body__name"),
        ROLES: meeting.roles.select_related("person", "body").order_by("order", "pk"),
        SPEAKERS: meeting.interventions.select_related("speaker", "body")
        .prefetch_related("programmes")
        .order_by("order", "pk"),
        POINTS: meeting.discussion_points.select_related("body").order_by("kind", "order", "pk"),
        SESSIONS: meeting.sessions.order_by("order", "pk"),
        PRESENTATIONS: Presentation.objects.filter(session__meeting=meeting)
        .select_related("session", "body", "speaker")
        .order_by("session__order", "order", "pk"),
    }
    return list(related[sheet])


def shown(column, value):
    """A stored value as the sheet shows it."""
    if value is None:
        return ""
    if column.kind in ("body", "optional body", "person", "optional person"):
        return value.name
    if column.kind == "choice":
        return column.choices(value).label if value else ""
    if column.kind == "yes/no":
        return "yes" if value else "no"
    if column.kind == "session":
        return value.order
    if column.kind == "programmes":
        return "; ".join(sorted(programme.name for programme in value.all()))
    return value


def shown_text(value):
    """A cell as the dry run's page shows it: a date without a time."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return text(value)


def long_date(day):
    return f"{day.day} {day:%B %Y}"


def kept_name(record):
    if isinstance(record, Citation):
        return f"{source_label(record.source)} for “{record.record}”"
    return f"“{record}”"


def source_label(source):
    return source.tag or source.title


def filled_sheets(meeting=None):
    """{sheet: rows (lists of cells, heading first)}; only headings without a meeting."""
    tables = {sheet: [sheet.headings] for sheet in SHEETS}
    if meeting is None:
        return tables
    by_record = {}
    for sheet in RECORD_SHEETS:
        for number, record in enumerate(records(meeting, sheet), 1):
            ref = "M" if sheet is MEETING else f"{sheet.ref_prefix}{number}"
            by_record[(sheet.model, record.pk)] = ref
            values = [shown(column, getattr(record, column.attr)) for column in sheet.columns]
            tables[sheet].append([ref, *values])
    citations = Citation.objects.filter(records_filter(cited_records(meeting))).select_related(
        "source", "content_type"
    )
    cited = sorted(
        (
            (by_record[(c.content_type.model_class(), c.object_id)], c)
            for c in citations
            if (c.content_type.model_class(), c.object_id) in by_record
        ),
        key=lambda pair: (ref_order(pair[0]), pair[1].fact, source_label(pair[1].source)),
    )
    for ref, citation in cited:
        tables[CITATIONS].append(
            [ref, source_label(citation.source), citation.fact, citation.locator, citation.note]
        )
    return tables


def cited_records(meeting):
    return [record for sheet in RECORD_SHEETS for record in records(meeting, sheet)]


def ref_order(ref):
    """M, then P1, P2 ... R1 ... in the sheets' order, numbers as numbers."""
    prefixes = [sheet.ref_prefix for sheet in RECORD_SHEETS]
    match = re.fullmatch(r"([A-Z]+)(\d*)", ref)
    if not match or match[1] not in prefixes:
        return (len(prefixes), 0, ref)
    return (prefixes.index(match[1]), int(match[2] or 0), ref)


def read_me_lines():
    lines = [
        ["RTC Portal: a whole meeting in one spreadsheet"],
        [
            "Fill the sheets, then import the file from the meeting's page in the admin "
            "(Import whole meeting). A dry run shows every row as new, changed, unchanged or an "
            "error before anything is saved; nothing is saved unless every row is right."
        ],
        ["Bodies, programmes and sources must be on record already; people are added if new."],
        ["Rows the file leaves out are kept: delete them in the admin if they should go."],
        [
            "A row's ref (P1, R2, S3 ...) is what the Citations sheet points at; give new rows "
            "any ref not used elsewhere in the file."
        ],
        [],
    ]
    for sheet in SHEETS:
        lines.append([sheet.name, sheet.help])
        for column in sheet.columns:
            required = "required" if column.required else ""
            choices = ", ".join(column.choices.labels) if column.choices else ""
            lines.append(["", column.heading, required, column.help or choices])
    return lines


def xlsx_bytes(meeting=None):
    workbook = openpyxl.Workbook()
    read_me = workbook.active
    read_me.title = "Read me"
    for line in read_me_lines():
        read_me.append(line)
    read_me.column_dimensions["B"].width = 60
    for sheet, rows in filled_sheets(meeting).items():
        worksheet = workbook.create_sheet(sheet.name)
        for row in rows:
            worksheet.append([spreadsheet_cell(value) for value in row])
        for heading_cell in worksheet[1]:
            heading_cell.font = Font(bold=True)
        worksheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_zip_bytes(meeting=None):
    """One CSV per sheet (UTF-8 with a byte order mark, for Excel), and a read-me."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet, rows in filled_sheets(meeting).items():
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
            archive.writestr(f"{sheet.slug}.csv", "\N{BYTE ORDER MARK}" + buffer.getvalue())
        read_me = io.StringIO()
        csv.writer(read_me).writerows(read_me_lines())
        archive.writestr("read-me.csv", "\N{BYTE ORDER MARK}" + read_me.getvalue())
    return output.getvalue()


# --- Reading a file --------------------------------------------------------------------------


class UnreadableFile(ValueError):
    pass


def read_book(data):
    """{sheet: [(row number, [cells])]} with the heading line as row 1; sheets not in the
    file are left out. XLSX, or a ZIP of CSV files named after the sheets."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFile(
            "The file is neither an XLSX workbook nor a ZIP of CSV files. Export the template "
            "from the meeting's page and fill that in."
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        # XLSX is a ZIP too: a few megabytes may unpack to gigabytes, so ask first.
        if sum(info.file_size for info in archive.infolist()) > UNPACKED_LIMIT:
            raise UnreadableFile(
                "The file unpacks to more than a whole meeting could need. Export the template "
                "from the meeting's page and fill that in."
            )
        if "[Content_Types].xml" not in names:
            return read_csv_zip(archive, names)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise UnreadableFile(f"The workbook could not be read ({type(error).__name__}).") from error
    by_slug = {sheet.slug: sheet for sheet in SHEETS}
    book = {}
    for worksheet in workbook.worksheets:
        sheet = by_slug.get(slugify(worksheet.title))
        if sheet:
            book[sheet] = [
                (number, list(values))
                for number, values in enumerate(worksheet.iter_rows(values_only=True), 1)
            ]
    workbook.close()
    return book


def read_csv_zip(archive, names):
    by_slug = {sheet.slug: sheet for sheet in SHEETS}
    book = {}
    for name in names:
        stem = name.rsplit("/", 1)[-1].removesuffix(".csv").removesuffix(".CSV")
        sheet = by_slug.get(slugify(stem))
        if sheet is None:
            continue
        try:
            content = archive.read(name).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableFile(f"{name} is not saved as UTF-8: save it as “CSV UTF-8”.") from None
        book[sheet] = list(enumerate(csv.reader(io.StringIO(content, newline="")), 1))
    if not book:
        expected = ", ".join(f"{sheet.slug}.csv" for sheet in SHEETS)
        raise UnreadableFile(f"The ZIP holds none of the sheets' CSV files ({expected}).")
    return book


# --- Checking and importing ------------------------------------------------------------------


class RowRefused(Exception):
    """A row failed the model's own validation at the write; its problems are recorded."""


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


def same(column, old, new):
    if column.kind == "session":
        return not new.is_new and old.pk == new.instance.pk
    if column.kind == "programmes":
        return {p.pk for p in old.all()} == {p.pk for p in new}
    if column.kind in ("body", "optional body", "person", "optional person"):
        return getattr(old, "pk", None) == getattr(new, "pk", None) and not isinstance(
            new, NewPerson
        )
    return (old if old is not None else "") == (new if new is not None else "")


class WholeMeetingImport:
    """Reads, checks and (unless a dry run) writes a whole-meeting file into one meeting.
    Stored as a core.models.SpreadsheetImport's resource, run by the task worker."""

    def __init__(self, meeting=None, user=None):
        self.meeting = meeting
        self.user = user
        self.problems = []
        self.notes = []
        self.rows = {sheet: [] for sheet in SHEETS}
        self.unread_sheets = []
        self.new_people = {}

    # The worker's entry point (core.imports.process).
    def process(self, pending, *, dry_run):
        self.meeting = Meeting.objects.filter(pk=pending.object_id).first()
        self.user = pending.created_by
        if self.meeting is None:
            return imports.finish(pending, problems=["The meeting this file was for is gone."])
        try:
            book = read_book(bytes(pending.data))
        except UnreadableFile as error:
            return imports.finish(pending, problems=[str(error)])
        self.run(book, dry_run=dry_run, file_name=pending.file_name)
        counts = dict.fromkeys(("new", "changed", "unchanged"), 0)
        for row in self.all_rows():
            if row.state in counts:
                counts[row.state] += 1
        pending.new = counts["new"] + len(self.new_people)
        pending.updated = counts["changed"]
        pending.unchanged = counts["unchanged"]
        pending.preview = self.preview()
        return imports.finish(pending, problems=self.problems, dry_run=dry_run)

    def run(self, book, *, dry_run, file_name=""):
        """Check `book` ({sheet: numbered rows}) and write it, all or nothing; a dry run's
        writes are rolled back. Returns the problems (empty when it went through)."""
        with transaction.atomic():
            self.check(book)
            if not self.problems:
                try:
                    with transaction.atomic():
                        self.write(dry_run=dry_run, file_name=file_name)
                except RowRefused:
                    pass  # its problems are listed already
                except DatabaseError as error:
                    self.problems.append(f"The file could not be saved: {error}")
            if dry_run or self.problems:
                transaction.set_rollback(True)
        return self.problems

    def all_rows(self):
        return [row for sheet in SHEETS for row in self.rows[sheet]]

    # --- Checking ---

    def check(self, book):
        self.bodies = list(Body.objects.all())
        self.people = {person.name.casefold(): person for person in Person.objects.all()}
        self.programmes = {p.name.casefold(): p for p in Programme.objects.all()}
        self.sources = list(Source.objects.all())
        if not book:
            self.problems.append(
                "The file holds none of the sheets: "
                + ", ".join(sheet.name for sheet in SHEETS)
                + "."
            )
            return
        for sheet in RECORD_SHEETS:
            if sheet in book:
                self.check_sheet(sheet, book[sheet])
        self.check_meeting()
        self.check_days()
        self.refs = self.collect_refs()
        if CITATIONS in book:
            self.check_sheet(CITATIONS, book[CITATIONS])
        for row in self.all_rows():
            self.problems += [f"{row.where(heading)}: {message}" for heading, message in row.errors]
        self.note_kept()

    def check_sheet(self, sheet, numbered_rows):
        if not numbered_rows:
            return
        _, heading_cells = numbered_rows[0]
        headings = [text(value).casefold() for value in heading_cells]
        missing = [
            column.heading for column in sheet.columns if column.heading.casefold() not in headings
        ]
        if missing:
            names = ", ".join(f"“{heading}”" for heading in missing)
            self.problems.append(
                f"{sheet.name}, row 1: no column {names}. Keep the template's headings."
            )
            self.unread_sheets.append(sheet)
            return
        keys = {}
        for number, values in numbered_rows[1:]:
            cells = dict(zip(headings, values, strict=False))
            if not any(text(value) for value in cells.values()):
                continue  # an empty line
            row = Row(sheet, number, {k: cell(v) for k, v in cells.items()})
            row.ref = text(row.cells.get("ref"))
            self.parse(row)
            if not row.errors and sheet is not MEETING:
                key = tuple(self.key_part(row.values[attr]) for attr in sheet.key)
                if key in keys:
                    row.errors.append((None, f"repeats row {keys[key]} of this sheet."))
                keys.setdefault(key, number)
            self.rows[sheet].append(row)
            if not row.errors:
                self.match(row)

    @classmethod
    def key_part(cls, value):
        if isinstance(value, NewPerson):
            return ("new", value.name.casefold())
        if isinstance(value, Row):  # a session row of this file
            if value.is_new:
                return ("new session", value.number)
            return cls.key_part(value.instance)
        if hasattr(value, "pk"):
            return (type(value).__name__, value.pk)
        return text(value).casefold()

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
            return self.date(raw)
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
        raise unknown("administration or body", value, [body.name for body in self.bodies])

    def person(self, value, row):
        name = HONORIFICS.sub("", value).strip()
        for candidate in (value.casefold(), name.casefold()):
            if candidate in self.people:
                return self.people[candidate]
        close = difflib.get_close_matches(
            name, [person.name for person in self.people.values()], n=1, cutoff=PERSON_CUTOFF
        )
        if close:
            raise ValueError(
                f"Unknown person “{value}” — did you mean “{close[0]}”? If this is someone "
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
        raise unknown("source", value, labels)

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
        raise ValueError(f"“{value}” is not a date: write it as 2021-10-27.")

    def check_meeting(self):
        rows = self.rows[MEETING]
        if len(rows) > 1:
            for row in rows[1:]:
                row.errors.append((None, "The Meeting sheet has one row: the meeting itself."))
        row = rows[0] if rows else None
        if row is None or row.errors:
            return
        number = row.values.get("number")
        if number is not None and number != self.meeting.number:
            row.errors.append(
                (
                    "number",
                    f"This file is for meeting {number}, and you are importing it into "
                    f"meeting {self.meeting.number}. Import it from meeting {number}'s page.",
                )
            )
            return
        row.values["number"] = self.meeting.number
        # Compared again now that an empty number stands for this meeting's.
        row.changed, row.before = [], {}
        self.compare(row)
        if row.values["end_date"] < row.values["start_date"]:
            row.errors.append(("end date", "The meeting cannot end before it starts."))

    def meeting_dates(self):
        row = next(iter(self.rows[MEETING]), None)
        if row and not row.errors:
            return row.values["start_date"], row.values["end_date"]
        return self.meeting.start_date, self.meeting.end_date

    def check_days(self):
        """Each session's day falls within the meeting; a date is stored as its day."""
        start, end = self.meeting_dates()
        length = (end - start).days + 1
        span = f"{long_date(start)} to {long_date(end)}"
        for row in self.rows[SESSIONS]:
            day = row.values.get("day")
            if isinstance(day, datetime.date):
                if not start <= day <= end:
                    row.errors.append(("day", f"{day:%d %B %Y} is outside the meeting ({span})."))
                    continue
                row.values["day"] = (day - start).days + 1
                # Compared again as the day number it is stored as.
                row.changed, row.before = [], {}
                if row.instance is not None:
                    self.compare(row)
            elif day is not None and not 1 <= day <= length:
                days = "1 day" if length == 1 else f"{length} days"
                row.errors.append(
                    ("day", f"Day {day} is outside the meeting, which lasted {days} ({span}).")
                )

    def existing(self, sheet):
        if not hasattr(self, "_existing"):
            self._existing = {}
        if sheet not in self._existing:
            self._existing[sheet] = {
                tuple(self.key_part(getattr(record, attr)) for attr in sheet.key): record
                for record in records(self.meeting, sheet)
            }
        return self._existing[sheet]

    def match(self, row):
        sheet = row.sheet
        if sheet is CITATIONS:
            return self.match_citation(row)
        if sheet is MEETING:
            row.instance = self.meeting
        else:
            key = tuple(self.key_part(row.values[attr]) for attr in sheet.key)
            row.instance = self.existing(sheet).get(key) or self.new_record(sheet)
        self.compare(row)

    def new_record(self, sheet):
        if sheet is PRESENTATIONS:
            return Presentation()  # its session, from its row, gives the meeting
        return sheet.model(meeting=self.meeting)

    def compare(self, row):
        row.is_new = row.instance.pk is None
        if row.is_new:
            return
        for column in row.sheet.columns:
            old = getattr(row.instance, column.attr)
            new = row.values[column.attr]
            if not same(column, old, new):
                row.changed.append(column.heading)
                row.before[column.heading] = text(shown(column, old))

    def collect_refs(self):
        refs = {}
        for sheet in RECORD_SHEETS:
            for row in self.rows[sheet]:
                if sheet is MEETING and not row.ref:
                    row.ref = "M"
                if not row.ref:
                    continue
                folded = row.ref.casefold()
                if folded in refs:
                    row.errors.append(("ref", f"“{row.ref}” is also {refs[folded].where()}'s ref."))
                else:
                    refs[folded] = row
        if "m" not in refs:
            # The meeting can be cited as M even when its sheet is left out.
            refs["m"] = Row(MEETING, 0, {}, ref="M", instance=self.meeting)
        return refs

    def match_citation(self, row):
        target = self.refs.get(row.values["supports"].casefold())
        if target is None and self.unread_sheets:
            return  # it may be a row of a sheet that could not be read, named already
        if target is None:
            known = [target.ref for target in self.refs.values()]
            close = difflib.get_close_matches(row.values["supports"], known, n=1)
            hint = f" — did you mean “{close[0]}”?" if close else "."
            row.errors.append(("supports", f"No row has the ref “{row.values['supports']}”{hint}"))
            return
        if target.errors:
            return  # the row it supports is named with its own errors
        row.values["target"] = target
        record = target.instance
        source, fact = row.values["source"], row.values["fact"]
        existing = None
        if record is not None and record.pk is not None:
            content_type = ContentType.objects.get_for_model(record)
            existing = self.existing_citations().get((content_type.pk, record.pk, source.pk, fact))
        row.instance = existing or Citation(source=source, fact=fact)
        row.is_new = existing is None
        if existing:
            for heading, attr in (("locator", "locator"), ("note", "note")):
                if getattr(existing, attr) != row.values[attr]:
                    row.changed.append(heading)
                    row.before[heading] = getattr(existing, attr)

    def existing_citations(self):
        """{(content type, record, source, fact): citation} of the meeting and its rows, read
        once rather than once per row."""
        if not hasattr(self, "_citations"):
            citations = Citation.objects.filter(records_filter(cited_records(self.meeting)))
            self._citations = {
                (c.content_type_id, c.object_id, c.source_id, c.fact): c for c in citations
            }
        return self._citations

    def note_kept(self):
        """What the meeting has that the file leaves out: kept, and said so."""
        for sheet in (PARTICIPATIONS, ROLES, SPEAKERS, POINTS, CITATIONS):
            mentioned = {row.instance.pk for row in self.rows[sheet] if row.instance}
            if sheet is CITATIONS:
                kept = Citation.objects.filter(records_filter(cited_records(self.meeting)))
            else:
                kept = records(self.meeting, sheet)
            for record in kept:
                if record.pk not in mentioned:
                    self.notes.append(
                        f"{sheet.name}: {kept_name(record)} is not in the file and is kept."
                    )

    # --- Writing ---

    def write(self, *, dry_run, file_name):
        for new in self.new_people.values():
            first = next(
                row for row in self.all_rows() if any(value is new for value in row.values.values())
            )
            new.person = Person(
                name=new.name, body=first.values["body"], position=first.values.get("position", "")
            )
            self.save(new.person, dry_run, first)
        for sheet in RECORD_SHEETS:
            for row in self.rows[sheet]:
                if row.state in ("new", "changed"):
                    self.write_row(row, dry_run)
        for row in self.rows[CITATIONS]:
            if row.state in ("new", "changed"):
                citation = row.instance
                citation.record = row.values["target"].instance
                citation.locator = row.values["locator"]
                citation.note = row.values["note"]
                self.save(citation, dry_run, row)
        if not dry_run and self.user:
            # The meeting's admin history says where its new rows came from.
            LogEntry.objects.log_actions(
                user_id=self.user.pk,
                queryset=[self.meeting],
                action_flag=CHANGE,
                change_message=f"Imported the whole-meeting spreadsheet {file_name}.",
                single_object=True,
            )

    def write_row(self, row, dry_run):
        instance = row.instance
        many = {}
        for column in row.sheet.columns:
            value = row.values[column.attr]
            if isinstance(value, NewPerson):
                value = value.person
            elif isinstance(value, Row):  # a session of this file, saved before
                value = value.instance
            if column.kind == "programmes":
                many[column.attr] = value
            else:
                setattr(instance, column.attr, value)
        self.save(instance, dry_run, row)
        for attr, value in many.items():
            getattr(instance, attr).set(value)

    def save(self, instance, dry_run, row):
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            headings = {column.attr: column.heading for column in row.sheet.columns}
            for name, messages in error.message_dict.items():
                where = row.where(headings.get(name))
                self.problems += [f"{where}: {message}" for message in messages]
            raise RowRefused from error
        if dry_run:
            # The dry run is rolled back; history written for it would vanish anyway.
            instance.skip_history_when_saving = True
        instance._history_user = self.user
        instance.save()

    # --- The dry run's page ---

    def preview(self):
        sheets = []
        for sheet in SHEETS:
            rows = []
            for row in self.rows[sheet][: imports.PREVIEW_ROWS]:
                cells = []
                for heading in sheet.headings:
                    now = shown_text(row.cells.get(heading.casefold()))
                    if heading in row.before:
                        cells.append([["del", row.before[heading]], ["ins", now]])
                    else:
                        cells.append([["span", now]])
                rows.append(
                    {
                        "number": row.number,
                        "state": row.state,
                        "changed": row.changed,
                        "errors": [message for _, message in row.errors],
                        "cells": cells,
                    }
                )
            if rows:
                sheets.append({"name": sheet.name, "headers": sheet.headings, "rows": rows})
        return {
            "sheets": sheets,
            "new_people": sorted(new.name for new in self.new_people.values()),
            "kept": self.notes,
        }


def store(upload, *, user, meeting):
    """Keep an uploaded file for the worker's dry run (core.imports)."""
    from import_export.formats.base_formats import XLSX

    return imports.store(
        upload,
        user=user,
        model=Meeting,
        resource_class=WholeMeetingImport,
        format_class=XLSX,
        object_id=meeting.pk,
    )


def pending_for(meeting):
    return SpreadsheetImport.objects.filter(
        object_id=meeting.pk, resource=imports.dotted_path(WholeMeetingImport)
    )
