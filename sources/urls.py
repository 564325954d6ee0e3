"""Addresses of the sources pages. /sources/disagreements/ and /sources/feed/ come before the
slugs, so no source may have the slug "disagreements" or "feed"."""

from django.urls import path

from . import feeds, views

app_name = "sources"

urlpatterns = [
    path("sources/", views.SourceListView.as_view(), name="list"),
    path("sources/export.csv", views.SourceCSVView.as_view(), name="export-csv"),
    path("sources/feed/", feeds.NewSourcesFeed(), name="feed"),
    path("sources/disagreements/", views.DisagreementListView.as_view(), name="disagreement-list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="detail"),
]
