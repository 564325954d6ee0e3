"""The whole public record as one versioned ZIP at /data/ (core.downloads, api.archive): here,
above every content app, because it holds each kind of record the API lists and every CSV."""

from core.downloads import Download, register

from .archive import CONTENT_TYPE, NAME, write_archive

register(
    Download(
        name=NAME,
        title="The whole record (ZIP)",
        content_type=CONTENT_TYPE,
        build=write_archive,
        description=(
            "Every published record in one file: a JSON file per kind of record in the same "
            "shapes as the API (/api/v1/), the CSVs below, and a README.md of every file's "
            "fields and the licence."
        ),
    ),
    first=True,
)
