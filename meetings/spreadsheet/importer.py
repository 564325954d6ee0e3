"""A whole-meeting file checked, matched to the meeting's records and written into it, all or
nothing (the package's docstring states the invariants); or, from the meetings list, the meeting
created from the file with everything in it. Its dry run's page; and the stored upload that the
task worker runs it from (core.imports, core.tasks)."""

import datetime
import difflib

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from core import imports
from core.models import SpreadsheetImport
from core.resources import cell, text
from core.slugs import free_slug
from sources.models import Citation, Source, records_filter

from ..models import Body, Meeting, Person, Presentation, Programme
from .reading import UnreadableFile, read_book
from .rows import NewPerson, Row, RowReading
from .sheets import (
    CITATIONS,
    MEETING,
    NEW_BODIES,
    NEW_RECORD_SHEETS,
    NEW_SOURCES,
    PARTICIPATIONS,
    POINTS,
    PRESENTATIONS,
    RECORD_SHEETS,
    ROLES,
    SESSIONS,
    SHEETS,
    SILENCES,
    SPEAKERS,
    cited_records,
    records,
    shown,
    source_label,
)


class RowRefused(Exception):
    """A row failed the model's own validation at the write; its problems are recorded."""


def same(column, old, new):
    if column.kind == "session":
        return not new.is_new and old.pk == new.instance.pk
    if column.kind == "programmes":
        return {p.pk for p in old.all()} == {p.pk for p in new}
    if column.kind in ("body", "optional body", "person", "optional person"):
        # A record the file adds (a new person or body) has no key yet, and is never the same.
        if new is not None and new.pk is None:
            return False
        return getattr(old, "pk", None) == getattr(new, "pk", None)
    return (old if old is not None else "") == (new if new is not None else "")


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


class WholeMeetingImport(RowReading):
    """Reads, checks and (unless a dry run) writes a whole-meeting file into one meeting, or,
    given no meeting, into the new meeting its Meeting sheet describes. Stored as a
    core.models.SpreadsheetImport's resource, run by the task worker."""

    def __init__(self, meeting=None, user=None):
        self.meeting = meeting
        # From the meetings list: the file's Meeting sheet names a meeting not on record yet.
        self.creates_meeting = meeting is None
        self.user = user
        self.problems = []
        self.notes = []
        self.rows = {sheet: [] for sheet in SHEETS}
        self.unread_sheets = []
        self.new_people = {}

    # The worker's entry point (core.imports.process).
    def process(self, pending, *, dry_run):
        self.user = pending.created_by
        if pending.object_id is not None:
            self.creates_meeting = False
            self.meeting = Meeting.objects.filter(pk=pending.object_id).first()
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
        if self.creates_meeting and not dry_run and not self.problems:
            # The upload's page now links to the meeting it created.
            pending.object_id = self.meeting.pk
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
        # The bodies and sources the file adds first, so that the other sheets may name them;
        # then the meeting, which the other sheets' rows are matched in.
        for sheet in [*NEW_RECORD_SHEETS, MEETING]:
            if sheet in book:
                self.check_sheet(sheet, book[sheet])
        self.check_meeting()
        for sheet in RECORD_SHEETS[1:]:
            if sheet in book:
                self.check_sheet(sheet, book[sheet])
        self.check_days()
        self.refs = self.collect_refs()
        if CITATIONS in book:
            self.check_sheet(CITATIONS, book[CITATIONS])
        for row in self.all_rows():
            self.problems += [f"{row.where(heading)}: {message}" for heading, message in row.errors]
        self.check_may_add()
        self.note_kept()

    def check_may_add(self):
        """Bodies and sources are added only by those who may add them in the admin."""
        if self.user is None:
            return
        for sheet, permission in (
            (NEW_BODIES, "meetings.add_body"),
            (NEW_SOURCES, "sources.add_source"),
        ):
            adds = [row for row in self.rows[sheet] if row.state == "new"]
            if adds and not self.user.has_perm(permission):
                self.problems.append(
                    f"{adds[0].where()}: you may not add {sheet.model._meta.verbose_name_plural}; "
                    "ask someone who may to add them, then name them as on record."
                )

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
                key = self.key_of(sheet, row.values.get)
                if key in keys:
                    row.errors.append((None, f"repeats row {keys[key]} of this sheet."))
                keys.setdefault(key, number)
            self.rows[sheet].append(row)
            if not row.errors:
                self.match(row)

    @classmethod
    def key_of(cls, sheet, value_of):
        """What identifies a row of `sheet` among the meeting's records, from `value_of(attr)`;
        an empty key column stands in for its sheet's fallback (a role with no person named is
        its body's)."""
        parts = []
        for attr in sheet.key:
            value = value_of(attr)
            if value is None and attr in sheet.key_fallback:
                attr = sheet.key_fallback[attr]
                value = value_of(attr)
            parts.append((attr, cls.key_part(value)))
        return tuple(parts)

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

    def check_meeting(self):
        rows = self.rows[MEETING]
        if len(rows) > 1:
            for row in rows[1:]:
                row.errors.append((None, "The Meeting sheet has one row: the meeting itself."))
        row = rows[0] if rows else None
        if self.creates_meeting:
            # Until the Meeting sheet is right, the other sheets are checked against a meeting
            # with no records; nothing is written while any row has a problem.
            self.meeting = Meeting()
            if row is None:
                self.problems.append(
                    "The Meeting sheet has no row: a file that creates a meeting describes it "
                    "there, in one row."
                )
                return
        if row is None or row.errors:
            return
        number = row.values.get("number")
        if self.creates_meeting:
            self.meeting = self.new_meeting(row)
            if row.errors:
                return
        elif number is not None and number != self.meeting.number:
            elsewhere = (
                f"meeting {number}'s page"
                if Meeting.objects.filter(number=number).exists()
                else "the meetings list (Import a whole meeting), which creates it"
            )
            row.errors.append(
                (
                    "number",
                    f"This file is for meeting {number}, and you are importing it into "
                    f"meeting {self.meeting.number}. Import it from {elsewhere}.",
                )
            )
            return
        row.values["number"] = self.meeting.number
        row.instance = self.meeting
        row.changed, row.before = [], {}
        self.compare(row)
        if row.values["end_date"] < row.values["start_date"]:
            row.errors.append(("end date", "The meeting cannot end before it starts."))

    def new_meeting(self, row):
        """The meeting the file creates, from its Meeting sheet's row: a draft, at an address
        made from its title."""
        number = row.values.get("number")
        if number is None:
            row.errors.append(("number", "Give the new meeting's number, e.g. 23."))
            return self.meeting
        if Meeting.objects.filter(number=number).exists():
            row.errors.append(
                (
                    "number",
                    f"Meeting {number} is on record already. To change it, import the file from "
                    "its page; to record a new meeting, give the file that meeting's number.",
                )
            )
            return self.meeting
        slug = free_slug(Meeting, row.values["title"] or f"meeting {number}")
        return Meeting(number=number, slug=slug, title=row.values["title"])

    def meeting_dates(self):
        row = next(iter(self.rows[MEETING]), None)
        if row and not row.errors:
            return row.values["start_date"], row.values["end_date"]
        return self.meeting.start_date, self.meeting.end_date

    def check_days(self):
        """Each session's day falls within the meeting; a date is stored as its day."""
        start, end = self.meeting_dates()
        if start is None or end is None:
            return  # a meeting to create whose own row has problems, named already
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
                self.key_of(sheet, lambda attr, record=record: getattr(record, attr)): record
                for record in records(self.meeting, sheet)
            }
        return self._existing[sheet]

    def match(self, row):
        sheet = row.sheet
        if sheet is CITATIONS:
            return self.match_citation(row)
        if sheet is MEETING:
            return  # once the meeting is known (check_meeting)
        if sheet in NEW_RECORD_SHEETS:
            return self.match_new_record(row)
        key = self.key_of(sheet, row.values.get)
        row.instance = self.existing(sheet).get(key) or self.new_record(sheet)
        self.compare(row)

    def match_new_record(self, row):
        """A body or source the file adds: a draft, named from here on by the file's other
        sheets. One already on record is left as it is (the file names it as on record)."""
        values = row.values
        if row.sheet is NEW_BODIES:
            name = values["name"].casefold()
            on_record = [b for b in self.bodies if name in (b.name.casefold(), b.slug)]
            known = self.bodies
        else:
            tag, title = values["tag"].casefold(), values["title"].casefold()
            on_record = [
                s
                for s in self.sources
                if (tag and s.tag.casefold() == tag) or s.title.casefold() == title
            ]
            known = self.sources
            if values["published_on"] and not values["date_precision"]:
                values["date_precision"] = Source.Precision.DAY  # a date is a day's
        if on_record:
            row.instance, row.is_new = on_record[0], False
            return
        model = row.sheet.model
        label = values["name"] if model is Body else values["tag"] or values["title"]
        instance = model(slug=free_slug(model, label, [r.slug for r in known if r.pk is None]))
        row.instance = instance
        self.compare(row)
        for column in row.sheet.columns:
            setattr(instance, column.attr, row.values[column.attr])
        known.append(instance)

    def new_record(self, sheet):
        if sheet is PRESENTATIONS:
            return Presentation()  # its session, from its row, gives the meeting
        return sheet.model(meeting=self.meeting)

    def compare(self, row):
        for column in row.sheet.columns:
            if row.values.get(column.attr) in ("", None) and row.sheet.keeps_when_empty(column):
                # An empty optional cell keeps what the record has, or a new one's default.
                row.values[column.attr] = getattr(row.instance, column.attr)
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
        allowed = Citation.facts_for(type(record))
        if fact not in allowed:
            shown_facts = ", ".join(f"“{fact.label}”" for fact in allowed)
            row.errors.append(
                (
                    "fact",
                    f"{target.where()} is cited for one of: {shown_facts}; "
                    f"not “{Citation.Fact(fact).label}”.",
                )
            )
            return
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
        if self.meeting.pk is None:
            return
        for sheet in (PARTICIPATIONS, ROLES, SPEAKERS, POINTS, SILENCES, CITATIONS):
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
        for sheet in NEW_RECORD_SHEETS:
            for row in self.rows[sheet]:
                if row.state == "new":
                    self.save(row.instance, dry_run, row)
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
                # Saved above when the file adds it.
                citation.source = row.values["source"]
                citation.record = row.values["target"].instance
                citation.locator = row.values["locator"]
                citation.note = row.values["note"]
                self.save(citation, dry_run, row)
        if not dry_run and self.user:
            # The meeting's admin history says where its new rows came from.
            verb = "Created from" if self.creates_meeting else "Imported"
            LogEntry.objects.log_actions(
                user_id=self.user.pk,
                queryset=[self.meeting],
                action_flag=ADDITION if self.creates_meeting else CHANGE,
                change_message=f"{verb} the whole-meeting spreadsheet {file_name}.",
                single_object=True,
            )

    def write_row(self, row, dry_run):
        instance = row.instance
        if row.sheet.model is not Meeting and hasattr(instance, "meeting_id"):
            # Its meeting is saved by now, the meeting the file creates included.
            instance.meeting = self.meeting
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
            # A body or source the file adds is checked whole; the rows hanging from the
            # meeting have their unique keys checked already (check_sheet).
            instance.full_clean(
                validate_unique=False, validate_constraints=row.sheet in NEW_RECORD_SHEETS
            )
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
            "new_meeting": self.new_meeting_label(),
            "new_people": sorted(new.name for new in self.new_people.values()),
            "drafts": [
                f"draft {sheet.model._meta.verbose_name} “{row.instance}”"
                for sheet in NEW_RECORD_SHEETS
                for row in self.rows[sheet]
                if row.state == "new"
            ],
            "kept": self.notes,
        }

    def new_meeting_label(self):
        if not self.creates_meeting or self.meeting is None or not self.meeting.number:
            return ""
        return f"meeting {self.meeting.number}, “{self.meeting.title}”, as a draft"


def store(upload, *, user, meeting=None):
    """Keep an uploaded file for the worker's dry run (core.imports); without a meeting, the
    file creates one."""
    from import_export.formats.base_formats import XLSX

    return imports.store(
        upload,
        user=user,
        model=Meeting,
        resource_class=WholeMeetingImport,
        format_class=XLSX,
        object_id=meeting.pk if meeting else None,
    )


def pending_for(meeting=None):
    """Uploads into `meeting`; without one, every whole-meeting upload (those from the
    meetings list get their meeting once imported)."""
    uploads = SpreadsheetImport.objects.filter(resource=imports.dotted_path(WholeMeetingImport))
    return uploads.filter(object_id=meeting.pk) if meeting else uploads
