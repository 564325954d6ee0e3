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
        # The rows already there; an empty extra row posted with its defaults would count as
        # a new record left incomplete.
        forms += [inline.formset.management_form, *inline.formset.initial_forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            # Not `in (None, False)`: 0 == False, and a formset's INITIAL_FORMS may be 0.
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value
    return data | changes


def inline_management_data(page):
    """The management forms of a change page's inlines, posted back as shown (no rows
    added): Django refuses a change form whose inline formsets lack them."""
    data = {}
    for inline in page.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
    return data


# The documents inline (documents.admin.DocumentInline) empty, for forms posted unseen.
NO_DOCUMENTS = {
    "documents-document-target_type-target_id-TOTAL_FORMS": 0,
    "documents-document-target_type-target_id-INITIAL_FORMS": 0,
}
