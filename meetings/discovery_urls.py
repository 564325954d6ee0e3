"""Addresses across meetings, and a meeting's downloads. meetings/urls.py puts them before its
own patterns, so /administrations/attendance/ is never read as an administration's slug (no
body may therefore have the slug "attendance"). Discussion points live under their own prefix,
/discussion-points/<kind>/, so no meeting slug can be shadowed."""

from django.urls import path

from . import calendar, discovery, exports

urlpatterns = [
    path("administrations/attendance/", discovery.AttendanceView.as_view(), name="attendance"),
    path(
        "discussion-points/<slug:kind>/",
        discovery.DiscussionKindView.as_view(),
        name="discussion-kind",
    ),
    path("meetings/calendar.ics", calendar.AllMeetingsCalendarView.as_view(), name="calendar"),
    path(
        "meetings/<slug:slug>/calendar.ics",
        calendar.MeetingCalendarView.as_view(),
        name="meeting-calendar",
    ),
    path(
        "meetings/<slug:slug>/participants.csv",
        exports.ParticipantsCSVView.as_view(),
        name="participants-csv",
    ),
]
