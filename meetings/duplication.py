""" "Duplicate as next year's meeting": a draft copy that carries over what repeats.

The copy is a draft with the next number and dates a year on; it keeps the format, the
participants with their roles and the usual programme (each session's order, day, kind and
title: the opening, the RTCs' presentations, the close come round every year). What must be new
each year is left empty: the place (the host changes), the theme, the account, the chair and
speakers, what was reported (initiatives, interventions, discussion points), the sources, each
session's summary and presentations (what happened in it that year) and the notes on each
participation (a sentence about one meeting, such as "hosted the meeting online", is no fact of
the next). The host of one meeting takes part in the next as a participant.
"""

from django.db import IntegrityError, transaction

from core.slugs import free_slug
from core.workflow import stamp

from .models import Meeting, Participation, Session, Status


def ordinal(number):
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def one_year_later(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class DuplicateError(Exception):
    """The copy cannot be made; the message says what to do instead."""


@transaction.atomic
def duplicate_as_next_year(meeting, user):
    """A draft copy of `meeting` as next year's: number + 1, dates + 1 year, same participants.

    Participations are copied with their roles (last year's host as a participant) and the
    programme's sessions with their order, day, kind and title; everything that must be new
    is left for the editor (see the module's docstring).
    """
    number = meeting.number + 1
    if Meeting.objects.filter(number=number).exists():
        raise DuplicateError(
            f"The {ordinal(number)} meeting already exists: open it and edit it instead."
        )
    old_ordinal = ordinal(meeting.number)
    title = (
        meeting.title.replace(old_ordinal, ordinal(number), 1)
        if old_ordinal in meeting.title
        else f"{ordinal(number)} RTC Heads Meeting"
    )
    copy = Meeting(
        number=number,
        title=title,
        slug=free_slug(Meeting, title),
        theme="",
        start_date=one_year_later(meeting.start_date),
        end_date=one_year_later(meeting.end_date),
        format=meeting.format,
        status=Status.DRAFT,
    )
    stamp(copy, user)
    copy._history_user = user
    copy._change_reason = f"Duplicated from {meeting}"
    try:
        copy.save()
    except IntegrityError as error:  # a concurrent duplicate won the race
        raise DuplicateError(f"Could not create the {ordinal(number)} meeting: {error}") from None
    for participation in meeting.participations.select_related("body"):
        role = participation.role
        if role == Participation.Role.HOST:
            role = Participation.Role.PARTICIPANT
        new = Participation(meeting=copy, body=participation.body, role=role)
        new._history_user = user
        new.save()
    for session in meeting.sessions.all():
        new = Session(
            meeting=copy,
            order=session.order,
            day=session.day,
            kind=session.kind,
            title=session.title,
        )
        new._history_user = user
        new.save()
    return copy
