"""The initiatives as whole files at /data/ (core.downloads), also what /initiatives/export.csv
and export.json answer without filters."""

from core.downloads import Download, register

from .exports import CSV_CONTENT_TYPE, JSON_CONTENT_TYPE, write_csv, write_json

register(
    Download(
        name="initiatives.csv",
        title="Initiatives (CSV)",
        content_type=CSV_CONTENT_TYPE,
        build=write_csv,
        description=(
            "Every published initiative with its RTC, meeting, kinds of delivery, partners "
            "and sources; one row each, for a spreadsheet."
        ),
    )
)
register(
    Download(
        name="initiatives.json",
        title="Initiatives (JSON)",
        content_type=JSON_CONTENT_TYPE,
        build=write_json,
        description="The same initiatives and columns as JSON, lists kept as lists.",
    )
)
