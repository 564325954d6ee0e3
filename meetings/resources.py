"""Spreadsheet columns for importing and exporting meeting records (django-import-export).

A meeting is named by its number ("19", "19th") or its title; the rest follows core.resources.
"""

import re

from import_export import fields, widgets

from core.resources import (
    ChoiceWidget,
    NameWidget,
    RememberingWidget,
    SecretariatResource,
    WholeNumberWidget,
    text,
    unknown,
)

from .models import Body, DiscussionPoint, Meeting, Participation


class MeetingWidget(RememberingWidget, widgets.ForeignKeyWidget):
    """A meeting by its number ("19", "19th") or its title."""

    def __init__(self, **kwargs):
        super().__init__(Meeting, field="number", **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = text(value)
        if not value:
            return None
        number = re.fullmatch(r"(\d+)(st|nd|rd|th)?", value, flags=re.IGNORECASE)
        if number:
            match = Meeting.objects.filter(number=int(number.group(1))).first()
        else:
            match = Meeting.objects.filter(title__iexact=value).first()
        if match is None:
            titles = list(Meeting.objects.values_list("title", flat=True))
            if number:
                known = ", ".join(str(n) for n in Meeting.objects.values_list("number", flat=True))
                raise ValueError(f"Unknown meeting number {value}. Known: {known or 'none yet'}.")
            raise unknown("meeting", value, titles)
        return match


class ParticipationResource(SecretariatResource):
    meeting = fields.Field("meeting", "meeting", MeetingWidget())
    body = fields.Field("body", "body", NameWidget(Body, "administration or body"))
    role = fields.Field("role", "role", ChoiceWidget(Participation.Role, "role"))
    note = fields.Field("note", "note")

    class Meta(SecretariatResource.Meta):
        model = Participation
        fields = ["meeting", "body", "role", "note"]
        import_id_fields = ["meeting", "body"]


class DiscussionPointResource(SecretariatResource):
    meeting = fields.Field("meeting", "meeting", MeetingWidget())
    kind = fields.Field("kind", "kind", ChoiceWidget(DiscussionPoint.Kind, "kind"))
    text = fields.Field("text", "text")
    detail = fields.Field("detail", "detail")
    body = fields.Field("body", "body", NameWidget(Body, "administration or body"))
    order = fields.Field("order", "order", WholeNumberWidget())

    class Meta(SecretariatResource.Meta):
        model = DiscussionPoint
        fields = ["meeting", "kind", "text", "detail", "body", "order"]
        import_id_fields = ["meeting", "kind", "text"]

    def before_import_row(self, row, **kwargs):
        # An empty order column means "no particular order", not an error.
        if not text(row.get("order")):
            row["order"] = 0
