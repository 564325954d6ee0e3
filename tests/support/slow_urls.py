"""The portal's addresses plus /slow/?seconds=N, which answers after N seconds
(DJANGO_SETTINGS_MODULE=tests.support.slow_site)."""

import time

from django.http import HttpResponse
from django.urls import include, path


def slow(request):
    time.sleep(float(request.GET.get("seconds", "10")))
    return HttpResponse("done", content_type="text/plain")


urlpatterns = [path("slow/", slow), path("", include("rtcportal.urls"))]
