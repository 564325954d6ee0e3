from django.urls import path

from . import discovery_urls, views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="list"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("administrations/", views.AdministrationListView.as_view(), name="administration-list"),
    path(
        "administrations/<slug:slug>/",
        views.AdministrationDetailView.as_view(),
        name="administration-detail",
    ),
]

# Pages across meetings come first: /administrations/attendance/ is not an administration.
urlpatterns = discovery_urls.urlpatterns + urlpatterns
