"""Addresses of the meeting pages. Fixed addresses come before slugs: /administrations/attendance/
is never read as an administration's slug (so no body may have the slug "attendance"), and
/meetings/calendar.ics never as a meeting's. Discussion points live under their own prefix,
/discussion-points/<kind>/, so no meeting slug can be shadowed."""

from django.urls import path

from . import calendar, exports, people, topics, views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="list"),
    path("meetings/calendar.ics", calendar.AllMeetingsCalendarView.as_view(), name="calendar"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
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
    path("administrations/", views.AdministrationListView.as_view(), name="administration-list"),
    path("administrations/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path(
        "administrations/<slug:slug>/",
        views.AdministrationDetailView.as_view(),
        name="administration-detail",
    ),
    path(
        "discussion-points/<slug:kind>/",
        views.DiscussionKindView.as_view(),
        name="discussion-kind",
    ),
    # Topics that run through the series (meetings/topics.py).
    path("topics/", topics.TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", topics.TopicDetailView.as_view(), name="topic-detail"),
    # Everyone who chaired, spoke or presented (meetings/people.py).
    path("people/", people.PersonListView.as_view(), name="person-list"),
    path("people/<slug:slug>/", people.PersonDetailView.as_view(), name="person-detail"),
]
