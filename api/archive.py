"""The whole public record as one ZIP, made by the task worker (api/downloads.py registers it
with core.downloads, which serves it at /data/ with its date, size and checksum).

What it holds, and why each part is as it is:
- `<kind>.json` for each kind of record the API lists (api.records.RECORD_KINDS): a JSON list
  of every published record, each exactly as the API's list gives it (the same queryset, so
  the same records in the same order, and the same serializer), so that a program written
  for /api/v1/ reads the file unchanged;
- every CSV that /data/ offers, made by that download's own builder (one CSV writer each);
- `README.md`: what each file holds and its fields, the field list read from the serializers
  themselves (it cannot drift from the files), and the licence the secretariat sets
  (settings.DATA_LICENCE);
- `manifest.json`: the schema version, when the public record last changed, a content version,
  and each file's records, size and SHA-256, for programs.

Invariants:
- The same public record always gives the same bytes: every entry is dated by the record's
  last change, never by the time of the build, and nothing else in it depends on when or
  where it was made. An edit that changes no public record (a draft) keeps the file and its
  ETag, as core.downloads expects of every download.
- SCHEMA_VERSION is the API's version: a file name and shapes that change in a way a
  program would notice make "v2" beside it, never a changed v1.
"""

import csv
import hashlib
import itertools
import json
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils import dateformat
from drf_spectacular.drainage import get_override
from rest_framework import serializers
from rest_framework.relations import (
    HyperlinkedIdentityField,
    HyperlinkedRelatedField,
    ManyRelatedField,
    PrimaryKeyRelatedField,
    SlugRelatedField,
)
from rest_framework.utils.encoders import JSONEncoder

from core import downloads
from core.addresses import absolute_url
from core.exports import in_chunks
from core.models import latest_published_change

from .records import RECORD_KINDS

SCHEMA_VERSION = "v1"
NAME = f"rtc-portal-record-{SCHEMA_VERSION}.zip"
CONTENT_TYPE = "application/zip"
# The date ZIP entries carry when the record is empty (the earliest a ZIP can hold).
EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass
class Entry:
    """One file of the archive as written: for the README and the manifest."""

    name: str
    description: str
    records: int | None = None
    size: int = 0
    sha256: str = ""
    api: str = ""
    fields: list = field(default_factory=list)


class Member:
    """A file object over one ZIP entry that keeps its size, SHA-256 and first line (a CSV's
    header), so a builder writes straight into the archive and the manifest still knows it."""

    def __init__(self, stream):
        self.stream = stream
        self.digest = hashlib.sha256()
        self.size = 0
        self.head = b""

    def write(self, data):
        if len(self.head) < 4096:
            self.head += data[: 4096 - len(self.head)]
        self.digest.update(data)
        self.size += len(data)
        return self.stream.write(data)


def write_archive(file):
    """The whole public record as a ZIP, written to the binary `file` (a core.downloads build)."""
    changed = latest_published_change()
    entries = []
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        context = serializer_context()
        for kind, (published, serializer_class) in RECORD_KINDS.items():
            entry = Entry(
                name=f"{kind}.json",
                description=f"Every published record of {kind}, as {list_path(kind)} lists them.",
                api=list_path(kind),
                fields=list(field_list(serializer_class())),
            )
            with open_entry(archive, entry.name, changed) as member:
                entry.records = write_records(member, published(), serializer_class, context)
            entries.append(finished(entry, member))
        for download in downloads.registered():
            if download.content_type.startswith("text/csv"):
                entry = Entry(name=download.name, description=download.description)
                with open_entry(archive, entry.name, changed) as member:
                    download.build(member)
                entry.fields = [(column, "") for column in csv_header(member.head)]
                entries.append(finished(entry, member))
        version = content_version(entries)
        manifest = manifest_of(entries, changed, version)
        write_whole(archive, "README.md", readme(entries, changed, version).encode(), changed)
        write_whole(archive, "manifest.json", json_bytes(manifest), changed)


@contextmanager
def open_entry(archive, name, changed):
    """A Member writing the entry `name`, dated by the record's last change."""
    info = zipfile.ZipInfo(name, date_time=entry_date(changed))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with archive.open(info, "w") as stream:
        yield Member(stream)


def write_whole(archive, name, data, changed):
    with open_entry(archive, name, changed) as member:
        member.write(data)


def finished(entry, member):
    entry.size = member.size
    entry.sha256 = member.digest.hexdigest()
    return entry


def write_records(member, queryset, serializer_class, context):
    """Each record as the API gives it, one a line in a JSON list. Read a chunk at a time
    (core.exports.in_chunks keeps the queryset's order) and serialized a chunk at once, as the
    API serializes a page (a list serializer may fetch for the whole list in one query).
    Returns how many were written (a record unpublished meanwhile is left out)."""
    _, records = in_chunks(queryset)
    written = 0
    member.write(b"[")
    while chunk := list(itertools.islice(records, settings.EXPORT_CHUNK_ROWS)):
        for data in serializer_class(chunk, many=True, context=context).data:
            member.write((b",\n" if written else b"\n") + json_bytes(data, indent=None))
            written += 1
    member.write(b"\n]\n")
    return written


def json_bytes(data, indent=2):
    # The encoder the API's renderer uses: dates, decimals and lazy text come out the same.
    return json.dumps(data, cls=JSONEncoder, ensure_ascii=False, indent=indent).encode()


def serializer_context():
    """What the serializers get in the task worker: no visitor's request, so every address
    in the file starts with the site's one address, settings.SITE_URL (core.addresses), as
    the API's do there; relative where none is configured."""
    return {"request": None}


def list_path(kind):
    return reverse(f"api:{kind}-list")


def entry_date(changed):
    if changed is None:
        return EPOCH
    return changed.astimezone(UTC).timetuple()[:6]


def content_version(entries):
    """A digest of every data file: it changes exactly when one of them does."""
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(f"{entry.name}\n{entry.sha256}\n".encode())
    return digest.hexdigest()[:16]


def csv_header(head):
    line = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
    return next(csv.reader(line), [])


def manifest_of(entries, changed, version):
    return {
        "schema_version": SCHEMA_VERSION,
        "content_version": version,
        "record_changed": changed.astimezone(UTC).isoformat() if changed else None,
        "api": absolute_url(None, reverse("api:api-root")),
        "licence": settings.DATA_LICENCE,
        "files": [
            {
                "name": entry.name,
                "records": entry.records,
                "bytes": entry.size,
                "sha256": entry.sha256,
                **({"api": absolute_url(None, entry.api)} if entry.api else {}),
            }
            for entry in entries
        ],
    }


def readme(entries, changed, version):
    """README.md: the version, the licence, then each file with its fields."""
    when = dateformat.format(changed.astimezone(UTC), "j F Y, H:i \\U\\T\\C") if changed else "—"
    lines = [
        "# RTC Portal: the whole public record",
        "",
        "Every published record of the RTC Portal (WCO Asia/Pacific RTC Heads Meetings), "
        "as one download.",
        "",
        f"- Schema version: {SCHEMA_VERSION} (the shapes of /api/v1/)",
        f"- The record as it stood after its last change: {when}",
        f"- Content version: {version} (changes whenever a file's content does)",
        f"- Where it comes from: {absolute_url(None, reverse('data'))}",
        "",
        "## Licence",
        "",
        settings.DATA_LICENCE,
        "",
        "## Files",
        "",
        "| file | records | bytes | SHA-256 |",
        "| --- | --- | --- | --- |",
        *(
            f"| {entry.name} | {'' if entry.records is None else entry.records} "
            f"| {entry.size} | {entry.sha256} |"
            for entry in entries
        ),
        "| manifest.json | | | |",
        "",
        "manifest.json holds the same list for programs, with the versions above.",
        "Each JSON file is a list of records, in the order the API lists them. Every record "
        "has `id`, its stable id (a slug may change, the id never does); `url`, the address "
        "of its page; `citations`, the sources cited for it (ids in sources.json) and the "
        "fact each supports; `confirmed`, false where only aggregators' accounts support it; "
        "and `updated_at`, when it last changed. A field that names another record holds "
        "that record's id, and says in which file it is.",
        "",
    ]
    for entry in entries:
        lines += [f"## {entry.name}", "", entry.description, ""]
        if entry.api:
            lines += [f"The API's list: {absolute_url(None, entry.api)}", ""]
        heading = "Fields" if entry.name.endswith(".json") else "Columns"
        lines += [f"{heading}:", ""]
        lines += [f"- `{name}`{': ' + text if text else ''}" for name, text in entry.fields]
        lines.append("")
    return "\n".join(lines)


def field_list(serializer, prefix=""):
    """(dotted name, what it is) for each field of `serializer`, nested ones as
    `participations[].role` (a list of objects) or `rtc.name` (one object)."""
    for name, declared in serializer.fields.items():
        item = documented(declared)
        path = f"{prefix}{name}"
        yield path, describe(declared, item, points_to(serializer, declared))
        if isinstance(item, serializers.ListSerializer):
            yield from field_list(item.child, f"{path}[].")
        elif isinstance(item, serializers.Serializer):
            yield from field_list(item, f"{path}.")


def documented(item):
    """The field the API's schema documents for `item`: the one its class (or method) names
    with drf-spectacular's extend_schema_field, else `item` itself."""
    target = type(item)
    if isinstance(item, serializers.SerializerMethodField):
        target = getattr(item.parent, item.method_name, None)
    override = get_override(target, "field") if target is not None else None
    if isinstance(override, type) and issubclass(override, serializers.Field):
        override = override()
    return override if isinstance(override, serializers.Field) else item


def points_to(serializer, declared):
    """The file whose records an id field names ("administrations.json"), or ""."""
    relation = declared.child_relation if isinstance(declared, ManyRelatedField) else declared
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    if not isinstance(relation, PrimaryKeyRelatedField) or model is None:
        return ""
    try:
        related = model._meta.get_field(declared.source).related_model
    except FieldDoesNotExist:
        return ""
    files = {
        serializer_class.Meta.model: f"{kind}.json"
        for kind, (_, serializer_class) in RECORD_KINDS.items()
    }
    return files.get(related, "")


def describe(declared, item, target=""):
    """`item`'s type in words (with the file an id points into), then its meaning: the help
    text the model gives the field, or the docstring of the portal's own field or serializer
    class."""
    kind = kind_of(item)
    if target:
        kind += f" in {target}"
    if getattr(declared, "allow_null", False):
        kind += ", or null"
    meaning = str(declared.help_text or "").strip() or own_docstring(declared)
    return f"{kind}. {meaning}" if meaning else kind


def own_docstring(item):
    owner = item.child if isinstance(item, serializers.ListSerializer) else item
    if type(owner).__module__.startswith("rest_framework"):
        return ""
    return " ".join((type(owner).__doc__ or "").split())


def kind_of(item):
    """A field's type in words a reader of the README knows."""
    if isinstance(item, serializers.ListSerializer):
        return "list of objects"
    if isinstance(item, serializers.Serializer):
        return "object"
    if isinstance(item, ManyRelatedField):
        return f"list of {kind_of(item.child_relation)}s"
    if isinstance(item, serializers.ListField):
        return f"list of {kind_of(item.child)}s"
    if isinstance(item, HyperlinkedIdentityField | HyperlinkedRelatedField):
        return "address"
    if isinstance(item, SlugRelatedField):
        return "slug"
    if isinstance(item, PrimaryKeyRelatedField):
        return "id"
    if isinstance(item, serializers.ChoiceField):
        return "one of " + ", ".join(f'"{choice}"' for choice in item.choices)
    for drf_type, words in TYPE_WORDS:
        if isinstance(item, drf_type):
            return words
    return "value"


# Order matters: subclasses before the classes they extend.
TYPE_WORDS = (
    (serializers.BooleanField, "true or false"),
    (serializers.IntegerField, "integer"),
    (serializers.FloatField | serializers.DecimalField, "number"),
    (serializers.DateTimeField, "date and time (ISO 8601)"),
    (serializers.DateField, "date (YYYY-MM-DD)"),
    (serializers.URLField, "address"),
    (serializers.SlugField, "slug"),
    (serializers.CharField, "text"),
    (serializers.DictField | serializers.JSONField, "object"),
)
