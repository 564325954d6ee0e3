from .addresses import absolute_url


def site(request):
    """`page_url`: this page's full address on the site's one configured address (for tags
    such as og:url that other sites keep), never the Host header a client sent."""
    return {"page_url": absolute_url(request, request.path)}
