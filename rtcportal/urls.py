from django.contrib import admin
from django.urls import include, path

from .health import healthz
from .views import HomeView

admin.site.site_header = "RTC Portal — secretariat"
admin.site.site_title = "RTC Portal admin"
admin.site.index_title = "Meetings, RTCs and initiatives"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("meetings.urls")),
    path("", include("initiatives.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
