"""A meeting's participants and observers as CSV: /meetings/<slug>/participants.csv."""

from django.shortcuts import get_object_or_404
from django.views import View

from core.exports import csv_response
from sources.exports import CITATION_COLUMNS, citation_cells
from sources.models import published_citations

from .models import Meeting, Participation

# The citation columns are last: new columns are only ever added at the end.
PARTICIPANT_COLUMNS = (
    "body",
    "body_slug",
    "kind",
    "role",
    "note",
    "meeting",
    "meeting_slug",
    *CITATION_COLUMNS,
    "took_part",
)


class ParticipantsCSVView(View):
    def get(self, request, slug):
        meeting = get_object_or_404(Meeting.objects.published(), slug=slug)
        participations = (
            Participation.objects.published()
            .filter(meeting=meeting)
            .select_related("body")
            .prefetch_related(published_citations())
            .in_role_order()
        )
        rows = (
            (
                p.body.name,
                p.body.slug,
                p.body.get_kind_display(),
                p.get_role_display(),
                p.note,
                meeting.title,
                meeting.slug,
                *citation_cells(p),
                p.get_mode_display(),
            )
            for p in participations
        )
        return csv_response(f"{meeting.slug}-participants.csv", PARTICIPANT_COLUMNS, rows)
