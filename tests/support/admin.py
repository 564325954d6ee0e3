"""Driving the admin as the secretariat does: signed in, running list actions."""

from core.admin import admin_url


def logged_in(client, user):
    client.force_login(user)
    return client


def run_action(client, model, action, *records):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [record.pk for record in records]},
        follow=True,
    )


def change_form_data(client, record, **changes):
    """What the admin's change page of `record` would post unchanged, inlines included, with
    `changes` (field name: value) to the record's own fields."""
    page = client.get(admin_url(type(record), "change", record.pk))
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value not in (None, False):
                data[form.add_prefix(name)] = value
    return data | changes
