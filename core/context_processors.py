from django.conf import settings

from .addresses import absolute_url


def site(request):
    """`page_url`: this page's full address on the site's one configured address (for tags
    such as og:url that other sites keep), never the Host header a client sent.

    Worked out only where a template uses it: the 400 page for a bad Host header must render
    without asking for the host again."""
    return {
        "page_url": lambda: absolute_url(request, request.path),
        # The footer's way to reach the secretariat (DJANGO_CONTACT_EMAIL).
        "contact_email": settings.CONTACT_EMAIL,
    }
