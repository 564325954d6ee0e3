"""The API's documentation page: Swagger UI from drf-spectacular-sidecar's static files, set
going by a script of our own (static/js/api-docs.js) rather than drf-spectacular's inline one,
so that the page keeps the site's Content Security Policy (nothing inline) and asks nothing
of any other site."""

from drf_spectacular.views import SpectacularSwaggerView


class DocsView(SpectacularSwaggerView):
    template_name = "api/docs.html"
