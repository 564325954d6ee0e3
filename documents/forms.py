"""The admin's upload form: the only way a file gets in.

The upload is checked (documents.safety) while the form validates, so every refusal is a
form error on the file field and nothing has been written yet. Only a valid form stores the
file, and only then is its text extraction scheduled.
"""

from django import forms
from django.template.defaultfilters import filesizeformat

from . import safety, storage
from .filetypes import ALLOWED
from .models import Document
from .tasks import schedule_extraction


class DocumentForm(forms.ModelForm):
    upload = forms.FileField(
        label="File",
        required=False,
        help_text=f"{ALLOWED}. A new file replaces the current one.",
    )

    class Meta:
        model = Document
        fields = ["title", "kind", "language", "date", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked = None
        # A document is its file: a new one needs it, an existing one may keep its own.
        self.fields["upload"].required = not self.instance.file
        limit = filesizeformat(safety.max_upload_bytes())
        self.fields["upload"].help_text += f" At most {limit}."

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.checked = safety.check_upload(upload)
        return upload

    def save(self, commit=True):
        if self.checked:
            set_file(self.instance, self.checked)
        document = super().save(commit)
        if self.checked:
            schedule_extraction(document)
        return document


def set_file(document, checked):
    """Store a checked file and make it `document`'s (the caller saves the document)."""
    document.file.name = storage.store(checked)
    document.original_name = checked.original_name[:255]
    document.mime_type = checked.type.content_type
    document.size = checked.size
    document.sha256 = checked.sha256
    document.page_count = None
    document.extraction = Document.Extraction.PENDING
    document.extraction_error = ""
    document.extracted_at = None
