"""The meeting admin's whole-meeting spreadsheet: "Export whole meeting"
and "Import whole meeting" on a meeting's page, blank templates, and each upload's page with
the dry run, the confirmation and the outcome. The dry run and the import run in the task
worker, as every spreadsheet import does (core.imports, core.tasks)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify

from core import imports
from core.admin import admin_url, within_import_limit
from core.exports import attachment
from core.models import SpreadsheetImport
from core.resources import diff_html
from core.tasks import check_spreadsheet, import_spreadsheet

from ..models import Meeting
from .export import csv_zip_bytes, xlsx_bytes
from .importer import pending_for, store
from .sheets import MAX_ROWS_PER_SHEET

FORMATS = {
    "xlsx": (
        xlsx_bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "csv": (csv_zip_bytes, "application/zip", "zip"),
}
# What importing a whole meeting writes: the meeting and the rows that hang from it.
IMPORT_PERMISSIONS = [
    "meetings.change_meeting",
    *(
        f"{app}.{action}_{model}"
        for app, model in [
            ("meetings", "participation"),
            ("meetings", "meetingrole"),
            ("meetings", "intervention"),
            ("meetings", "discussionpoint"),
            ("meetings", "person"),
            ("meetings", "session"),
            ("meetings", "presentation"),
            ("sources", "citation"),
        ]
        for action in ("add", "change")
    ),
]
STATE_LABELS = {"new": "New", "changed": "Changed", "unchanged": "Unchanged", "error": "Error"}
# The import-export style sheet's row colours.
STATE_CLASSES = {"new": "new", "changed": "update", "unchanged": "skip", "error": "error"}


class WholeMeetingUploadForm(forms.Form):
    import_file = forms.FileField(
        label="Spreadsheet",
        help_text="The whole-meeting template filled in: an XLSX workbook, or a ZIP of its "
        f"CSV files; at most {MAX_ROWS_PER_SHEET:,} rows a sheet.",
    )

    def clean_import_file(self):
        return within_import_limit(self.cleaned_data["import_file"], max_rows=MAX_ROWS_PER_SHEET)


def download(meeting, file_format):
    if file_format not in FORMATS:
        raise Http404("The whole-meeting spreadsheet comes as xlsx or csv.")
    build, content_type, extension = FORMATS[file_format]
    name = slugify(meeting.title) if meeting else "whole-meeting-template"
    response = HttpResponse(build(meeting), content_type=content_type)
    return attachment(response, f"{name}.{extension}")


class WholeMeetingSpreadsheetMixin:
    """For the meeting admin: the whole-meeting spreadsheet's buttons and pages."""

    def get_urls(self):
        routes = [
            (
                "whole-meeting-template/<str:file_format>/",
                self.whole_meeting_template_view,
                "whole_meeting_template",
            ),
            (
                "<path:object_id>/whole-meeting/export/<str:file_format>/",
                self.whole_meeting_export_view,
                "whole_meeting_export",
            ),
            (
                "<path:object_id>/whole-meeting/import/",
                self.whole_meeting_import_view,
                "whole_meeting_import",
            ),
            (
                "<path:object_id>/whole-meeting/import/<int:pending_id>/",
                self.whole_meeting_progress_view,
                "whole_meeting_progress",
            ),
        ]
        return [*(self.admin_path(*route) for route in routes), *super().get_urls()]

    def may_import_whole_meeting(self, request, meeting=None):
        return self.has_change_permission(request, meeting) and request.user.has_perms(
            IMPORT_PERMISSIONS
        )

    def extra_object_tools(self, request, obj):
        tools = super().extra_object_tools(request, obj)
        tools.append(
            ("Export whole meeting", admin_url(Meeting, "whole_meeting_export", obj.pk, "xlsx"))
        )
        if self.may_import_whole_meeting(request, obj):
            tools.append(
                ("Import whole meeting", admin_url(Meeting, "whole_meeting_import", obj.pk))
            )
        return tools

    def whole_meeting(self, request, object_id, *, importing):
        meeting = self.get_object(request, object_id)
        if meeting is None:
            raise Http404("No such meeting.")
        allowed = (
            self.may_import_whole_meeting(request, meeting)
            if importing
            else self.has_view_permission(request, meeting)
        )
        if not allowed:
            raise PermissionDenied
        return meeting

    def whole_meeting_template_view(self, request, file_format):
        if not self.may_import_whole_meeting(request):
            raise PermissionDenied
        return download(None, file_format)

    def whole_meeting_export_view(self, request, object_id, file_format):
        return download(self.whole_meeting(request, object_id, importing=False), file_format)

    def whole_meeting_context(self, request, meeting, title):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": Meeting._meta,
            "original": meeting,
            "import_url": admin_url(Meeting, "whole_meeting_import", meeting.pk),
            "export_urls": {
                fmt: admin_url(Meeting, "whole_meeting_export", meeting.pk, fmt) for fmt in FORMATS
            },
            "template_urls": {
                fmt: admin_url(Meeting, "whole_meeting_template", fmt) for fmt in FORMATS
            },
        }

    def whole_meeting_import_view(self, request, object_id):
        """The upload: the file is stored and checked by the task worker."""
        meeting = self.whole_meeting(request, object_id, importing=True)
        form = WholeMeetingUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            pending = store(form.cleaned_data["import_file"], user=request.user, meeting=meeting)
            check_spreadsheet.enqueue(pending.pk)
            return redirect(admin_url(Meeting, "whole_meeting_progress", meeting.pk, pending.pk))
        context = self.whole_meeting_context(request, meeting, f"Import whole meeting: {meeting}")
        context["form"] = form
        return TemplateResponse(
            request, "admin/meetings/meeting/whole_meeting_import.html", context
        )

    def whole_meeting_progress_view(self, request, object_id, pending_id):
        """One upload's page: checking, the dry run with the confirm button, queued,
        importing, done, or failed with every problem by sheet, row and column."""
        meeting = self.whole_meeting(request, object_id, importing=True)
        pending = get_object_or_404(pending_for(meeting), pk=pending_id, created_by=request.user)
        progress_url = admin_url(Meeting, "whole_meeting_progress", meeting.pk, pending.pk)
        if request.method == "POST":
            claimed = imports.claim(pending.name, request.user)
            if claimed is None:
                self.message_user(
                    request,
                    "This file was confirmed already or waited too long (a day); it is "
                    "imported at most once.",
                    messages.INFO,
                )
            else:
                import_spreadsheet.enqueue(claimed.pk)
            return redirect(progress_url)
        context = self.whole_meeting_context(request, meeting, f"Import of {pending.file_name}")
        context |= {
            "pending": pending,
            "sheets": preview_sheets(pending.preview.get("sheets", [])),
            "new_people": pending.preview.get("new_people", []),
            "kept": pending.preview.get("kept", []),
            "is_checked": pending.state == SpreadsheetImport.State.CHECKED,
        }
        return TemplateResponse(
            request, "admin/meetings/meeting/whole_meeting_progress.html", context
        )


def preview_sheets(sheets):
    return [
        {
            "name": sheet["name"],
            "headers": sheet["headers"],
            "rows": [
                {
                    "number": row["number"],
                    "state": STATE_LABELS[row["state"]],
                    "css": STATE_CLASSES[row["state"]],
                    "changed": row["changed"],
                    "errors": row["errors"],
                    "cells": [diff_html(parts) for parts in row["cells"]],
                }
                for row in sheet["rows"]
            ],
        }
        for sheet in sheets
    ]
