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


def inline_management(response):
    """The management-form fields of every inline on an admin change page, as the browser
    posts them back: a change form posted without them is refused."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        form = inline.formset.management_form
        data |= {form.add_prefix(name): value for name, value in form.initial.items()}
    return data
