"""What the admin accepts as a document, decided from the bytes, never from the name.

`check_upload(file)` returns a `CheckedFile` (the bytes to store, their type and checksum) or
raises ValidationError saying why the file is refused. It runs before anything is written, so a
refused file leaves nothing behind. In order:

1. size: not empty, not over DOCUMENT_MAX_UPLOAD_MB (checked before the file is read);
2. type from the content (magic bytes, through `filetype`), against the allow-list `TYPES`;
   anything else, SVG and HTML included (a browser runs their scripts), is refused by name;
3. Office files (ZIP archives): the central directory is read, and nothing inflated, to refuse
   zip bombs (total unpacked size, entry count, compression ratio) before any parser sees the
   file; then the parts say which Office file it is, and macro-enabled ones are refused;
4. images: decoded with a pixel limit, re-encoded by Pillow, which drops every metadata block
   (EXIF with its GPS location, XMP, comments) but the colour profile.
"""

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps

from .filetypes import ALLOWED, DOCX, JPEG, PNG, PPTX, TYPES, WEBP, XLSX, FileType

# The part that names each kind of Office file (ECMA-376 Part 2, the package's main part).
OFFICE_MAIN_PARTS = {
    "ppt/presentation.xml": PPTX,
    "word/document.xml": DOCX,
    "xl/workbook.xml": XLSX,
}
# The ZIP container types filetype may report for an Office file (or a plain archive).
ZIP_TYPES = {"application/zip", *(t.content_type for t in OFFICE_MAIN_PARTS.values())}
# Deflate reaches about 1:1000 on a run of one byte; real documents stay far below 1:100
# overall (XML compresses to a fifth or a tenth, media not at all).
MAX_COMPRESSION_RATIO = 100
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
# What Pillow reads into an image's `info` that is part of the picture rather than metadata.
PIXEL_INFO = ("transparency",)


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    type: FileType
    sha256: str
    original_name: str
    # (width, height) in pixels, for images.
    image_size: tuple | None = None

    @property
    def size(self):
        return len(self.content)


def refuse(message):
    raise ValidationError(message, code="refused")


def max_upload_bytes():
    return int(settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024)


def check_upload(uploaded):
    """The file as it will be stored, or ValidationError saying why it is refused."""
    limit = max_upload_bytes()
    if uploaded.size == 0:
        refuse("The file is empty.")
    if uploaded.size > limit:
        refuse(
            f"The file is {filesizeformat(uploaded.size)}; files may be at most "
            f"{filesizeformat(limit)}. Compress it, or split it into parts."
        )
    uploaded.seek(0)
    content = uploaded.read()
    file_type = sniff(content)
    image_size = None
    if file_type.image:
        content, image_size = reencode_image(content, file_type)
    return CheckedFile(
        content=content,
        type=file_type,
        sha256=hashlib.sha256(content).hexdigest(),
        original_name=uploaded.name or "",
        image_size=image_size,
    )


def sniff(content):
    """The allowed FileType that `content` is, or ValidationError naming what it is."""
    guess = filetype.guess(content)
    mime = guess.mime if guess else ""
    if mime in ZIP_TYPES:
        return office_type(content)
    if mime in TYPES:
        return TYPES[mime]
    if guess:
        refuse(
            f"This file is {describe(guess)}, whatever its name says. Only {ALLOWED} files "
            "are accepted."
        )
    if looks_like_markup(content):
        refuse(
            "This file is SVG, HTML or XML text, which a browser could run scripts from. "
            f"Only {ALLOWED} files are accepted; for a drawing, upload a PNG or a PDF."
        )
    refuse(f"This file's type could not be recognised from its content. Only {ALLOWED} files.")


def describe(guess):
    executables = {"exe", "elf", "dll", "macho", "class", "dex", "wasm"}
    if guess.extension in executables:
        return f"a program (an executable, .{guess.extension})"
    return f"of type {guess.mime} (.{guess.extension})"


def looks_like_markup(content):
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<")


def office_type(content):
    """PPTX, DOCX or XLSX once the archive is known to be safe to open, else ValidationError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        refuse("This file looks like an Office file but its archive is damaged.")
    check_not_a_zip_bomb(entries, len(content))
    names = {entry.filename for entry in entries}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        refuse(
            "This Office file contains macros (a VBA project). Save it without macros "
            "(.pptx, .docx or .xlsx) and upload that."
        )
    found = [file_type for part, file_type in OFFICE_MAIN_PARTS.items() if part in names]
    if len(found) != 1 or "[Content_Types].xml" not in names:
        refuse(f"This file is a ZIP archive, not a PowerPoint, Word or Excel file. Only {ALLOWED}.")
    return found[0]


def check_not_a_zip_bomb(entries, packed_size):
    # The sizes come from the central directory; zipfile stops inflating a member at its
    # declared size (and fails its CRC check), so an archive cannot lie its way past this.
    max_entries = settings.DOCUMENT_MAX_ZIP_ENTRIES
    max_unpacked = int(settings.DOCUMENT_MAX_UNPACKED_MB * 1024 * 1024)
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > max_entries:
        refuse(
            f"This Office file holds {len(entries)} parts; at most {max_entries} are accepted "
            "(it may be a zip bomb)."
        )
    if unpacked > max_unpacked:
        refuse(
            f"This Office file would unpack to {filesizeformat(unpacked)}, over the "
            f"{filesizeformat(max_unpacked)} accepted (it may be a zip bomb)."
        )
    if unpacked > MAX_COMPRESSION_RATIO * packed_size:
        refuse(
            f"This Office file unpacks to {unpacked // max(packed_size, 1)} times its size; "
            f"real documents stay under {MAX_COMPRESSION_RATIO} times (it may be a zip bomb)."
        )


def image_pixels(uploaded):
    """How many pixels an uploaded image holds, read from its header alone (nothing decoded);
    0 for anything Pillow cannot open, which check_upload refuses or takes as a non-image."""
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(uploaded) as image:
                return image.width * image.height
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return 0
    finally:
        uploaded.seek(0)


def reencode_image(content, file_type):
    """(bytes, (width, height)): the image decoded and saved again by Pillow: no EXIF (GPS
    location included), no XMP or comments, the orientation applied to the pixels so that
    nothing is lost by it."""
    limit = settings.DOCUMENT_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it; refuse both alike.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.width * image.height > limit:
                    refuse(
                        f"This image has {image.width} by {image.height} pixels; at most "
                        f"{limit:,} pixels are accepted."
                    )
                image.load()
                icc_profile = image.info.get("icc_profile")
                upright = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own limit stops the header before ours can read its size.
        refuse(
            f"This image has more pixels than it is safe to open; at most {limit:,} pixels "
            "are accepted."
        )
    except (OSError, SyntaxError, ValueError, Warning):
        refuse(f"This {file_type.label} is damaged and could not be read.")
    # Pillow writes back what it read into `info` (a JPEG's comment segment among it); only
    # what the pixels need stays, the colour profile going through `options`.
    upright.info = {key: upright.info[key] for key in PIXEL_INFO if key in upright.info}
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if file_type is JPEG:
        upright = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright
        options |= {"quality": 90, "optimize": True}
    elif file_type is WEBP:
        options |= {"quality": 90}
    else:
        options |= {"optimize": True}
    output = io.BytesIO()
    upright.save(output, format=PILLOW_FORMATS[file_type], **options)
    return output.getvalue(), upright.size
