"""Three of the attacks the limits stop (docs/operations.md, "Limits"), to measure them again.

    .venv/bin/python bench/probes.py heavy-pdf 20 5           # 20 pages sharing a 5 MB stream
    .venv/bin/python bench/probes.py heavy-pdf 20 5 --distinct  # each page its own 5 MB
    .venv/bin/python bench/probes.py big-post http://127.0.0.1:8000 300
    .venv/bin/python bench/probes.py xlsx-bomb 2000000 3      # 2,000,000 rows in a 3 MB file

heavy-pdf builds the PDF (tests.support.files.pdf_of_heavy_pages) and times text extraction
on it, as the task worker runs it. big-post signs nobody in: it fetches the sign-in page's
CSRF cookie and token, then sends a multipart POST of that many megabytes to /admin/login/ of
a running server (gunicorn, behind no proxy) and reports the answer, how long it took and how
much of the body had gone out by then. xlsx-bomb writes an initiatives workbook of that many
identical rows of 345 bytes of XML (2,000,000 unpack to 690 MB, as in the production probe),
padded to that many megabytes with a stored thumbnail of random bytes, and times the check
both spreadsheet imports run on an upload before anything parses it (core.admin.
within_import_limit, the ordinary import's, and with the whole meeting's 2,000 rows a sheet).
"""

import argparse
import os
import re
import socket
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

MB = 1024 * 1024


def heavy_pdf(pages, megabytes, distinct):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from documents.extraction import extract
    from documents.filetypes import PDF
    from tests.support import files

    data = files.pdf_of_heavy_pages(pages, int(megabytes * MB), shared=not distinct)
    print(f"{pages} pages, {megabytes:g} MB of drawing each, {len(data) / 1024:.0f} KB file")
    started = time.perf_counter()
    extracted = extract(PDF, data)
    elapsed = time.perf_counter() - started
    characters = sum(len(text) for _, text in extracted.parts)
    print(f"{len(extracted.parts)} pages read, {characters:,} characters kept, {elapsed:.1f} s")
    print(f"note: {extracted.note or '(none)'}")


def xlsx_bomb(rows, megabytes):
    import io
    import zipfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.admin import within_import_limit
    from meetings.spreadsheet.sheets import MAX_ROWS_PER_SHEET
    from tests.support import files

    cells = [
        "Customs training platform for the region's staff",
        "Japan RTC",
        "An online course on valuation, origin and classification for officers, "
        "with a simulated border post.",
    ]
    row = (
        "<row>"
        + "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in cells)
        + '<c><v>19</v></c><c t="inlineStr"><is><t>VR simulation</t></is></c></row>'
    ).encode()
    started = time.perf_counter()
    content = files.xlsx_of_repeated_rows(
        rows, row=row, heading=("title", "rtc", "summary", "meeting", "categories")
    )
    packed = io.BytesIO(content)
    with zipfile.ZipFile(packed, "a") as archive:
        padding = max(0, int(megabytes * MB) - len(content))
        archive.writestr(
            zipfile.ZipInfo("docProps/thumbnail.jpeg"), os.urandom(padding), zipfile.ZIP_STORED
        )
    content = packed.getvalue()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(entry.file_size for entry in archive.infolist())
    print(
        f"{rows:,} rows of {len(row)} bytes: a {len(content) / 1e6:.1f} MB file unpacking to "
        f"{unpacked / 1e6:,.0f} MB ({unpacked / MB:,.1f} MiB; made in "
        f"{time.perf_counter() - started:.1f} s)"
    )
    for label, max_rows in [("ordinary import", None), ("whole meeting", MAX_ROWS_PER_SHEET)]:
        upload = SimpleUploadedFile("initiatives.xlsx", content)
        started = time.perf_counter()
        try:
            within_import_limit(upload, max_rows=max_rows)
            outcome = "ACCEPTED"
        except ValidationError as error:
            outcome = f"refused: {error.messages[0]}"
        print(f"{label}: {outcome} ({time.perf_counter() - started:.3f} s)")


def big_post(base_url, megabytes):
    address = urlsplit(base_url)
    headers = {"X-Forwarded-Proto": "https", "Host": address.hostname}
    with urllib.request.urlopen(
        urllib.request.Request(f"{base_url}/admin/login/", headers=headers)
    ) as page:
        cookie = page.headers["Set-Cookie"].split(";")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())[1]
    size = megabytes * MB
    head = (
        f'--x\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
        '--x\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n'
    ).encode()
    tail = b"\r\n--x--\r\n"
    connection = socket.create_connection((address.hostname, address.port or 80))
    connection.sendall(
        (
            f"POST /admin/login/ HTTP/1.1\r\nHost: {address.hostname}\r\n"
            f"X-Forwarded-Proto: https\r\nOrigin: https://{address.hostname}\r\n"
            f"Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {size}\r\n\r\n"
        ).encode()
        + head
    )
    answer = []
    answered = threading.Event()

    def read():
        answer.append(connection.recv(4096))
        answered.set()

    threading.Thread(target=read, daemon=True).start()
    started = time.monotonic()
    sent = len(head)
    chunk = b"\0" * MB
    try:
        while sent < size - len(tail) and not answered.is_set():
            part = chunk[: size - len(tail) - sent]
            connection.sendall(part)
            sent += len(part)
        if not answered.is_set():
            connection.sendall(tail)
            sent += len(tail)
    except OSError as error:
        print(f"the server stopped reading: {error}")
    answered.wait(120)
    elapsed = time.monotonic() - started
    status = answer[0].split(b"\r\n", 1)[0].decode() if answer and answer[0] else "no answer"
    print(f"{status} after {elapsed:.2f} s, {sent / MB:.1f} MB of {megabytes} sent by then")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    kinds = parser.add_subparsers(dest="kind", required=True)
    pdf = kinds.add_parser("heavy-pdf")
    pdf.add_argument("pages", type=int)
    pdf.add_argument("megabytes", type=float)
    pdf.add_argument("--distinct", action="store_true")
    post = kinds.add_parser("big-post")
    post.add_argument("base_url")
    post.add_argument("megabytes", type=int)
    bomb = kinds.add_parser("xlsx-bomb")
    bomb.add_argument("rows", type=int)
    bomb.add_argument("megabytes", type=float)
    options = parser.parse_args()
    if options.kind == "heavy-pdf":
        heavy_pdf(options.pages, options.megabytes, options.distinct)
    elif options.kind == "xlsx-bomb":
        xlsx_bomb(options.rows, options.megabytes)
    else:
        big_post(options.base_url.rstrip("/"), options.megabytes)


if __name__ == "__main__":
    main()
