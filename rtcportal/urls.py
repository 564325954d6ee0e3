from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from core.views import download_file

from . import sitemaps
from .cache import page_cache_exempt
from .health import healthz
from .middleware import glossary_exempt
from .views import (
    AccessibilityView,
    ApiAndDataView,
    GlossaryView,
    HomeView,
    RobotsView,
    SiteSearchView,
)

admin.site.site_header = "RTC Portal — secretariat"
admin.site.site_title = "RTC Portal admin"
admin.site.index_title = "Meetings, RTCs and initiatives"

handler500 = "rtcportal.errors.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("meetings.urls")),
    path("", include("initiatives.urls")),
    path("", include("documents.urls")),
    path("", include("sources.urls")),
    path("preview/", include("rtcportal.preview")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("search/", SiteSearchView.as_view(), name="search"),
    # The read API, versioned: a breaking change is /api/v2/, never a changed v1 (api/urls.py).
    path("api/v1/", include("api.urls")),
    # An index of one sitemap per kind of page, each in pages of PublishedSitemap.limit.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    # Reading aids; the glossary page marks no terms: it is where the marks lead.
    path("glossary/", glossary_exempt(GlossaryView.as_view()), name="glossary"),
    path("accessibility/", AccessibilityView.as_view(), name="accessibility"),
    # Whole exports as files (core.downloads), and how to use the API. The page tells whether
    # each file is made yet, which changes without any write to content: never from the page
    # cache.
    path("data/", page_cache_exempt(ApiAndDataView.as_view()), name="data"),
    path("data/<str:name>", download_file, name="data-file"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("healthz", healthz, name="healthz"),
]
