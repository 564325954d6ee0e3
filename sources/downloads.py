"""The sources as a whole file at /data/ (core.downloads), also what /sources/export.csv
answers without filters."""

from core.downloads import Download, register

from .exports import write_csv

register(
    Download(
        name="sources.csv",
        title="Sources (CSV)",
        content_type="text/csv; charset=utf-8",
        build=write_csv,
        description=(
            "Every published source the portal cites: publisher, kind, language, date, "
            "address and how many facts on the site it supports."
        ),
    )
)
