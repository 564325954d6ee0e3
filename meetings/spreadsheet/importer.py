"""A whole-meeting file checked, matched to the meeting's records and written into it, all or
nothing (the package's docstring states the invariants); its dry run's page; and the stored upload
that the task worker runs it from (core.imports, core.tasks)."""

import datetime
import difflib

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from core import imports
from core.models import SpreadsheetImport
from core.resources import cell, text
from sources.models import Citation, Source, records_filter

from ..models import Body, Meeting, Person, Presentation, Programme
from .reading import UnreadableFile, read_book
from .rows import NewPerson, Row, RowReading
from .sheets import (
    CITATIONS,
    MEETING,
    PARTICIPATIONS,
    POINTS,
    PRESENTATIONS,
    RECORD_SHEETS,
    ROLES,
    SESSIONS,
    SHEETS,
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
        return getattr(old, "pk", None) == getattr(new, "pk", None) and not isinstance(
            new, NewPerson
        )
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
