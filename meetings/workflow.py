"""How the secretariat moves records from draft to review to the public site, and back.

Every status change goes through `check_move` (the one permission rule) and is stamped with
who made it and when. Admin forms, bulk actions and tests all call these functions; nothing
moves a status in `save()` or in a signal.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Meeting, Participation, Status


def publish_permission(model):
    """The permission that lets a user publish and unpublish records of `model`."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def change_permission(model):
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


def can_publish(user, model):
    return user.has_perm(publish_permission(model))


def check_move(user, model, old_status, new_status):
    """Raise PermissionDenied unless `user` may move a `model` record between these statuses.

    Anything that touches the public site (publishing, or taking a published record down)
    needs the publish permission; moving between draft and review needs only change.
    """
    touches_public = Status.PUBLISHED in (old_status, new_status)
    needed = publish_permission(model) if touches_public else change_permission(model)
    if not user.has_perm(needed):
        verb = "publish" if new_status == Status.PUBLISHED else "unpublish"
        raise PermissionDenied(
            f"You may not {verb} {model._meta.verbose_name_plural}: ask a member of "
            "“Secretariat reviewers” to do it."
        )


def stamp(record, user, when=None):
    """Record who moved `record`'s status and when (the caller saves it)."""
    record.status_changed_by = user if user and user.is_authenticated else None
    record.status_changed_at = when or timezone.now()


def record_form_move(record, old_status, user):
    """A status changed through an admin form: check it is allowed, then stamp it."""
    check_move(user, type(record), old_status, record.status)
    stamp(record, user)


@transaction.atomic
def move(queryset, new_status, user):
    """Move every record of `queryset` to `new_status`; return how many actually moved.

    Each record is saved on its own so that its history keeps the change and who made it.
    """
    model = queryset.model
    moved = 0
    now = timezone.now()
    for record in queryset.exclude(status=new_status).select_for_update():
        old_status = record.status
        check_move(user, model, old_status, new_status)
        record.status = new_status
        stamp(record, user, now)
        record._history_user = user
        record._change_reason = f"Status: {Status(old_status).label} → {Status(new_status).label}"
        record.save(
            update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"]
        )
        moved += 1
    return moved


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


def unique_slug(model, base):
    slug, suffix = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def duplicate_as_next_year(meeting, user):
    """A draft copy of `meeting` as next year's: number + 1, dates + 1 year, same participants.

    Participations (with their roles and notes) are copied; initiatives, interventions and
    discussion points belong to the meeting where they were reported and are not.
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
        slug=unique_slug(Meeting, slugify(title)),
        theme="",
        start_date=one_year_later(meeting.start_date),
        end_date=one_year_later(meeting.end_date),
        format=meeting.format,
        location=meeting.location,
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
        new = Participation(
            meeting=copy, body=participation.body, role=participation.role, note=participation.note
        )
        new._history_user = user
        new.save()
    return copy
