"""Addresses of the sources pages. /sources/disagreements/ comes before the slugs, so no source
may have the slug "disagreements"."""

from django.urls import path

from . import views

app_name = "sources"

urlpatterns = [
    path("sources/", views.SourceListView.as_view(), name="list"),
    path("sources/disagreements/", views.DisagreementListView.as_view(), name="disagreement-list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="detail"),
]
