"""Large downloads made by the task worker once per content generation and served as files.

An app registers each of its downloads in its own `downloads.py` module (found by
core.apps at start-up, in the web server and the task worker alike):

    from core.downloads import Download, register
    register(Download(name="initiatives.csv", title="Initiatives", content_type="text/csv",
                      build=write_initiatives_csv, description="Every published initiative."))

`build` writes the whole file to the binary file object it is given, reading only what the
public sees (`published()`). The task worker runs it (`build_download` below), stores the
file under its SHA-256 in the default storage with a brotli and a gzip copy when it is text,
and records it in a GeneratedFile row with the content generation (core.counts) read before
the first record was: any write to content since then changes the generation, so a file is
served only while it holds exactly what the pages show.

Invariants:
- A file is served only for the current generation. Otherwise the request asks for a build
  (one per generation, however many ask) and is answered 503 with Retry-After, saying when to
  come back: never an older file, which could still hold a record since withdrawn.
- Serving a file costs no query over the content: one read of the generation, one of the row.
  It goes out with a strong ETag (its checksum and coding) and Last-Modified (when it was
  made), so a client that has it gets a 304; and it takes one of the download slots
  (core.slots) while it is sent.
"""

import gzip
import hashlib
import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

import brotli
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django_tasks import task

from . import counts, slots
from .codings import content_coding
from .models import GeneratedFile

logger = logging.getLogger(__name__)

PREFIX = "downloads"
# The generation of a file a copy of which went missing: no content generation is spelt so.
LOST = "lost"
# The file name's ending of each stored compressed copy.
CODING_SUFFIXES = {"br": ".br", "gzip": ".gz"}
BROTLI_QUALITY = 9
CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Download:
    """A file anyone may download at /data/<name>, made by `build(binary_file)`."""

    name: str
    title: str
    content_type: str
    build: Callable[[BinaryIO], None]
    description: str = ""

    def get_absolute_url(self):
        return reverse("data-file", args=[self.name])

    @property
    def is_text(self):
        media_type = self.content_type.partition(";")[0].strip()
        return media_type.startswith("text/") or media_type.endswith(("json", "xml"))


REGISTRY = {}


def register(download, first=False):
    """Offer `download` at /data/ (and at /data/<name>); registering a name again replaces it.
    `first`: listed before the others (the whole record, which most people want)."""
    REGISTRY[download.name] = download
    if first:
        REGISTRY.update(
            {name: REGISTRY.pop(name) for name in list(REGISTRY) if name != download.name}
        )
    return download


def registered():
    """Every registered download, in the order of registration (one registered `first` before
    those registered until then)."""
    return list(REGISTRY.values())


def get(name):
    """The download registered as `name`; KeyError when there is none."""
    return REGISTRY[name]


def blob_name(sha256, name, coding="identity"):
    return f"{PREFIX}/{sha256}/{name}{CODING_SUFFIXES.get(coding, '')}"


@dataclass
class State:
    """What the public can have of a download now: its current file (None while it is being
    prepared), when the last one was made and how long to wait for the next."""

    download: Download
    file: GeneratedFile | None
    last: GeneratedFile | None
    retry_after: int = 0

    @property
    def ready(self):
        return self.file is not None


def state(download, generation=None):
    """The State of `download`, asking the task worker for a new file when it is not current."""
    if generation is None:
        generation = counts.current_generation()
    row = GeneratedFile.objects.filter(name=download.name).first()
    if row is None or not row.is_made_from(generation):
        row = request_build(download, generation)
    if row.is_made_from(generation):
        return State(download, row, row)
    return State(download, None, row if row.made_at else None, retry_after(row))


def lost(download, row):
    """Ask for `row`'s file again, a copy of it missing from the storage; the row as it is
    now. Only while the row still names that file: one replaced meanwhile is left alone."""
    GeneratedFile.objects.filter(pk=row.pk, sha256=row.sha256).update(
        generation=LOST, requested_at=None
    )
    return request_build(download, counts.current_generation())


def retry_after(row):
    """Seconds until the file being prepared is likely made: the last build's time from when
    this one was asked for, at least DOWNLOAD_RETRY_SECONDS."""
    expected = max(row.build_seconds * 1.2, settings.DOWNLOAD_RETRY_SECONDS)
    waited = (timezone.now() - row.requested_at).total_seconds() if row.requested_at else 0
    return max(settings.DOWNLOAD_RETRY_SECONDS, round(expected - waited))


def request_build(download, generation):
    """Ask the task worker to make `download` for `generation`, once however many ask; again
    if a request for it is older than DOWNLOAD_BUILD_STALE_SECONDS (a worker died on it)."""
    row, _ = GeneratedFile.objects.get_or_create(name=download.name)
    now = timezone.now()
    stale = now - timedelta(seconds=settings.DOWNLOAD_BUILD_STALE_SECONDS)
    asked = (
        GeneratedFile.objects.filter(pk=row.pk)
        .filter(
            ~Q(requested_generation=generation)
            | Q(requested_at__isnull=True)
            | Q(requested_at__lt=stale)
        )
        .update(requested_generation=generation, requested_at=now)
    )
    if asked:
        build_download.enqueue(download.name)
        row.refresh_from_db()
    return row


@task(queue_name="exports")
def build_download(name):
    """Make the registered download `name` for the current content generation."""
    make(get(name))


def make(download):
    """Build `download` for the current content generation and store it, unless the stored
    file is already of that generation. Runs in the task worker."""
    generation = counts.current_generation()
    row, _ = GeneratedFile.objects.get_or_create(name=download.name)
    if row.is_made_from(generation):
        return row
    began = time.monotonic()
    with tempfile.TemporaryFile() as raw:
        download.build(raw)
        size = raw.tell()
        raw.seek(0)
        sha256 = hashlib.file_digest(raw, "sha256").hexdigest()
        codings = list(CODING_SUFFIXES) if download.is_text else []
        if not stored(sha256, download.name, size, codings):
            raw.seek(0)
            save(blob_name(sha256, download.name), raw)
            for coding in codings:
                with tempfile.TemporaryFile() as packed:
                    raw.seek(0)
                    compress(raw, packed, coding)
                    packed.seek(0)
                    save(blob_name(sha256, download.name, coding), packed)
    old_sha256 = row.sha256
    # The same bytes as before keep their date: the file has held them since then, and
    # clients holding it keep getting a 304 for Last-Modified as for the ETag.
    made_at = row.made_at if sha256 == old_sha256 else timezone.now()
    GeneratedFile.objects.filter(pk=row.pk).update(
        generation=generation,
        size=size,
        sha256=sha256,
        codings=codings,
        made_at=made_at,
        build_seconds=time.monotonic() - began,
    )
    if old_sha256 and old_sha256 != sha256:
        delete_files(old_sha256, download.name)
    logger.info("Made %s: %s bytes in %.1f s", download.name, size, time.monotonic() - began)
    row.refresh_from_db()
    return row


def stored(sha256, name, size, codings):
    """Whether the same bytes are already stored whole, with every compressed copy (an edit
    that changed no public record of this download gives the same file)."""
    path = blob_name(sha256, name)
    return (
        default_storage.exists(path)
        and default_storage.size(path) == size
        and all(default_storage.exists(blob_name(sha256, name, coding)) for coding in codings)
    )


def save(path, content):
    if default_storage.exists(path):
        # A copy cut short by a crash mid-write: replace it.
        default_storage.delete(path)
    saved = default_storage.save(path, File(content))
    if saved != path:
        # Another worker made the same file at the same time; keep one copy.
        default_storage.delete(saved)


def compress(source, target, coding):
    if coding == "gzip":
        # mtime=0: the same file always compresses to the same bytes (its ETag says so).
        with gzip.GzipFile(fileobj=target, mode="wb", compresslevel=6, mtime=0) as packed:
            shutil.copyfileobj(source, packed, CHUNK_BYTES)
        return
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    while chunk := source.read(CHUNK_BYTES):
        target.write(compressor.process(chunk))
    target.write(compressor.finish())


def delete_files(sha256, name):
    for coding in ("identity", *CODING_SUFFIXES):
        path = blob_name(sha256, name, coding)
        if default_storage.exists(path):
            default_storage.delete(path)


def serve(request, download):
    """The current file of `download` for `request` (200, or 304 to a client that has it), or
    the 503 page saying it is being prepared and when to come back."""
    current = state(download)
    if not current.ready:
        return pending(request, current)
    row = current.file
    coding = content_coding(request)
    if coding not in row.codings:
        coding = "identity"
    etag = f'"{row.sha256[:32]}{"" if coding == "identity" else "-" + coding}"'
    headers = HttpResponse()
    headers["ETag"] = etag
    headers["Last-Modified"] = http_date(row.made_at.timestamp())
    cache_headers(headers, download)
    answer = get_conditional_response(
        request, etag=etag, last_modified=int(row.made_at.timestamp()), response=headers
    )
    if answer is not headers:
        return answer
    return slots.send(request, lambda: send_file(request, download, row, coding, headers))


def send_file(request, download, row, coding, headers):
    try:
        blob = default_storage.open(blob_name(row.sha256, download.name, coding), "rb")
    except FileNotFoundError:
        # Replaced by a newer file between reading the row and opening it, or lost from the
        # storage (a media folder restored without it): made again either way.
        asked = lost(download, row)
        return pending(request, State(download, None, asked, retry_after(asked)))
    response = FileResponse(blob, content_type=download.content_type, filename=download.name)
    response["Content-Length"] = default_storage.size(blob.name)
    if coding != "identity":
        response["Content-Encoding"] = coding
    # Vary only where there are compressed copies to choose from (text): a ZIP has none.
    for name in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
        if name in headers:
            response[name] = headers[name]
    return response


def cache_headers(response, download):
    # Public like the pages (rtcportal.http), so a CDN may keep it as long as it keeps a page.
    patch_cache_control(
        response, public=True, max_age=settings.HTTP_MAX_AGE, s_maxage=settings.HTTP_S_MAXAGE
    )
    if download.is_text:
        patch_vary_headers(response, ("Accept-Encoding",))


def pending(request, current):
    """503 with Retry-After: the file is being made."""
    return slots.come_back_later(
        request, "core/download_pending.html", {"state": current}, current.retry_after
    )
