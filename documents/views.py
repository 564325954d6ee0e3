"""Serving stored files to the public, from either storage backend.

Invariant: only `Document.objects.published()` is served; any other document, whatever the
address, answers 404. Every file goes out with its real type (from its content, at upload),
a download name made from its title, `nosniff`, and a `sandbox` policy when a browser could
render it, so a crafted PDF or image cannot run script on the portal's origin.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from .models import Document
from .storage import open_blob
from .thumbnails import thumbnail_name, widths_for


class AttachedDocumentsMixin:
    """For the detail page of a record documents attach to: its public documents, as
    `documents` in the context (templates/includes/_documents_section.html lists them)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = self.object.documents.published_on_shown_record().for_listing()
        return context


# The content under a hashed address never changes (documents/storage.py).
FOREVER = "public, max-age=31536000, immutable"
# The stable address may lead to a new file tomorrow.
SHORT = "public, max-age=300"


def file_response(document, cache_control, name=None, content_type=None):
    """The stored file `name` (the document's own by default) with the safety headers."""
    response = FileResponse(
        open_blob(name or document.file.name),
        content_type=content_type or document.mime_type,
        # PDFs and images open in the browser, Office files download.
        as_attachment=not document.file_type.renderable,
        filename=document.file_name,
    )
    if name is None:
        response["Content-Length"] = document.size
        response["ETag"] = f'"{document.sha256}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    if document.file_type.renderable:
        # Set here, the site-wide policy (django-csp) leaves it alone.
        response["Content-Security-Policy"] = "sandbox"
    return response


@require_safe
def document(request, pk):
    """The stable address: leads to the current file's hashed address."""
    found = get_object_or_404(Document.objects.published(), pk=pk)
    response = redirect(found.get_absolute_url())
    response["Cache-Control"] = SHORT
    return response


@require_safe
def file(request, pk, version, name):
    found = get_object_or_404(Document.objects.published(), pk=pk)
    if found.get_absolute_url() != request.path:
        # An older file's address, or a renamed title: the current one.
        response = redirect(found.get_absolute_url())
        response["Cache-Control"] = SHORT
        return response
    return file_response(found, FOREVER)


@require_safe
def thumbnail(request, pk, version, width):
    found = get_object_or_404(Document.objects.published(), pk=pk)
    if version != found.sha256[:16] or width not in widths_for(found.width):
        raise Http404("No such thumbnail.")
    name = thumbnail_name(found.sha256, width)
    return file_response(found, FOREVER, name=name, content_type="image/webp")
