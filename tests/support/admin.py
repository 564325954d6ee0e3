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


def form_values(form):
    """A form's current values as the browser posts them back."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        # Not `in (None, False)`: 0 == False, and a formset's INITIAL_FORMS may be 0.
        if value is None or value is False:
            continue
        data[form.add_prefix(name)] = getattr(value, "pk", value)
    return data


def inline_management(response):
    """Every inline on an admin change page as the browser posts it back: the management
    forms and each existing row's current values (a form posted without them is refused).
    Empty extra rows are left out: posted with their defaults they would count as new
    records left incomplete."""
    data = {}
    for inline in response.context.get("inline_admin_formsets", []):
        data |= formset_values(inline.formset)
    return data


def formset_values(formset):
    """A formset's management form and existing rows, with the formsets nested in each row
    (django-nested-admin's: a session's presentations on the meeting's form)."""
    management = formset.management_form
    data = {management.add_prefix(name): value for name, value in management.initial.items()}
    for form in formset.initial_forms:
        data |= form_values(form)
        for nested in getattr(form, "nested_formsets", []):
            data |= formset_values(nested)
    return data


def change_form_data(client, record, **changes):
    """What the admin's change page of `record` would post unchanged, inlines included, with
    `changes` (field name: value) to the record's own fields."""
    page = client.get(admin_url(type(record), "change", record.pk))
    return form_values(page.context["adminform"].form) | inline_management(page) | changes


# The documents inline (documents.admin.DocumentInline) empty, for forms posted unseen.
NO_DOCUMENTS = {
    "documents-document-target_type-target_id-TOTAL_FORMS": 0,
    "documents-document-target_type-target_id-INITIAL_FORMS": 0,
}
