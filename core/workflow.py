"""How the secretariat moves records from draft to review to the public site, and back.

Every status change goes through `check_move` (the one permission rule) and is stamped with
who made it and when. Admin forms, bulk actions and tests all call these functions; nothing
moves a status in `save()` or in a signal.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import Status


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
