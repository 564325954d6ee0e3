"""Addresses of the discovery pages and exports.

initiatives/urls.py puts them before its own patterns so that /rtcs/matrix/ and
/initiatives/feed/ are never read as an RTC or initiative slug (so no RTC may have the slug
"matrix" or "compare", and no initiative the slug "feed").
"""

from django.urls import path

from . import discovery, exports, feeds

urlpatterns = [
    path("rtcs/matrix/", discovery.MatrixView.as_view(), name="matrix"),
    path("rtcs/compare/", discovery.CompareView.as_view(), name="compare"),
    path("initiatives/export.csv", exports.InitiativeCSVView.as_view(), name="export-csv"),
    path("initiatives/export.json", exports.InitiativeJSONView.as_view(), name="export-json"),
    path("initiatives/feed/", feeds.NewInitiativesFeed(), name="feed"),
]
