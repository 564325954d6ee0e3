from django.http import HttpResponse
from django.urls import path

from rtcportal.urls import urlpatterns as portal


def ceiling(request):
    """A trivial view: what a page costs when the view itself costs nothing."""
    return HttpResponse(b"ok\n", content_type="text/plain")


urlpatterns = [path("bench/ceiling/", ceiling), *portal]
