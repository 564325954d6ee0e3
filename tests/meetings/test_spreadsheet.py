"""The whole-meeting spreadsheet (meetings.spreadsheet): one sheet per kind, XLSX or a ZIP of
CSVs, checked whole and imported all or nothing; an unedited export imports back unchanged."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.utils.text import slugify

from meetings.models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Participation,
    Person,
    Silence,
    Status,
)
from meetings.spreadsheet.export import csv_zip_bytes, read_me_lines, xlsx_bytes
from meetings.spreadsheet.importer import WholeMeetingImport
from meetings.spreadsheet.reading import UnreadableFile, read_book
from meetings.spreadsheet.sheets import (
    CITATIONS,
    PARTICIPATIONS,
    POINTS,
    SHEETS,
    SPEAKERS,
    cited_records,
)
from sources.models import Citation, Source, records_filter
from tests.support import factories

pytestmark = pytest.mark.engine

FORMATS = ["xlsx", "csv"]
WRITERS = {"xlsx": xlsx_bytes, "csv": csv_zip_bytes}
HISTORIES = [Meeting, Participation, MeetingRole, Intervention, DiscussionPoint, Person, Citation]


def nineteenth():
    return Meeting.objects.get(number=19)


def tables_of(data, file_format):
    """{sheet name: rows as lists of text} of a file, as a person editing it sees them."""
    if file_format == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        return {
            sheet.title: [["" if v is None else v for v in row] for row in sheet.values]
            for sheet in workbook.worksheets
        }
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name.removesuffix(".csv"): list(
                csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")))
            )
            for name in archive.namelist()
        }


def file_of(tables, file_format):
    if file_format == "xlsx":
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for name, rows in tables.items():
            sheet = workbook.create_sheet(name)
            for row in rows:
                sheet.append(row)
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, rows in tables.items():
            text = io.StringIO()
            csv.writer(text).writerows(rows)
            archive.writestr(f"{name}.csv", "\N{BYTE ORDER MARK}" + text.getvalue())
    return output.getvalue()


def sheet_key(file_format, name):
    return name if file_format == "xlsx" else slugify(name)


def edited(meeting, file_format, edit):
    """The meeting's export, with `edit(sheets)` applied; `sheets` maps a sheet's name (as in
    the XLSX) to its rows, heading first."""
    tables = tables_of(WRITERS[file_format](meeting), file_format)
    sheets = {sheet.name: tables[sheet_key(file_format, sheet.name)] for sheet in SHEETS}
    edit(sheets)
    for sheet in SHEETS:
        tables[sheet_key(file_format, sheet.name)] = sheets[sheet.name]
    return file_of(tables, file_format)


def run(meeting, data, user=None, dry_run=False):
    importer = WholeMeetingImport(meeting, user)
    importer.run(read_book(data), dry_run=dry_run)
    return importer


def citations_of(meeting):
    """How many citations the meeting and its rows have."""
    records = cited_records(meeting)
    return Citation.objects.filter(records_filter(records)).count()


def history_counts():
    return {model.__name__: model.history.count() for model in HISTORIES}


def row_where(rows, **cells):
    headings = rows[0]
    for row in rows[1:]:
        if all(row[headings.index(h)] == v for h, v in cells.items()):
            return row
    raise AssertionError(cells)


def set_cell(rows, row, heading, value):
    row[rows[0].index(heading)] = value


def new_row(rows, **cells):
    rows.append([cells.get(heading.replace(" ", "_"), "") for heading in rows[0]])


@pytest.mark.parametrize("file_format", FORMATS)
def test_an_unedited_export_of_the_19th_meeting_imports_back_changing_nothing(seeded, file_format):
    meeting = nineteenth()
    data = WRITERS[file_format](meeting)
    before = history_counts()
    importer = run(meeting, data)
    assert importer.problems == []
    assert {row.state for row in importer.all_rows()} == {"unchanged"}
    # Every participation, role, remark, point and citation of the meeting was in the file.
    assert len(importer.rows[PARTICIPATIONS]) == 14
    assert len(importer.rows[SPEAKERS]) == 8
    assert len(importer.rows[POINTS]) == 12
    assert (
        len(importer.rows[CITATIONS])
        == Citation.objects.filter(records_filter(cited_records(meeting))).count()
    )
    assert importer.notes == []
    assert history_counts() == before
    # Exported again, the file says the same.
    assert tables_of(WRITERS[file_format](nineteenth()), file_format) == tables_of(
        data, file_format
    )


def one_bad_row_per_kind(sheets):
    participations = sheets["Participations"]
    new_row(participations, ref="P20", body="Jpan", role="Observer")
    meeting = sheets["Meeting"]
    set_cell(meeting, meeting[1], "end date", "2021-10-20")
    roles = sheets["Roles"]
    new_row(roles, ref="R20", order="9", part="Chiar", person="Amara Bold", body="WCO")
    speakers = sheets["Speakers and remarks"]
    new_row(
        speakers, ref="S20", order="9", speaker="Takashi Satoo", body="WCO", topic="Customs data"
    )
    points = sheets["Points"]
    new_row(points, ref="D20", order="first", kind="Priority", text="Shared e-learning catalogue")
    sessions = sheets["Sessions"]
    new_row(sessions, ref="SE20", order="8", day="2021-10-30", kind="Panel discussion")
    presentations = sheets["Presentations"]
    new_row(presentations, ref="PR20", session="12", body="Korea", topic="Cyber classrooms")
    citations = sheets["Citations"]
    new_row(citations, supports="S20", source="S99")
    new_row(citations, supports="X7", source="S15")


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_file_with_one_bad_row_per_kind_imports_nothing_and_names_each_row_and_column(
    seeded, file_format
):
    meeting = nineteenth()
    data = edited(meeting, file_format, one_bad_row_per_kind)
    before = history_counts()
    importer = run(meeting, data)
    # The two new citations come after the heading and the meeting's own citations.
    first_new_citation = citations_of(meeting) + 2
    assert importer.problems == [
        "Meeting, row 2, column “end date”: The meeting cannot end before it starts.",
        'Participations, row 16, column “body”: Unknown administration or body "Jpan" — '
        'did you mean "Japan"? If it is new, give it a row in the “New bodies” sheet.',
        'Roles, row 6, column “part”: Unknown part "Chiar" — did you mean "Chair"?',
        "Speakers and remarks, row 10, column “speaker”: Unknown person “Takashi Satoo” — did "
        "you mean “Takashi Sato”? If this is someone else, add them under People in the admin "
        "first.",
        "Points, row 14, column “order”: Enter a whole number, such as 3.",
        "Sessions, row 9, column “day”: 30 October 2021 is outside the meeting (27 October 2021 "
        "to 28 October 2021).",
        "Presentations, row 10, column “session”: No session 12 in the Sessions sheet. Known: "
        "1, 2, 3, 4, 5, 6, 7, 8.",
        # The nearest tag the loaded seed holds: its bodies' regional offices cite S9.
        f"Citations, row {first_new_citation}, column “source”: Unknown source "
        '"S99" — did you mean "S9"? If it is new, give it a row in the “New sources” sheet.',
        f"Citations, row {first_new_citation + 1}, column “supports”: No row has the ref “X7”.",
    ]
    assert history_counts() == before
    assert not Person.objects.filter(name="Amara Bold").exists()
    assert not meeting.participations.filter(body__name="Jpan").exists()


def fixed(sheets):
    one_bad_row_per_kind(sheets)
    set_cell(sheets["Meeting"], sheets["Meeting"][1], "end date", "2021-10-28")
    fixes = [
        ("Participations", "P20", "body", "Mongolia"),
        ("Roles", "R20", "part", "Chair"),
        ("Speakers and remarks", "S20", "speaker", "Takashi Sato"),
        ("Points", "D20", "order", "5"),
        ("Sessions", "SE20", "day", "2021-10-28"),
        ("Presentations", "PR20", "session", "8"),
    ]
    for name, ref, heading, value in fixes:
        rows = sheets[name]
        set_cell(rows, row_where(rows, ref=ref), heading, value)
    citations = sheets["Citations"]
    set_cell(citations, row_where(citations, source="S99"), "source", "S15")
    set_cell(citations, row_where(citations, supports="X7"), "supports", "P20")


@pytest.mark.parametrize("file_format", FORMATS)
def test_the_same_file_fixed_imports_every_row(seeded, file_format):
    factories.make_body("Mongolia")
    meeting = nineteenth()
    data = edited(meeting, file_format, fixed)
    importer = run(meeting, data)
    assert importer.problems == []
    assert [row.state for row in importer.all_rows() if row.state != "unchanged"] == ["new"] * 8
    mongolia = meeting.participations.get(body__name="Mongolia")
    assert mongolia.role == Participation.Role.OBSERVER
    amara = Person.objects.get(name="Amara Bold")
    assert amara.body.name == "WCO"
    chair = meeting.roles.get(person=amara)
    assert (chair.kind, chair.order) == (MeetingRole.Kind.CHAIR, 9)
    remark = meeting.interventions.get(topic="Customs data")
    assert remark.speaker.name == "Takashi Sato"
    assert [c.source.tag for c in Citation.objects.filter(intervention=remark)] == ["S15"]
    assert [c.source.tag for c in Citation.objects.filter(participation=mongolia)] == ["S15"]
    assert meeting.discussion_points.get(text="Shared e-learning catalogue").order == 5
    panel = meeting.sessions.get(order=8)
    assert (panel.day, panel.kind) == (2, "panel")
    assert panel.presentations.get().topic == "Cyber classrooms"
    assert nineteenth().status == Status.PUBLISHED


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_round_trip_changes_only_the_edited_cell(seeded, file_format):
    meeting = nineteenth()

    def edit(sheets):
        roles = sheets["Roles"]
        set_cell(roles, row_where(roles, person="Kang Taeil"), "position", "Director, WCO CBD")

    before = history_counts()
    importer = run(meeting, edited(meeting, file_format, edit))
    assert importer.problems == []
    changed = [row for row in importer.all_rows() if row.state != "unchanged"]
    assert [(row.sheet.name, row.changed, row.before) for row in changed] == [
        (
            "Roles",
            ["position"],
            {"position": "Director of the WCO Capacity Building Directorate"},
        )
    ]
    assert meeting.roles.get(person__name="Kang Taeil").position == "Director, WCO CBD"
    after = history_counts()
    assert after.pop("MeetingRole") == before.pop("MeetingRole") + 1
    assert after == before


def test_the_dry_run_writes_nothing_yet_reports_what_would_change(seeded):
    factories.make_body("Mongolia")
    meeting = nineteenth()
    before = history_counts()
    importer = run(meeting, edited(meeting, "xlsx", fixed), dry_run=True)
    assert importer.problems == []
    assert sum(row.state == "new" for row in importer.all_rows()) == 8
    assert history_counts() == before
    assert not Person.objects.filter(name="Amara Bold").exists()


def test_rows_the_file_leaves_out_are_kept_and_listed(seeded):
    meeting = nineteenth()

    def drop(sheets):
        points = sheets["Points"]
        dropped = row_where(points, text="Resource sharing")
        points.remove(dropped)
        citations = sheets["Citations"]
        citations[1:] = [row for row in citations[1:] if row[0] != dropped[0]]

    importer = run(meeting, edited(meeting, "csv", drop))
    assert importer.problems == []
    assert importer.notes == [
        "Points: “Priority: Resource sharing” is not in the file and is kept.",
        # Its citation, which the file leaves out with it.
        "Citations: S16 for “Priority: Resource sharing” is not in the file and is kept.",
    ]
    assert meeting.discussion_points.filter(text="Resource sharing").exists()


def test_a_file_for_another_meeting_is_refused(seeded):
    other = factories.make_meeting(20, status=Status.DRAFT)
    importer = run(other, xlsx_bytes(nineteenth()))
    assert importer.problems[0] == (
        "Meeting, row 2, column “number”: This file is for meeting 19, and you are importing it "
        "into meeting 20. Import it from meeting 19's page."
    )
    assert not other.participations.exists()


def test_a_blank_template_filled_in_records_a_new_meeting(seeded):
    """The path of the next meeting: created in the admin, then filled from the template."""
    meeting = factories.make_meeting(
        20,
        status=Status.DRAFT,
        start_date=datetime.date(2022, 11, 8),
        end_date=datetime.date(2022, 11, 9),
    )

    def fill(sheets):
        new_row(sheets["Participations"], ref="P1", body="rocb-ap", role="organiser")
        new_row(
            sheets["Participations"], ref="P2", body="Japan", role="Participant", note="RTC head"
        )
        new_row(
            sheets["Roles"],
            ref="R1",
            part="Opening",
            person="Mr. Norikazu Kuramoto",
            body="ROCB A/P",
            online="yes",
        )
        new_row(
            sheets["Speakers and remarks"],
            ref="S1",
            body="Japan",
            topic="AI tutoring",
            programmes="",
        )
        new_row(sheets["Points"], ref="D1", kind="Challenge", text="Bandwidth")
        new_row(sheets["Citations"], supports="M", source="S14", fact="dates")
        new_row(sheets["Citations"], supports="P2", source="S15", locator="second paragraph")

    importer = run(meeting, edited(None, "xlsx", fill))
    assert importer.problems == []
    assert sorted(meeting.participations.values_list("body__name", "role")) == [
        ("Japan", "participant"),
        ("ROCB A/P", "organiser"),
    ]
    opening = meeting.roles.get()
    assert (opening.person.name, opening.online, opening.order) == ("Norikazu Kuramoto", True, 1)
    assert Citation.objects.get(meeting=meeting).fact == "dates"
    assert (
        Citation.objects.get(
            participation__body__name="Japan", participation__meeting=meeting
        ).locator
        == "second paragraph"
    )
    assert not Person.objects.filter(name__startswith="Mr.").exists()


def test_a_file_that_is_not_a_workbook_says_so(seeded):
    with pytest.raises(UnreadableFile, match="neither an XLSX workbook nor a ZIP"):
        read_book(b"body,role\r\nJapan,participant\r\n")


def test_a_file_that_unpacks_to_too_much_is_refused_before_it_is_read(seeded, settings):
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("points.csv", "x" * (limit + 1))
    assert len(packed.getvalue()) < 100_000
    with pytest.raises(UnreadableFile) as refused:
        read_book(packed.getvalue())
    assert "unpacks to 50.0\xa0MB, 1\xa0byte over the 50.0\xa0MB" in str(refused.value)


def test_a_missing_column_is_named(seeded):
    meeting = nineteenth()

    def drop_column(sheets):
        for row in sheets["Points"]:
            del row[2]

    importer = run(meeting, edited(meeting, "csv", drop_column))
    assert importer.problems == ["Points, row 1: no column “kind”. Keep the template's headings."]


@pytest.mark.parametrize("file_format", FORMATS)
def test_text_a_spreadsheet_would_run_as_a_formula_round_trips_as_text(seeded, file_format):
    meeting = nineteenth()
    point = meeting.discussion_points.get(text="Resource sharing")
    point.detail = "=HYPERLINK(1)"
    point.save()
    data = WRITERS[file_format](meeting)
    assert "'=HYPERLINK(1)" in str(tables_of(data, file_format)[sheet_key(file_format, "Points")])
    importer = run(meeting, data)
    assert importer.problems == []
    assert {row.state for row in importer.all_rows()} == {"unchanged"}
    point.refresh_from_db()
    assert point.detail == "=HYPERLINK(1)"


def as_new_meeting(sheets, number=30):
    """The 19th meeting's export edited into a fictitious new one: its number, title and dates;
    every other row kept, and its format left empty."""
    meeting = sheets["Meeting"]
    row = meeting[1]
    for heading, value in [
        ("number", str(number)),
        ("title", f"Fictitious RTC Heads Meeting {number}"),
        ("start date", "4 March 2031"),
        ("end date", "05/03/2031"),
        ("format", ""),
    ]:
        set_cell(meeting, row, heading, value)


def created(number=30):
    return Meeting.objects.filter(number=number).first()


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_file_for_a_meeting_not_on_record_creates_it_as_a_draft_with_every_row(
    seeded, file_format, editor_user
):
    nineteenth_meeting = nineteenth()
    data = edited(nineteenth_meeting, file_format, as_new_meeting)
    importer = run(None, data, user=editor_user)
    assert importer.problems == []
    assert {row.state for row in importer.all_rows()} == {"new"}
    meeting = created()
    assert (meeting.title, meeting.slug, meeting.status) == (
        "Fictitious RTC Heads Meeting 30",
        "fictitious-rtc-heads-meeting-30",
        Status.DRAFT,
    )
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2031, 3, 4),
        datetime.date(2031, 3, 5),
    )
    # The empty format cell gave the new meeting the default format.
    assert meeting.format == Meeting.Format.IN_PERSON
    assert meeting.participations.count() == nineteenth_meeting.participations.count() == 14
    assert meeting.roles.count() == nineteenth_meeting.roles.count()
    assert meeting.interventions.count() == 8
    assert meeting.discussion_points.count() == 12
    assert meeting.sessions.count() == nineteenth_meeting.sessions.count()
    assert citations_of(meeting) == citations_of(nineteenth_meeting)
    # The 19th meeting is untouched, and still published.
    assert nineteenth().title == nineteenth_meeting.title
    assert nineteenth().status == Status.PUBLISHED
    assert meeting.history.count() == 1


def test_the_dry_run_of_a_new_meeting_creates_nothing(seeded):
    before = history_counts()
    importer = run(None, edited(nineteenth(), "xlsx", as_new_meeting), dry_run=True)
    assert importer.problems == []
    assert importer.preview()["new_meeting"] == (
        "meeting 30, “Fictitious RTC Heads Meeting 30”, as a draft"
    )
    assert created() is None
    assert history_counts() == before


def test_a_new_meeting_file_whose_number_is_on_record_is_refused(seeded):
    def keep_number(sheets):
        as_new_meeting(sheets, number=19)

    importer = run(None, edited(nineteenth(), "csv", keep_number))
    assert importer.problems == [
        "Meeting, row 2, column “number”: Meeting 19 is on record already. To change it, import "
        "the file from its page; to record a new meeting, give the file that meeting's number."
    ]
    assert nineteenth().title == "19th RTC Heads Meeting"


def test_a_new_meeting_file_without_a_number_or_a_meeting_row_says_what_is_missing(seeded):
    def no_number(sheets):
        as_new_meeting(sheets)
        set_cell(sheets["Meeting"], sheets["Meeting"][1], "number", "")

    importer = run(None, edited(nineteenth(), "csv", no_number))
    assert importer.problems == [
        "Meeting, row 2, column “number”: Give the new meeting's number, e.g. 23."
    ]

    def no_row(sheets):
        del sheets["Meeting"][1]

    importer = run(None, edited(nineteenth(), "csv", no_row))
    assert importer.problems[0] == (
        "The Meeting sheet has no row: a file that creates a meeting describes it there, in one "
        "row."
    )
    assert Meeting.objects.count() == 1


def test_a_bad_row_in_a_new_meeting_file_creates_no_meeting_and_nothing_else(seeded):
    def one_bad_row(sheets):
        as_new_meeting(sheets)
        new_row(sheets["New bodies"], name="Atlantis Customs", kind="Customs administration")
        new_row(sheets["Participations"], ref="P30", body="Atlantis Customs", role="Participant")
        new_row(sheets["Points"], ref="D30", kind="Worry", text="Bandwidth")

    before = history_counts()
    importer = run(None, edited(nineteenth(), "xlsx", one_bad_row))
    assert importer.problems == [
        'Points, row 14, column “kind”: Unknown kind "Worry". Nearest known: "Priority", '
        '"Topic discussed", "Commitment", "Advantage", "Challenge".'
    ]
    assert created() is None
    assert not Body.objects.filter(name="Atlantis Customs").exists()
    assert history_counts() == before


def test_an_empty_format_cell_keeps_the_meetings_format(seeded):
    meeting = nineteenth()
    meeting.format = Meeting.Format.VIRTUAL
    meeting.save()

    def empty_format(sheets):
        set_cell(sheets["Meeting"], sheets["Meeting"][1], "format", "")

    importer = run(meeting, edited(meeting, "csv", empty_format))
    assert importer.problems == []
    assert {row.state for row in importer.all_rows()} == {"unchanged"}
    assert nineteenth().format == Meeting.Format.VIRTUAL


def test_an_unknown_name_far_from_any_lists_the_nearest_known_ones(seeded):
    meeting = nineteenth()

    def far(sheets):
        new_row(sheets["Participations"], ref="P20", body="Republic of Koria", role="Observer")

    importer = run(meeting, edited(meeting, "csv", far))
    [problem] = importer.problems
    assert problem.startswith(
        'Participations, row 16, column “body”: Unknown administration or body "Republic of '
        'Koria". Nearest known: "Korea",'
    )
    # The nearest, not the alphabet's first (Cambodia, China, Fiji ...).
    assert '"Cambodia"' not in problem
    assert problem.endswith("If it is new, give it a row in the “New bodies” sheet.")


def with_new_body_and_source(sheets):
    new_row(
        sheets["New bodies"],
        name="Atlantis Customs",
        full_name="Atlantis Customs Service",
        kind="Customs administration",
    )
    new_row(
        sheets["New sources"],
        tag="S90",
        title="Atlantis joins the regional RTC network",
        publisher="Atlantis Customs",
        address="https://customs.example.org/news/rtc",
        kind="Official account",
        publication_date="2021-11-02",
    )
    new_row(sheets["Participations"], ref="P20", body="Atlantis Customs", role="Observer")
    new_row(
        sheets["Roles"],
        ref="R20",
        part="Closing",
        person="Ilse Marin",
        position="Director General",
        body="Atlantis Customs",
    )
    new_row(sheets["Citations"], supports="P20", source="S90")


@pytest.mark.parametrize("file_format", FORMATS)
def test_new_bodies_and_sources_are_created_as_drafts_only_by_the_real_import(
    seeded, file_format, editor_user
):
    meeting = nineteenth()
    data = edited(meeting, file_format, with_new_body_and_source)
    dry = run(meeting, data, user=editor_user, dry_run=True)
    assert dry.problems == []
    preview = dry.preview()
    assert preview["drafts"] == [
        "draft administration or body “Atlantis Customs”",
        "draft source “Atlantis Customs: Atlantis joins the regional RTC network”",
    ]
    assert preview["new_people"] == ["Ilse Marin"]
    assert not Body.objects.filter(name="Atlantis Customs").exists()
    assert not Source.objects.filter(tag="S90").exists()

    importer = run(meeting, data, user=editor_user)
    assert importer.problems == []
    atlantis = Body.objects.get(name="Atlantis Customs")
    assert (atlantis.status, atlantis.kind, atlantis.full_name, atlantis.slug) == (
        Status.DRAFT,
        Body.Kind.CUSTOMS_ADMINISTRATION,
        "Atlantis Customs Service",
        "atlantis-customs",
    )
    source = Source.objects.get(tag="S90")
    assert (source.status, source.published_on, source.language) == (
        Status.DRAFT,
        datetime.date(2021, 11, 2),
        "en",
    )
    participation = meeting.participations.get(body=atlantis)
    assert [c.source for c in Citation.objects.filter(participation=participation)] == [source]
    assert Person.objects.get(name="Ilse Marin").body == atlantis
    # Imported again, the same file finds them on record and adds nothing.
    again = run(meeting, data)
    assert again.problems == []
    assert {row.state for row in again.all_rows()} == {"unchanged"}


def test_someone_who_may_not_add_bodies_cannot_add_them_through_the_file(seeded):
    from django.contrib.auth.models import Permission

    clerk = factories.make_user("clerk", is_staff=True)
    clerk.user_permissions.add(*Permission.objects.exclude(codename="add_body"))
    meeting = nineteenth()
    importer = run(meeting, edited(meeting, "csv", with_new_body_and_source), user=clerk)
    assert importer.problems == [
        "New bodies, row 2: you may not add administrations and bodies; ask someone who may to "
        "add them, then name them as on record."
    ]
    assert not Body.objects.filter(name="Atlantis Customs").exists()


def test_a_new_body_whose_address_is_taken_gets_the_next_free_one(seeded):
    factories.make_body("Atlantis Customs Office", slug="atlantis-customs")
    meeting = nineteenth()
    importer = run(meeting, edited(meeting, "csv", with_new_body_and_source))
    assert importer.problems == []
    assert Body.objects.get(name="Atlantis Customs").slug == "atlantis-customs-2"


def test_a_new_source_with_a_precision_but_no_date_is_refused_in_plain_words(seeded):
    meeting = nineteenth()

    def no_date(sheets):
        with_new_body_and_source(sheets)
        sources = sheets["New sources"]
        set_cell(sources, sources[1], "publication date", "")
        set_cell(sources, sources[1], "date precision", "Month")

    importer = run(meeting, edited(meeting, "csv", no_date))
    assert importer.problems == [
        "New sources, row 2: Give a publication date with its precision, or neither (precision "
        "unknown)."
    ]
    assert not Body.objects.filter(name="Atlantis Customs").exists()


def read_me_columns():
    """{(sheet, column): (required?, what it holds, what it accepts)} from the Read-me sheet."""
    lines = read_me_lines()
    table = lines[
        lines.index(["Sheet", "Column", "Required?", "What it holds", "What it accepts"]) + 1 :
    ]
    columns, sheet = {}, None
    for line in table:
        if line[0]:
            sheet = line[0]
        else:
            columns[(sheet, line[1])] = tuple(line[2:])
    return columns


def test_the_read_me_documents_every_column_and_which_are_required(seeded):
    documented = read_me_columns()
    assert set(documented) == {
        (sheet.name, heading) for sheet in SHEETS for heading in sheet.headings
    }
    for sheet in SHEETS:
        for column in sheet.columns:
            field = sheet.field(column)
            # A field the database needs and that has no default is a required cell.
            needed = (
                field is not None
                and not field.blank
                and not field.has_default()
                and column.kind not in ("order", "number")
            )
            assert column.required or not needed, (sheet.name, column.heading)
            required, _, accepts = documented[(sheet.name, column.heading)]
            assert required.startswith("Required." if column.required else "Optional")
            # Choices are read from the models: every label of a choice column is listed.
            for label in column.choices.labels if column.choices else []:
                assert label in accepts, (sheet.name, column.heading, label)
    assert "Topic discussed" in documented[("Points", "kind")][2]
    assert "Further remarks" in documented[("Roles", "part")][2]
    assert documented[("Meeting", "format")][0] == (
        "Optional: left empty, a record keeps its value; a new one gets “In person”."
    )


def test_a_date_in_words_or_with_slashes_is_read_and_a_bad_one_says_what_to_write(seeded):
    meeting = nineteenth()

    def dates(sheets):
        set_cell(sheets["Meeting"], sheets["Meeting"][1], "start date", "27 October 2021")
        set_cell(sheets["Meeting"], sheets["Meeting"][1], "end date", "28/10/2021")

    assert run(meeting, edited(meeting, "csv", dates)).problems == []

    def bad(sheets):
        set_cell(sheets["Meeting"], sheets["Meeting"][1], "end date", "next Thursday")

    assert run(meeting, edited(meeting, "csv", bad)).problems == [
        "Meeting, row 2, column “end date”: “next Thursday” is not a date: write it as "
        "2024-09-26, 26/09/2024 or 26 September 2024."
    ]


def test_a_body_chairing_with_no_person_named_online_delegations_and_silences_round_trip(seeded):
    meeting = nineteenth()

    def as_the_accounts_say(sheets):
        new_row(sheets["Roles"], ref="R20", order="", part="Co-chair", body="India")
        new_row(sheets["Roles"], ref="R21", order="", part="Co-chair", body="ROCB A/P")
        new_row(
            sheets["Roles"],
            ref="R22",
            order="7",
            part="Further remarks",
            person="Kang Taeil",
            body="WCO",
        )
        participations = sheets["Participations"]
        set_cell(participations, row_where(participations, body="Japan"), "took part", "Online")
        new_row(sheets["Silences"], ref="SI9", fact="How many people took part", note="A few dozen")
        new_row(sheets["Citations"], supports="R20", source="S15")
        new_row(sheets["Citations"], supports="SI9", source="S15")

    data = edited(meeting, "xlsx", as_the_accounts_say)
    importer = run(meeting, data)
    assert importer.problems == []
    co_chairs = meeting.roles.filter(kind=MeetingRole.Kind.CO_CHAIR, person=None)
    assert sorted(co_chairs.values_list("body__name", flat=True)) == ["India", "ROCB A/P"]
    assert meeting.roles.get(kind="further_remarks").person.name == "Kang Taeil"
    assert meeting.participations.get(body__name="Japan").mode == Participation.Mode.ONLINE
    silence = meeting.silences.get(fact=Silence.Fact.PARTICIPANT_COUNT)
    assert (silence.fact, silence.note) == (Silence.Fact.PARTICIPANT_COUNT, "A few dozen")
    assert Citation.objects.get(silence=silence).source.tag == "S15"
    assert Citation.objects.get(meeting_role__body__name="India").source.tag == "S15"
    # Exported and imported again, each is found as it is: the body's part by body and part.
    again = run(meeting, WRITERS["csv"](nineteenth()))
    assert again.problems == []
    assert {row.state for row in again.all_rows()} == {"unchanged"}
    tables = tables_of(WRITERS["csv"](nineteenth()), "csv")
    roles = tables["roles"]
    india = row_where(roles, body="India")
    assert (india[roles[0].index("person")], india[roles[0].index("part")]) == ("", "Co-chair")


def test_two_unnamed_chairs_for_the_same_body_and_part_are_one_row_too_many(seeded):
    meeting = nineteenth()

    def twice(sheets):
        new_row(sheets["Roles"], ref="R20", part="Co-chair", body="India")
        new_row(sheets["Roles"], ref="R21", part="Co-chair", body="India")

    importer = run(meeting, edited(meeting, "csv", twice))
    assert importer.problems == ["Roles, row 7: repeats row 6 of this sheet."]


def test_a_citation_names_a_fact_its_rows_page_shows_or_none(seeded):
    meeting = nineteenth()

    def facts(sheets):
        new_row(sheets["Citations"], supports="M", source="S15", fact="place")
        new_row(sheets["Citations"], supports="P1", source="S15", fact="dates")
        new_row(sheets["Citations"], supports="P2", source="S15", fact="organisers")

    importer = run(meeting, edited(meeting, "csv", facts))
    first = citations_of(meeting) + 3
    assert importer.problems == [
        f"Citations, row {first}, column “fact”: Participations, row 2 is cited for one of: "
        "“the record as a whole”; not “dates”.",
        f'Citations, row {first + 1}, column “fact”: Unknown fact "organisers". Nearest known: '
        '"format", "the record as a whole", "dates", "place", "who took part".',
    ]

    def place(sheets):
        new_row(sheets["Citations"], supports="M", source="S15", fact="place")

    assert run(meeting, edited(meeting, "csv", place)).problems == []
    assert Citation.objects.get(meeting=meeting, source__tag="S15", fact="venue")
