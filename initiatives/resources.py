"""Spreadsheet columns for importing and exporting initiatives (django-import-export)."""

import hashlib

from django.utils.text import slugify
from import_export import fields

from core.resources import NamesWidget, NameWidget, SecretariatResource, text
from meetings.resources import MeetingWidget

from .models import RTC, Category, Initiative, Partner


class InitiativeResource(SecretariatResource):
    """One row per initiative. Imported initiatives start as drafts; a reviewer publishes them."""

    slug = fields.Field("slug", "slug")
    title = fields.Field("title", "title")
    rtc = fields.Field("rtc", "rtc", NameWidget(RTC, "RTC"))
    meeting = fields.Field("meeting", "meeting", MeetingWidget())
    summary = fields.Field("summary", "summary")
    description = fields.Field("description", "description")
    categories = fields.Field("categories", "categories", NamesWidget(Category, "category"))
    partners = fields.Field("partners", "partners", NamesWidget(Partner, "partner"))

    class Meta(SecretariatResource.Meta):
        model = Initiative
        fields = [
            "slug",
            "title",
            "rtc",
            "meeting",
            "summary",
            "description",
            "categories",
            "partners",
        ]
        import_id_fields = ["slug"]

    def existing_initiative(self, row, title):
        """The initiative this row names by RTC, meeting and title, when there is one."""
        try:
            meeting = self.fields["meeting"].widget.clean(row.get("meeting"))
        except ValueError:
            return None  # reported with the row's other errors
        return Initiative.objects.filter(
            rtc__name__iexact=text(row.get("rtc")), meeting=meeting, title=title
        ).first()

    def before_import(self, dataset, **kwargs):
        # The slug column is optional in the file (see before_import_row).
        if "slug" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="slug")
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        # The slug may be left empty: the row then updates the initiative with the same RTC,
        # meeting and title, or makes a new slug from the RTC and the title.
        if text(row.get("slug")):
            return
        title = text(row.get("title"))
        existing = self.existing_initiative(row, title)
        if existing:
            row["slug"] = existing.slug
            return
        slug = slugify(f"{text(row.get('rtc'))} {title}")[:180]
        if not slugify(title):
            # A title in Chinese, Korean or Thai has no Latin letters to build a slug from.
            slug = f"{slug}-{hashlib.sha1(title.encode()).hexdigest()[:10]}"
        row["slug"] = slug
