"""The meeting admin's whole-meeting spreadsheet: "Export whole meeting"
and "Import whole meeting" on a meeting's page, "Import a whole meeting" on the meetings list
(which creates the meeting from the file), blank templates, and each upload's page with the dry
run, the confirmation and the outcome. The dry run and the import run in the task
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
from core.worker import end_abandoned

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
            ("meetings", "silence"),
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
            ("whole-meeting/import/", self.new_meeting_import_view, "new_meeting_import"),
            (
                "whole-meeting/import/<int:pending_id>/",
                self.new_meeting_progress_view,
                "new_meeting_progress",
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

    def may_create_from_spreadsheet(self, request):
        return self.has_add_permission(request) and self.may_import_whole_meeting(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.may_create_from_spreadsheet(request):
            extra_context["list_tools"] = [
                ("Import a whole meeting", admin_url(Meeting, "new_meeting_import"))
            ]
        return super().changelist_view(request, extra_context)

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

    def new_meeting_import_view(self, request):
        """The upload of a file that creates its meeting."""
        if not self.may_create_from_spreadsheet(request):
            raise PermissionDenied
        return self.upload_view(request, None, "Import a whole meeting")

    def new_meeting_progress_view(self, request, pending_id):
        if not self.may_create_from_spreadsheet(request):
            raise PermissionDenied
        pending = get_object_or_404(pending_for(), pk=pending_id, created_by=request.user)
        # Once imported, the upload names the meeting it created.
        meeting = (
            Meeting.objects.filter(pk=pending.object_id).first() if pending.object_id else None
        )
        return self.progress_page(request, pending, meeting)

    def whole_meeting_export_view(self, request, object_id, file_format):
        return download(self.whole_meeting(request, object_id, importing=False), file_format)

    def whole_meeting_context(self, request, meeting, title):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": Meeting._meta,
            "original": meeting,
            "crumb": "Import whole meeting" if meeting else "Import a whole meeting",
            "template_urls": {
                fmt: admin_url(Meeting, "whole_meeting_template", fmt) for fmt in FORMATS
            },
        }
        if meeting is not None:
            context["export_urls"] = {
                fmt: admin_url(Meeting, "whole_meeting_export", meeting.pk, fmt) for fmt in FORMATS
            }
        return context

    def whole_meeting_import_view(self, request, object_id):
        """The upload into a meeting: the file is stored and checked by the task worker."""
        meeting = self.whole_meeting(request, object_id, importing=True)
        return self.upload_view(request, meeting, f"Import whole meeting: {meeting}")

    def upload_view(self, request, meeting, title):
        form = WholeMeetingUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            pending = store(form.cleaned_data["import_file"], user=request.user, meeting=meeting)
            check_spreadsheet.enqueue(pending.pk)
            return redirect(progress_url(meeting, pending))
        context = self.whole_meeting_context(request, meeting, title)
        context["form"] = form
        return TemplateResponse(
            request, "admin/meetings/meeting/whole_meeting_import.html", context
        )

    def whole_meeting_progress_view(self, request, object_id, pending_id):
        meeting = self.whole_meeting(request, object_id, importing=True)
        pending = get_object_or_404(pending_for(meeting), pk=pending_id, created_by=request.user)
        return self.progress_page(request, pending, meeting)

    def progress_page(self, request, pending, meeting):
        """One upload's page: checking, the dry run with the confirm button, queued,
        importing, done, or failed with every problem by sheet, row and column. `meeting` is
        the one the file goes into; None for a file that creates its meeting, until it has."""
        url = request.path
        if request.method == "POST" and "run_again" in request.POST:
            if imports.run_again(pending, request.user):
                check_spreadsheet.enqueue(pending.pk)
            return redirect(url)
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
            return redirect(url)
        if not pending.is_finished:
            end_abandoned(by_age_only=True)  # a file whose worker died says so while it waits
            pending.refresh_from_db()
        context = self.whole_meeting_context(request, meeting, f"Import of {pending.file_name}")
        context |= {
            "pending": pending,
            "sheets": preview_sheets(pending.preview.get("sheets", [])),
            "new_meeting": pending.preview.get("new_meeting", ""),
            "new_people": pending.preview.get("new_people", []),
            "drafts": pending.preview.get("drafts", []),
            "kept": pending.preview.get("kept", []),
            "is_checked": pending.state == SpreadsheetImport.State.CHECKED,
        }
        return TemplateResponse(
            request, "admin/meetings/meeting/whole_meeting_progress.html", context
        )


def progress_url(meeting, pending):
    if meeting is None:
        return admin_url(Meeting, "new_meeting_progress", pending.pk)
    return admin_url(Meeting, "whole_meeting_progress", meeting.pk, pending.pk)


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
