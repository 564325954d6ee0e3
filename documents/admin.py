"""The documents' admin: their own list (type, size, status, extraction, where attached) and
`DocumentInline`, which the admins of meetings, interventions, programmes, initiatives and
RTCs add to upload files straight onto the record."""

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericStackedInline
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from core.admin import PublishableAdmin, admin_url

from .forms import DocumentForm, UploadDocumentsForm
from .models import Document
from .tasks import schedule_extraction
from .views import file_response

FILE_FIELDS = ["upload", "file_link"]
DESCRIPTION_FIELDS = [("title", "kind"), ("language", "date"), "description"]


def staff_file_link(document):
    if not document.pk or not document.file:
        return "—"
    url = reverse("admin:documents_document_download", args=[document.pk])
    return format_html(
        '<a href="{}">{}</a> ({}), uploaded as “{}”',
        url,
        document.file_name,
        document.file_summary,
        document.original_name or "?",
    )


class DocumentInline(GenericStackedInline):
    """Upload files onto the record being edited; they start as drafts, published from the
    documents' own list."""

    model = Document
    form = DocumentForm
    ct_field = "target_type"
    ct_fk_field = "target_id"
    extra = 0
    fields = [*FILE_FIELDS, *DESCRIPTION_FIELDS, ("status", "extraction")]
    readonly_fields = ["file_link", "status", "extraction"]
    show_change_link = True

    @admin.display(description="Current file")
    def file_link(self, obj):
        return staff_file_link(obj)


class UploadDocumentsMixin:
    """For the admin of a record documents attach to: an "Upload documents" button that puts
    several files on the record at once."""

    def get_urls(self):
        upload = self.admin_path(
            "<path:object_id>/upload-documents/", self.upload_documents_view, "upload_documents"
        )
        return [upload, *super().get_urls()]

    def may_upload_documents(self, request):
        return request.user.has_perm("documents.add_document")

    def extra_object_tools(self, request, obj):
        tools = super().extra_object_tools(request, obj)
        if self.may_upload_documents(request):
            url = admin_url(self.model, "upload_documents", obj.pk)
            tools.insert(0, ("Upload documents", url))
        return tools

    def upload_documents_view(self, request, object_id):
        target = self.get_object(request, object_id)
        if target is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not (self.may_upload_documents(request) and self.has_change_permission(request, target)):
            raise PermissionDenied
        form = UploadDocumentsForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            documents = form.save(target)
            self.message_user(
                request,
                f"{len(documents)} document(s) uploaded to “{target}” as drafts. Check their "
                "titles, then send them for review.",
                messages.SUCCESS,
            )
            return redirect(admin_url(self.model, "change", target.pk))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Upload documents to “{target}”",
            "opts": self.model._meta,
            "original": target,
            "form": form,
        }
        return TemplateResponse(request, "admin/portal/upload_documents.html", context)


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    form = DocumentForm
    list_display = [
        "title",
        "kind",
        "file_type_label",
        "size_label",
        "status",
        "extraction",
        "attached",
    ]
    list_filter = ["status", "kind", "extraction", "target_type"]
    search_fields = ["title", "description", "original_name"]
    list_select_related = ["target_type"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": [*FILE_FIELDS, *DESCRIPTION_FIELDS, ("status", "status_changed")]}),
        ("Attached to", {"fields": [("target_type", "target_id"), "attached"]}),
        (
            "Text for the search",
            {"fields": ["extraction", "extraction_error", "extraction_note", "extracted_at"]},
        ),
    ]
    readonly_fields = [
        *PublishableAdmin.readonly_fields,
        "file_link",
        "attached",
        "extraction",
        "extraction_error",
        "extraction_note",
        "extracted_at",
    ]
    actions = [*PublishableAdmin.actions, "extract_again"]

    def get_queryset(self, request):
        # The records documents are attached to, one query per kind of record.
        return super().get_queryset(request).prefetch_related("attached_to")

    def get_urls(self):
        download = self.admin_path("<int:pk>/download/", self.download_view, "download")
        return [download, *super().get_urls()]

    def download_view(self, request, pk):
        """Staff see drafts' files too (never cached: the public address is the cacheable one)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        document = get_object_or_404(Document, pk=pk)
        return file_response(document, "private, no-store")

    @admin.display(description="File")
    def file_link(self, obj):
        return staff_file_link(obj)

    @admin.action(description="Extract the text again", permissions=["change"])
    def extract_again(self, request, queryset):
        """Run it again: for a file whose reading failed or was stopped, or after a change
        to the limits on what is read."""
        documents = list(queryset.exclude(extraction=Document.Extraction.NOT_NEEDED))
        # One UPDATE, not a save per document: the state is the admin's alone, so it neither
        # makes a history row nor changes the public pages (the extraction's own save does).
        Document.objects.filter(pk__in=[document.pk for document in documents]).update(
            extraction=Document.Extraction.PENDING, extraction_error=""
        )
        for document in documents:
            schedule_extraction(document)
        self.message_user(
            request,
            f"The text of {len(documents)} document(s) will be extracted again by the "
            "portal's worker; their list shows when it is done.",
            messages.SUCCESS,
        )

    @admin.display(description="Type", ordering="mime_type")
    def file_type_label(self, obj):
        return obj.file_type.label

    @admin.display(description="Size", ordering="size")
    def size_label(self, obj):
        return obj.file_summary.removeprefix(f"{obj.file_type.label}, ")

    @admin.display(description="Attached to")
    def attached(self, obj):
        target = obj.attached_to
        if target is None:
            return "—"
        return f"{target._meta.verbose_name.capitalize()}: {target}"
