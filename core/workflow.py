"""How the secretariat moves records from draft to review to the public site, and back.

Every status change goes through `check_move` (the one permission rule) and is stamped with
who made it and when. Admin forms, bulk actions and tests all call these functions; nothing
moves a status in `save()` or in a signal.

Taking a record off the public site is a reviewer's call however it happens: by unpublishing
it (`check_move`), or by any other change that would drop it from its model's `published()`,
such as moving a published initiative to a draft meeting (`check_change`).
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .models import Status


def publish_permission(model):
    """The permission that lets a user publish and unpublish records of `model`."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def change_permission(model):
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


def can_publish(user, model):
    # No user (a script's import): nobody to vouch for a publishing decision.
    return user is not None and user.has_perm(publish_permission(model))


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


def would_hide(model, pk, changes):
    """Would saving `changes` ({field name: value}) to record `pk` of `model` take it off the
    public site? Only a record the public sees now can be hidden.

    The change is tried in a savepoint and rolled back, so the answer comes from the model's
    own `published()` rule, whatever it depends on, and never drifts from it. `update()` sends
    no signals: nothing is recorded in the history and no cache is touched.
    """
    published = model.objects.published().filter(pk=pk)
    if pk is None or not published.exists():
        return False
    try:
        with transaction.atomic():
            model.objects.filter(pk=pk).update(**changes)
            hidden = not published.exists()
            transaction.set_rollback(True)
    except IntegrityError:
        # A value another record holds (a taken slug): the form's own checks report it, and
        # such a change cannot be saved to hide anything.
        return False
    return hidden


def hiding_message(model, field, value):
    name = model._meta.verbose_name
    if isinstance(field, models.ForeignKey):
        target = field.related_model._meta.verbose_name
        return (
            f"Moving this published {name} to the {target} “{value}”, which the public cannot "
            "see, would take it off the public site: ask a reviewer."
        )
    return (
        f"Changing the {field.verbose_name} of this published {name} would take it off the "
        "public site: ask a reviewer."
    )


def check_change(user, model, pk, changes):
    """Raise ValidationError, naming each field to blame, if saving `changes` ({field name:
    value}) to record `pk` would take it off the public site and `user` may not unpublish."""
    if can_publish(user, model) or not would_hide(model, pk, changes):
        return
    errors = {
        name: hiding_message(model, model._meta.get_field(name), value)
        for name, value in changes.items()
        if would_hide(model, pk, {name: value})
    }
    # Every rule so far hides a record through one field; a rule that needs two at once
    # still refuses, on the form as a whole.
    whole_change = "This change would take a published record off the public site: ask a reviewer."
    raise ValidationError(errors or {NON_FIELD_ERRORS: whole_change})


def stored_changes(model, values):
    """The part of `values` ({name: value}, from a form or an import row) that is stored in
    `model`'s own table, the part `would_hide` can try."""
    columns = {field.name for field in model._meta.concrete_fields if not field.primary_key}
    return {name: value for name, value in values.items() if name in columns}


class NotReady(Exception):
    """A record sent for review before it is complete; the message lists what it lacks."""


# What a model requires before review beyond its form's fields: {model: check}, where
# check(record) lists what the record lacks. The app that owns the model registers its check
# when it is ready, so that this floor asks without importing any app above it. Such a model's
# history keeps a "publish anyway" reason of any length: give it
# HistoricalRecords(history_change_reason_field=models.TextField(null=True)).
READINESS_CHECKS = {}


def register_readiness_check(model, check):
    READINESS_CHECKS[model] = check


def has_readiness_check(model):
    return model in READINESS_CHECKS


def missing_for_review(record):
    """What `record` still lacks before a reviewer can judge it, in plain words; empty for a
    model whose form's fields are all it needs."""
    check = READINESS_CHECKS.get(type(record))
    return list(check(record)) if check else []


def check_ready(record):
    missing = missing_for_review(record)
    if missing:
        raise NotReady(f"“{record}” cannot be sent for review yet: {'; '.join(missing)}.")


def check_publishable(record, anyway):
    """The same list gates publishing: a record that still lacks something is published only
    "anyway", with the reviewer's reason. Returns what it lacks (empty when complete); raises
    NotReady when it lacks something and no reason is given."""
    missing = missing_for_review(record)
    if missing and not anyway.strip():
        raise NotReady(
            f"“{record}” still lacks: {'; '.join(missing)}. Publish it anyway only with a "
            "reason, which its history keeps."
        )
    return missing


def stamp(record, user, when=None):
    """Record who moved `record`'s status and when (the caller saves it)."""
    record.status_changed_by = user if user and user.is_authenticated else None
    record.status_changed_at = when or timezone.now()


@transaction.atomic
def move(queryset, new_status, user, anyway=""):
    """Move every record of `queryset` to `new_status`; return how many actually moved, or
    none (PermissionDenied, NotReady) if any may not move.

    Publishing a record that still lacks something before review needs `anyway`, the
    reviewer's reason; its history keeps the reason with what was missing.
    Each record is saved on its own so that its history keeps the change and who made it.
    """
    model = queryset.model
    moved = 0
    now = timezone.now()
    for record in queryset.exclude(status=new_status).select_for_update():
        old_status = record.status
        check_move(user, model, old_status, new_status)
        reason = f"Status: {Status(old_status).label} → {Status(new_status).label}"
        if new_status == Status.IN_REVIEW:
            check_ready(record)
        elif new_status == Status.PUBLISHED:
            missing = check_publishable(record, anyway)
            if missing:
                reason += f", published anyway ({anyway.strip()}); lacking: {'; '.join(missing)}"
        record.status = new_status
        stamp(record, user, now)
        record._history_user = user
        record._change_reason = reason
        record.save(
            update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"]
        )
        moved += 1
    return moved
