"""/api/v1/: the resources (a DRF router, whose root lists them), the OpenAPI schema and its
documentation page. Version 1 only ever grows: a breaking change is /api/v2/."""

from django.http import JsonResponse
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from .docs import DocsView
from .views import VIEWSETS

app_name = "api"

router = DefaultRouter()
for kind, viewset in VIEWSETS.items():
    router.register(kind, viewset, basename=kind)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    # Any other address under /api/v1/ ending in a slash: a 404 a program can read. (Without
    # the slash, Django first redirects to the address with one.)
    re_path(r"^.*/$", lambda request: JsonResponse({"detail": "Not found."}, status=404)),
]
