from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import sitemaps
from .health import healthz
from .middleware import glossary_exempt
from .views import AccessibilityView, GlossaryView, HomeView, RobotsView, SiteSearchView

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
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("healthz", healthz, name="healthz"),
]
