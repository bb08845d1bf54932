"""The site's URLs plus the benchmark's floor: a hello-world view (bench settings only)."""

from django.http import HttpResponse
from django.urls import path

from .urls import urlpatterns as site_urlpatterns


def hello(request):
    """The fastest answer this Django and gunicorn can give: the floor pages are compared with."""
    return HttpResponse(b"Hello, world", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *site_urlpatterns]
