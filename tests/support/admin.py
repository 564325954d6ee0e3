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
    """Every inline on an admin change page as the browser posts it back: the management
    forms and each existing row's current values (a form posted without them is refused)."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is None or value is False:
                    continue
                data[form.add_prefix(name)] = getattr(value, "pk", value)
    return data
