"""Sample files, made in memory: real PDFs, Office files and images, and bad ones."""

import functools
import io
import struct
import zipfile
import zlib

import docx
import openpyxl
import pptx
from PIL import Image


def pdf(*pages):
    """A valid PDF with one page per text (lines split on "\\n"), in Helvetica, that pypdf
    reads back."""
    streams = []
    for text in pages or ("",):
        # One text line per line of `text`, 14 points apart.
        lines = " ".join(f"({line}) Tj T*" for line in text.split("\n"))
        streams.append(f"BT /F1 11 Tf 14 TL 72 740 Td {lines} ET".encode("latin-1"))
    return pdf_drawing(streams)


def pdf_of_heavy_pages(pages, stream_bytes, shared=True):
    """A small PDF whose `pages` pages each draw `stream_bytes` of text instructions, Flate-
    compressed to a few kilobytes: all from one shared content stream (`shared`), or each
    from its own. The probe's attack was 20 pages sharing one 5 MB stream, in 19 KB."""
    line = b"BT /F1 11 Tf 72 740 Td (Customs modernisation report) Tj ET\n"
    drawing = line * (stream_bytes // len(line))
    return pdf_drawing([drawing] * pages, compress=True, shared=shared)


def pdf_drawing(streams, compress=False, shared=False):
    """A PDF of one page per content stream, in Helvetica; with `shared`, every page draws
    from the first stream, stored once."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for stream in streams:
        if shared and kids:
            content_number = 4
        else:
            data = zlib.compress(stream, 9) if compress else stream
            flate = b" /Filter /FlateDecode" if compress else b""
            objects.append(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), flate, data))
            content_number = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_number
        )
        kids.append(len(objects))
    refs = b" ".join(b"%d 0 R" % number for number in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    return pdf_file(objects)


def pdf_file(objects):
    """A PDF of these numbered objects (1 is the catalogue), with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def broken_pdf():
    """Starts like a PDF, then nothing a parser can read."""
    return b"%PDF-1.7\n" + b"\x00garbage that is not a PDF body\n" * 20


def pptx_file(*slides):
    presentation = pptx.Presentation()
    layout = presentation.slide_layouts[1]
    for title, body in slides:
        slide = presentation.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def docx_file(*paragraphs):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_file(**sheets):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def jpeg_with_location(size=(64, 48)):
    """A JPEG whose EXIF says where it was taken (GPS) and which camera took it."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (35.0, 41.0, 22.0)
    gps[3] = "E"
    gps[4] = (139.0, 41.0, 30.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def jpeg_with_comment(comment):
    """A JPEG carrying a comment segment (COM), which some cameras and editors write."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (30, 200, 30)).save(out, format="JPEG", comment=comment)
    return out.getvalue()


def png_declaring(width, height):
    """A PNG whose header declares `width` by `height` pixels and holds a single row: a few
    dozen bytes that a decoder without a pixel limit would try to fill in gigabytes."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * (1 + 3 * width)))
        + chunk(b"IEND", b"")
    )


REPEATED_ROW = b'<row><c t="inlineStr"><is><t>Customs lab</t></is></c></row>'


def xlsx_of_repeated_rows(rows, sheet="Initiatives", row=REPEATED_ROW, heading=("title", "rtc")):
    """A workbook whose sheet repeats one row `rows` times: the default row is 59 bytes of
    XML, which deflate packs about a thousand to one, so a small file unpacks to 59 bytes a
    row. Written as a stream: a sheet of hundreds of megabytes is never held whole."""
    template = xlsx_file(**{sheet: [list(heading)]})
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename != "xl/worksheets/sheet1.xml":
                target.writestr(entry.filename, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with target.open(entry.filename, "w", force_zip64=True) as part:
                part.write(head)
                block = row * 10_000
                for _ in range(rows // 10_000):
                    part.write(block)
                part.write(row * (rows % 10_000) + b"</sheetData>" + tail)
    return out.getvalue()


def png_file(size=(32, 32)):
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def windows_executable():
    """The start of a PE file: the MZ header and the PE signature where it points."""
    header = bytearray(b"MZ" + b"\x90\x00" * 29 + b"\x00" * 2)
    header += b"\x00" * (0x3C - len(header)) + (0x80).to_bytes(4, "little")
    header += b"\x00" * (0x80 - len(header)) + b"PE\x00\x00" + b"\x00" * 200
    return bytes(header)


def svg_with_script():
    return (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(document.cookie)</script></svg>"
    )


@functools.cache
def docx_bomb(unpacked=1024**3):
    """A DOCX-shaped archive of about 1 KB, one member of which inflates to `unpacked` bytes
    of zeros. bzip2 (a ZIP method since 2006) packs a gigabyte of one byte into a few
    hundred bytes; building it takes some seconds, hence the cache."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        chunk = b"\x00" * (16 * 1024 * 1024)
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as member:
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def macro_docx():
    original = docx_file("Looks harmless")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macros")
    return out.getvalue()
