"""Addresses of the RTC and initiative pages. Fixed addresses come before slugs: /rtcs/matrix/
and /initiatives/feed/ are never read as a slug (so no RTC may have the slug "matrix" or
"compare", and no initiative the slug "feed")."""

from django.urls import path

from . import exports, feeds, views

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", views.InitiativeListView.as_view(), name="list"),
    path("initiatives/export.csv", exports.InitiativeCSVView.as_view(), name="export-csv"),
    path("initiatives/export.json", exports.InitiativeJSONView.as_view(), name="export-json"),
    path("initiatives/feed/", feeds.NewInitiativesFeed(), name="feed"),
    path("initiatives/<slug:slug>/", views.InitiativeDetailView.as_view(), name="detail"),
    path("rtcs/", views.RTCListView.as_view(), name="rtc-list"),
    path("rtcs/matrix/", views.MatrixView.as_view(), name="matrix"),
    path("rtcs/compare/", views.CompareView.as_view(), name="compare"),
    path("rtcs/<slug:slug>/", views.RTCDetailView.as_view(), name="rtc-detail"),
]
