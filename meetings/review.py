"""A meeting on its way to the public: what it still lacks before review, what was entered
with it (published with it in one step), and what changed since it was sent for review.

The secretariat enters a meeting with its bodies, people, programmes and sources; a reviewer
publishes all of it at once or sends it back. The checks below read the record as stored, so
the admin form, the list action and any script see the same list.
"""

from django.db import transaction
from django.db.models import Q

from core import workflow
from core.models import Status
from sources.models import Account, Citation, Disagreement, Source, records_filter

from .models import (
    Body,
    Meeting,
    Participation,
    Presentation,
    Programme,
    Session,
    Silence,
)

# Where a meeting was held, as the check asks for it of each format; an online meeting has
# no venue to give.
VENUE_WANTED = {
    Meeting.Format.IN_PERSON: "no venue or city for a meeting held in person",
    Meeting.Format.HYBRID: "no venue or city for the in-person part of a hybrid meeting",
}


def meeting_citations(meeting):
    return Citation.objects.filter(records_filter([meeting]))


def missing_for_review(meeting):
    """What the meeting lacks before a reviewer can judge it, in plain words; empty when it
    is ready to be sent for review. A fact the accounts do not give, recorded as such (a
    Silence), is an answer: it is not missing."""
    missing = []
    if not (meeting.start_date and meeting.end_date):
        missing.append("no dates")
    if meeting.pk is None:
        return [*missing, "nothing entered yet: save the meeting first"]
    facts = set(meeting_citations(meeting).values_list("fact", flat=True))
    unsaid = set(meeting.silences.values_list("fact", flat=True))
    participations = meeting.participations.all()
    if Citation.Fact.RECORD not in facts:
        missing.append("no source cited for the meeting as a whole")
    if Citation.Fact.DATES not in facts:
        missing.append("no source cited for the dates")
    venue_wanted = VENUE_WANTED.get(meeting.format)
    if venue_wanted and not (meeting.venue or meeting.city) and Silence.Fact.VENUE not in unsaid:
        missing.append(venue_wanted)
    if not participations.exists():
        missing.append("no participants")
    else:
        uncited = participations.exclude(citations__isnull=False)
        if Citation.Fact.SIZE not in facts and uncited.exists():
            missing.append("no source cited for the participants")
        organised = participations.filter(role=Participation.Role.ORGANISER).exists()
        if not organised and Silence.Fact.ORGANISER not in unsaid:
            missing.append("no organiser named")
    if not meeting.roles.chairs().exists() and Silence.Fact.CHAIR not in unsaid:
        missing.append("no chair named")
    if not meeting.summary.strip():
        missing.append("no summary")
    for disagreement in Disagreement.objects.filter(records_filter([meeting])):
        if disagreement.accounts.count() < 2:
            missing.append(
                f"the disagreement “{disagreement.point}” needs at least two sources' versions"
            )
    return missing


def entered_with(meeting):
    """The records not yet public that the meeting's page needs: {model: queryset}, the
    meeting itself last. People have no status: they show with their body."""
    bodies = Q(participations__meeting=meeting) | Q(meeting_roles__meeting=meeting)
    bodies |= Q(interventions__meeting=meeting) | Q(discussion_points__meeting=meeting)
    bodies |= Q(people__meeting_roles__meeting=meeting)
    bodies |= Q(people__interventions__meeting=meeting)
    bodies |= Q(presentations__session__meeting=meeting)
    bodies |= Q(people__presentations__session__meeting=meeting)
    subjects = [
        meeting,
        *meeting.participations.all(),
        *meeting.roles.all(),
        *meeting.interventions.all(),
        *meeting.discussion_points.all(),
        *meeting.silences.all(),
    ]
    disagreements = Disagreement.objects.filter(records_filter(subjects))
    sources = Q(citations__in=Citation.objects.filter(records_filter(subjects)))
    sources |= Q(accounts__in=Account.objects.filter(disagreement__in=disagreements))
    unpublished = ~Q(status=Status.PUBLISHED)
    return {
        Body: Body.objects.filter(bodies).filter(unpublished).distinct(),
        Programme: Programme.objects.filter(interventions__meeting=meeting)
        .filter(unpublished)
        .distinct(),
        Source: Source.objects.filter(sources).filter(unpublished).distinct(),
        Meeting: Meeting.objects.filter(pk=meeting.pk).filter(unpublished),
    }


@transaction.atomic
def publish_with_everything(meeting, user, anyway=""):
    """Publish the meeting and every record entered with it, or nothing (a reviewer's call:
    core.workflow refuses anyone else, and refuses a meeting that still lacks something
    unless `anyway` gives the reviewer's reason). Returns ["2 sources", "1 meeting"]."""
    published = []
    for model, queryset in entered_with(meeting).items():
        # Evaluated first: `distinct()` cannot be locked row by row on PostgreSQL.
        pks = list(queryset.values_list("pk", flat=True))
        moved = workflow.move(
            model.objects.filter(pk__in=pks), Status.PUBLISHED, user, anyway=anyway
        )
        if moved:
            opts = model._meta
            published.append(
                f"{moved} {opts.verbose_name if moved == 1 else opts.verbose_name_plural}"
            )
    return published


def sent_for_review_at(meeting):
    """When the meeting last went from draft to review; None if it is not in review."""
    if meeting.status != Status.IN_REVIEW:
        return None
    moment, previous = None, None
    for version in meeting.history.order_by("history_date", "history_id").only(
        "status", "history_date"
    ):
        if version.status == Status.IN_REVIEW and previous != Status.IN_REVIEW:
            moment = version.history_date
        previous = version.status
    return moment


# Bookkeeping fields a reviewer need not read about.
UNREAD_FIELDS = {"status", "status_changed_at", "status_changed_by", "updated_at", "created_at"}


def field_changes(before, after):
    delta = after.diff_against(before, excluded_fields=UNREAD_FIELDS, foreign_keys_are_objs=True)
    return [
        f"{after.instance._meta.get_field(change.field).verbose_name}: "
        f"“{change.old or '—'}” → “{change.new or '—'}”"
        for change in delta.changes
    ]


def changes_since_review(meeting):
    """What changed in the meeting and the records entered on its form (and its sessions'
    presentations, entered on each session's page) since it was sent for review, as (what,
    how) lines: added, removed, or the fields changed with old and new."""
    moment = sent_for_review_at(meeting)
    if moment is None:
        return []
    lines = []
    latest = meeting.history.order_by("-history_date", "-history_id").first()
    at_moment = (
        meeting.history.filter(history_date__lte=moment)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if latest and at_moment and latest.history_id != at_moment.history_id:
        lines += [("The meeting", change) for change in field_changes(at_moment, latest)]
    disagreements = list(
        Disagreement.objects.filter(records_filter([meeting])).values_list("pk", flat=True)
    )
    # Sessions deleted since are in their history only, and their presentations with them.
    sessions = Session.history.filter(meeting_id=meeting.pk).values("id")
    children = [
        (Participation, {"meeting_id": meeting.pk}),
        (Session, {"meeting_id": meeting.pk}),
        (Presentation, {"session_id__in": sessions}),
        (meeting.roles.model, {"meeting_id": meeting.pk}),
        (meeting.interventions.model, {"meeting_id": meeting.pk}),
        (meeting.discussion_points.model, {"meeting_id": meeting.pk}),
        (Silence, {"meeting_id": meeting.pk}),
        (Citation, {"object_id": meeting.pk, "content_type__model": "meeting"}),
        (Disagreement, {"object_id": meeting.pk, "content_type__model": "meeting"}),
        (Account, {"disagreement_id__in": disagreements}),
    ]
    for model, condition in children:
        name = model._meta.verbose_name.capitalize()
        versions = model.history.filter(**condition).order_by("history_date", "history_id")
        after = {}
        for version in versions.filter(history_date__gt=moment):
            after.setdefault(version.id, []).append(version)
        for record_id, changes in after.items():
            last = changes[-1]
            before = versions.filter(id=record_id, history_date__lte=moment).last()
            if before is None or before.history_type == "-":
                if last.history_type != "-":
                    lines.append((name, f"added: {last.instance}"))
            elif last.history_type == "-":
                lines.append((name, f"removed: {before.instance}"))
            else:
                described = field_changes(before, last)
                lines += [(name, f"{last.instance} — {change}") for change in described]
    return lines
