from django.urls import path

from . import discovery_urls, views

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", views.InitiativeListView.as_view(), name="list"),
    path("initiatives/<slug:slug>/", views.InitiativeDetailView.as_view(), name="detail"),
    path("rtcs/", views.RTCListView.as_view(), name="rtc-list"),
    path("rtcs/<slug:slug>/", views.RTCDetailView.as_view(), name="rtc-detail"),
]

# Discovery pages and exports come first: /rtcs/matrix/ must not be read as an RTC's slug.
urlpatterns = discovery_urls.urlpatterns + urlpatterns
