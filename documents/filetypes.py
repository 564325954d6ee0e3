"""The kinds of file the portal accepts (the allow-list), and what it knows of each."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extension: str
    # A browser could render it in a tab (and run what it holds): served with a CSP sandbox.
    renderable: bool = False
    image: bool = False
    # What its text is extracted by: "page", "slide", "sheet"; empty for one whole text.
    part: str = ""


PDF = FileType("PDF", "application/pdf", ".pdf", renderable=True, part="page")
PPTX = FileType(
    "PowerPoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pptx",
    part="slide",
)
DOCX = FileType(
    "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
)
XLSX = FileType(
    "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsx",
    part="sheet",
)
JPEG = FileType("JPEG image", "image/jpeg", ".jpg", renderable=True, image=True)
PNG = FileType("PNG image", "image/png", ".png", renderable=True, image=True)
WEBP = FileType("WebP image", "image/webp", ".webp", renderable=True, image=True)

# The allow-list, by content type.
TYPES = {t.content_type: t for t in (PDF, PPTX, DOCX, XLSX, JPEG, PNG, WEBP)}
ALLOWED = "PDF, PowerPoint (.pptx), Word (.docx), Excel (.xlsx), JPEG, PNG or WebP"
