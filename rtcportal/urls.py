from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from .health import healthz
from .search import SiteSearchView
from .sitemaps import SITEMAPS
from .views import HomeView

admin.site.site_header = "RTC Portal — secretariat"
admin.site.site_title = "RTC Portal admin"
admin.site.index_title = "Meetings, RTCs and initiatives"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("meetings.urls")),
    path("", include("initiatives.urls")),
    path("preview/", include("rtcportal.preview")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("search/", SiteSearchView.as_view(), name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz", healthz, name="healthz"),
]
