"""The whole-meeting spreadsheet's sheets and columns, and which records of a meeting each sheet
holds, in the order the admin shows them; and how a stored value is shown in a cell."""

from dataclasses import dataclass

from django.db.models import Case, When
from django.utils.text import slugify

from sources.models import Citation

from ..models import (
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Participation,
    Presentation,
    Session,
)


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
# More rows than any meeting has had (a few hundred at most, citations included); beyond it
# the public page and the meeting's admin form grow past what a request can serve.
MAX_ROWS_PER_SHEET = 2000


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
