"""Small copies of image documents, so a phone on a weak link never downloads the original
unasked: WebP at a few widths, stored beside the originals under the original's checksum and
served with the same rule (documents/views.py)."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from .storage import PREFIX

# Enough for a phone (320 CSS px at 1x and 2x) and a column on a large screen.
WIDTHS = (320, 640)


def thumbnail_name(checksum, width):
    return f"{PREFIX}/thumbnails/{checksum[:2]}/{checksum}-{width}w.webp"


def widths_for(image_width):
    """The thumbnail widths smaller than the image itself (a larger copy would be bigger)."""
    return [width for width in WIDTHS if width < (image_width or 0)]


def make_thumbnails(checked):
    """Store the thumbnails of a checked image (safety.CheckedFile), unless already there."""
    with Image.open(io.BytesIO(checked.content)) as image:
        for width in widths_for(image.width):
            name = thumbnail_name(checked.sha256, width)
            if default_storage.exists(name):
                continue
            height = max(1, round(image.height * width / image.width))
            copy = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
            output = io.BytesIO()
            copy.save(output, format="WEBP", quality=75, method=4)
            default_storage.save(name, ContentFile(output.getvalue()))
