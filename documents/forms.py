"""The admin's upload form: the only way a file gets in.

The upload is checked (documents.safety) while the form validates, so every refusal is a
form error on the file field and nothing has been written yet. Only a valid form stores the
file, and only then is its text extraction scheduled.
"""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat

from . import safety, storage, thumbnails
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
    document.width, document.height = checked.image_size or (None, None)
    if checked.type.image:
        thumbnails.make_thumbnails(checked)
    document.original_name = checked.original_name[:255]
    document.mime_type = checked.type.content_type
    document.size = checked.size
    document.sha256 = checked.sha256
    document.page_count = None
    document.extraction = Document.Extraction.PENDING
    document.extraction_error = ""
    document.extracted_at = None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input, as Django's documentation shows."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class UploadDocumentsForm(forms.Form):
    """Several files onto one record at once, each a draft titled after its file name (to be
    edited): all are stored, or, if any is refused, none."""

    files = MultipleFileField(label="Files", help_text=f"{ALLOWED}. Select several at once.")
    kind = forms.ChoiceField(choices=Document.Kind.choices, initial=Document.Kind.OTHER)
    language = forms.CharField(max_length=35, initial="en")
    date = forms.DateField(required=False, help_text="When they were issued or presented.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked = []
        limit = filesizeformat(safety.max_upload_bytes())
        self.fields["files"].help_text += f" At most {limit} each."

    def clean_files(self):
        # Refused before any image is decoded: re-encoding costs time by the pixel, and the
        # whole upload is one request (settings.DOCUMENT_MAX_UPLOAD_PIXELS).
        pixels = sum(safety.image_pixels(upload) for upload in self.cleaned_data["files"])
        budget = settings.DOCUMENT_MAX_UPLOAD_PIXELS
        if pixels > budget:
            raise ValidationError(
                f"These images hold {pixels / 1e6:,.0f} megapixels together; one upload may "
                f"hold at most {budget / 1e6:,.0f} (about {budget // 24_000_000} phone photos). "
                "Nothing was uploaded: upload them in smaller groups."
            )
        refused = []
        for upload in self.cleaned_data["files"]:
            try:
                self.checked.append(safety.check_upload(upload))
            except ValidationError as error:
                refused.append(f"{upload.name}: {' '.join(error.messages)}")
        if refused:
            self.checked = []
            raise ValidationError([*refused, "Nothing was uploaded; remove or fix these files."])
        return self.cleaned_data["files"]

    @transaction.atomic
    def save(self, target):
        documents = []
        for checked in self.checked:
            title = PurePath(checked.original_name).stem.replace("_", " ").strip()
            document = Document(
                attached_to=target,
                title=title[:200] or "Untitled document",
                kind=self.cleaned_data["kind"],
                language=self.cleaned_data["language"],
                date=self.cleaned_data["date"],
            )
            set_file(document, checked)
            document.save()
            schedule_extraction(document)
            documents.append(document)
        return documents
