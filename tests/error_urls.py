"""The site's addresses and one that fails, for the server-error page's tests."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from newsdesk.urls import urlpatterns as site_urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


urlpatterns = [
    *i18n_patterns(path("fail/", fail), prefix_default_language=False),
    *site_urlpatterns,
]
