"""Meetings as iCalendar (RFC 5545): /meetings/calendar.ics and /meetings/<slug>/calendar.ics.

Written with the `icalendar` library, which does the escaping and line folding. Meetings are
all-day events: DTEND is the day after the last day, as the RFC defines it for dates.
"""

import datetime

import icalendar
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

from core.addresses import absolute_url, site_host

from .models import Meeting

PRODUCT_ID = "-//WCO Asia/Pacific RTC Portal//Meetings//EN"


def meeting_vevent(meeting, request):
    """The meeting as an iCalendar VEVENT."""
    event = icalendar.Event()
    # Stable across downloads and host names, so calendar apps update the event rather than
    # duplicate it.
    event.add("uid", f"meeting-{meeting.number}@{site_host(request)}")
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", meeting.start_date)
    event.add("dtend", meeting.end_date + datetime.timedelta(days=1))
    event.add("summary", meeting.title)
    if meeting.summary:
        event.add("description", meeting.summary)
    event.add("location", meeting.location or meeting.get_format_display())
    event.add("url", absolute_url(request, meeting.get_absolute_url()))
    return event


def calendar_response(meetings, request, filename, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(meeting_vevent(meeting, request))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class MeetingCalendarView(View):
    def get(self, request, slug):
        meeting = get_object_or_404(Meeting.objects.published(), slug=slug)
        return calendar_response([meeting], request, f"{meeting.slug}.ics", meeting.title)


# The whole-series calendar holds at most CALENDAR_MAX_EVENTS meetings: by default the latest
# (what a calendar app wants: what is coming and what just happened), with `?since=YEAR` the
# earliest from that year on, so that every part of the series can still be downloaded.
CALENDAR_MAX_EVENTS = 100


class AllMeetingsCalendarView(View):
    def get(self, request):
        meetings = Meeting.objects.published().defer("report")
        raw = request.GET.get("since", "")
        if raw:
            if not (raw.isascii() and raw.isdigit() and 1900 <= int(raw) <= 9999):
                raise BadRequest(f"“{raw[:20]}” is not a year: give one like ?since=2015.")
            meetings = meetings.filter(end_date__gte=datetime.date(int(raw), 1, 1))
            meetings = meetings.order_by("start_date", "number")[:CALENDAR_MAX_EVENTS]
        else:
            latest = meetings.order_by("-start_date", "-number")[:CALENDAR_MAX_EVENTS]
            meetings = sorted(latest, key=lambda meeting: (meeting.start_date, meeting.number))
        return calendar_response(meetings, request, "rtc-heads-meetings.ics", "RTC Heads Meetings")
