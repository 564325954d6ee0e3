"""A meeting described for search engines: a schema.org Event as JSON-LD."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.addresses import absolute_url

from .models import Meeting, Participation

ATTENDANCE_MODES = {
    Meeting.Format.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    Meeting.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Meeting.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
# json.dumps leaves these as they are; inside <script> they could end it or open a comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def meeting_schema(meeting, request):
    """The meeting as a schema.org Event. Uses the participations with_related() prefetched
    (the published ones only)."""
    url = absolute_url(request, meeting.get_absolute_url())
    if meeting.format == Meeting.Format.VIRTUAL:
        location = {"@type": "VirtualLocation", "url": url}
    else:
        location = {"@type": "Place", "name": meeting.location or meeting.title}
    organisers = [
        {"@type": "Organization", "name": participation.body.full_name or participation.body.name}
        for participation in meeting.participations.all()
        if participation.role == Participation.Role.ORGANISER
    ]
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "startDate": meeting.start_date.isoformat(),
        "endDate": meeting.end_date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[meeting.format],
        "location": location,
        "url": url,
    }
    if meeting.summary:
        event["description"] = meeting.summary
    if organisers:
        event["organizer"] = organisers[0] if len(organisers) == 1 else organisers
    return event


def json_ld(data):
    """A <script type="application/ld+json"> block: data, not code, so a strict CSP allows it."""
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    # Safe: json.dumps quotes every string, and the escapes above keep "</script>" and
    # "<!--" out; HTML-escaping instead would corrupt the JSON.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
