"""The whole-meeting spreadsheet's sheets and columns, and which records of a meeting each sheet
holds, in the order the admin shows them; and how a stored value is shown in a cell."""

import dataclasses
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Case, When
from django.utils.text import slugify

from sources.models import Citation, Source

from ..models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Participation,
    Presentation,
    Session,
    Silence,
)


@dataclass(eq=False)
class Column:
    heading: str
    attr: str
    kind: str = "text"
    required: bool = False
    help: str = ""
    choices: type | None = None


# What a cell of each kind of column holds, for the Read-me sheet (the reader, rows.RowReading,
# reads each kind as said here).
KIND_NOTES = {
    "text": "Text.",
    "number": "A whole number.",
    "optional number": "A whole number.",
    "order": "A whole number; empty for the row's place in its sheet.",
    "session order": "A whole number.",
    "date": "A date: 2024-09-26, 26/09/2024 or 26 September 2024.",
    "day": "A day's number (1 for the first day) or its date.",
    "yes/no": "yes or no.",
    "choice": "One of: {choices}.",
    "body": "An administration or body as on record, or one in the “New bodies” sheet.",
    "optional body": "An administration or body as on record, or one in the “New bodies” sheet.",
    "person": "A person as on record; someone new is added with the row's body and position.",
    "optional person": "A person as on record; someone new is added with the row's body.",
    "programmes": "Programmes as on record, separated by ;",
    "session": "The order of a row of the Sessions sheet.",
    "ref": "The ref of a row of this file: M for the meeting, P3, S1 ...",
    "source": "A source as on record, by its tag (S14) or title, or one in the “New sources” "
    "sheet.",
}


@dataclass(eq=False)
class Sheet:
    name: str
    model: type
    ref_prefix: str
    columns: list
    # The attributes that identify a row among the meeting's records of this kind.
    key: tuple
    help: str = ""
    # A key attribute that may be empty, and the attribute that identifies the row then.
    key_fallback: dict = dataclasses.field(default_factory=dict)

    @property
    def slug(self):
        return slugify(self.name)

    def field(self, column):
        """The model field a column fills, or None for what is not a field of its own."""
        try:
            return self.model._meta.get_field(column.attr)
        except FieldDoesNotExist:
            return None

    def keeps_when_empty(self, column):
        """An optional column whose field may not be blank: an empty cell leaves the record's
        value (a new record's default), where writing "" would be refused."""
        field = self.field(column)
        return (
            not column.required
            and field is not None
            and field.concrete
            and not field.is_relation
            and not field.blank
            and field.has_default()
        )

    def when_empty(self, column):
        if column.required:
            return "Required."
        if column.kind == "order":
            return "Optional: left empty, the row's place in its sheet."
        if self.keeps_when_empty(column):
            default = shown(column, self.field(column).get_default())
            return f"Optional: left empty, a record keeps its value; a new one gets “{default}”."
        return "Optional."

    def notes(self, column):
        """The Read-me sheet's line for a column: required or not, what it holds, what it
        accepts."""
        field = self.field(column)
        about = column.help or (field.help_text if field is not None else "")
        accepts = KIND_NOTES[column.kind].format(
            choices=", ".join(column.choices.labels) if column.choices else ""
        )
        return [column.heading, self.when_empty(column), str(about), accepts]

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
        Column(
            "number",
            "number",
            "number",
            help="The meeting's number. Needed to create a meeting from the meetings list; "
            "from a meeting's page, empty or that meeting's.",
        ),
        Column("title", "title", required=True),
        Column("theme", "theme"),
        Column("start date", "start_date", "date", required=True),
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
    help="One row: the meeting itself. A meeting the file creates is a draft; an import never "
    "changes a meeting's status.",
)
PARTICIPATIONS = Sheet(
    "Participations",
    Participation,
    "P",
    [
        Column("body", "body", "body", required=True, help='As on record, e.g. "Japan".'),
        Column("role", "role", "choice", required=True, choices=Participation.Role),
        Column("took part", "mode", "choice", choices=Participation.Mode),
        Column("note", "note", help='e.g. "RTC head".'),
    ],
    key=("body",),
    help="One row per administration or body that took part, with its role, and in person or "
    "online where the account says.",
)
ROLES = Sheet(
    "Roles",
    MeetingRole,
    "R",
    [
        Column("order", "order", "order", help="Speaking order: 1, 2, 3 ..."),
        Column("part", "kind", "choice", required=True, choices=MeetingRole.Kind),
        Column(
            "person",
            "person",
            "optional person",
            help="Name without Mr./Dr.; empty when the account names only the body "
            "(“co-chaired by RTC India”).",
        ),
        Column("position", "position", help="The post held at the time."),
        Column(
            "body",
            "body",
            "body",
            required=True,
            help="The body they spoke or presided for; the body itself when no person is named.",
        ),
        Column("online", "online", "yes/no", help="yes if they took part online."),
    ],
    key=("person", "kind"),
    key_fallback={"person": "body"},
    help="Who chaired (a person, or a body where the account names no one), and who welcomed, "
    "opened, spoke and closed the meeting, in speaking order.",
)
SPEAKERS = Sheet(
    "Speakers and remarks",
    Intervention,
    "S",
    [
        Column("order", "order", "order"),
        Column(
            "speaker",
            "speaker",
            "optional person",
            help="Empty if the account names only the body.",
        ),
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
        Column(
            "speaker",
            "speaker",
            "optional person",
            help="Empty if the account names only the body.",
        ),
        Column("topic", "topic"),
    ],
    key=("session", "body", "topic"),
    help="Who presented what in each session.",
)
SILENCES = Sheet(
    "Silences",
    Silence,
    "SI",
    [
        Column("fact", "fact", "choice", required=True, choices=Silence.Fact),
        Column("note", "note"),
    ],
    key=("fact",),
    help="What the accounts do not say (no chair named, no venue given, no count): recorded as "
    "an answer, which the page shows and the check before review counts.",
)
CITATIONS = Sheet(
    "Citations",
    Citation,
    "",
    [
        Column("supports", "supports", "ref", required=True, help="The ref of a row: P3, S1, M."),
        Column("source", "source", "source", required=True, help='Its tag ("S14") or title.'),
        Column(
            "fact",
            "fact",
            "choice",
            choices=Citation.Fact,
            help="Which fact the page shows it beside: for the meeting (M), its "
            + ", ".join(fact.label for fact in Citation.facts_for(Meeting) if fact)
            + "; empty for the whole row (the only choice for other rows).",
        ),
        Column("locator", "locator", help='Where in the source, e.g. "second paragraph".'),
        Column("note", "note"),
    ],
    key=("supports", "source", "fact"),
    help="Which source supports which row: one row per source and row (and fact).",
)
NEW_BODIES = Sheet(
    "New bodies",
    Body,
    "",
    [
        Column("name", "name", required=True, help="As the other sheets name it."),
        Column("full name", "full_name"),
        Column("kind", "kind", "choice", required=True, choices=Body.Kind),
        Column("website", "website"),
    ],
    key=("name",),
    help="Administrations and bodies the file names that are not on record yet: each is added "
    "as a draft, for a reviewer to publish. Leave it empty when every body is on record.",
)
NEW_SOURCES = Sheet(
    "New sources",
    Source,
    "",
    [
        Column("tag", "tag", help="A short tag the Citations sheet may name it by, e.g. S40."),
        Column("title", "title", required=True),
        Column("publisher", "publisher", required=True),
        Column("address", "url", required=True, help="The page's address, http:// or https://."),
        Column("kind", "kind", "choice", required=True, choices=Source.Kind),
        Column("publication date", "published_on", "date"),
        Column("date precision", "date_precision", "choice", choices=Source.Precision),
        Column("language", "language"),
        Column("note", "note"),
    ],
    key=("title",),
    help="Sources the Citations sheet names that are not on record yet: each is added as a "
    "draft, for a reviewer to publish. Leave it empty when every source is on record.",
)
RECORD_SHEETS = [
    MEETING,
    PARTICIPATIONS,
    ROLES,
    SPEAKERS,
    POINTS,
    SESSIONS,
    PRESENTATIONS,
    SILENCES,
]
# Records the file adds beside the meeting, read before the sheets that name them.
NEW_RECORD_SHEETS = [NEW_BODIES, NEW_SOURCES]
SHEETS = [*RECORD_SHEETS, CITATIONS, *NEW_RECORD_SHEETS]
# More rows than any meeting has had (a few hundred at most, citations included); beyond it
# the public page and the meeting's admin form grow past what a request can serve.
MAX_ROWS_PER_SHEET = 2000


def records(meeting, sheet):
    """The meeting's records of `sheet`'s kind, in the order the admin shows them."""
    if sheet is MEETING:
        return [meeting]
    if meeting.pk is None:
        return []  # a meeting the file creates has no records yet
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
        SILENCES: meeting.silences.order_by("fact"),
    }
    return list(related[sheet])


def cited_records(meeting):
    return [record for sheet in RECORD_SHEETS for record in records(meeting, sheet)]


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


def source_label(source):
    return source.tag or source.title
